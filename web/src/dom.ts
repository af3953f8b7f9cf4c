/** A tiny element builder: enough for a few screens, no framework in the bundle. */
type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | ((e: Event) => void) | undefined>;

export function h(tag: string, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") el.addEventListener(key.replace(/^on/, "").toLowerCase(), value);
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return el;
}

/**
 * How long after a new screen appears a tap is ignored. A second tap of a double tap, or an impatient
 * one during the transition, lands on the new screen about 100-300 ms later and must not answer it.
 */
export const SETTLE_MS = 500;
let settledAt = 0;
let busy = false;

/** While a request is on its way, the page ignores taps and keys on its controls. */
export function setBusy(on: boolean): void {
  busy = on;
  document.getElementById("main")?.setAttribute("aria-busy", String(on));
}

/** Installed once: swallows activations that land while busy or just after a screen change. */
export function guardTaps(): void {
  const main = document.getElementById("main")!;
  const swallow = (e: Event): void => {
    // A keyboard's Enter or Space makes a click with detail 0: deliberate, never a stray second tap.
    const pointer = e instanceof MouseEvent && e.detail > 0;
    const guarded = main.hasAttribute("data-guard");
    if (busy || (guarded && pointer && performance.now() - settledAt < SETTLE_MS)) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  };
  main.addEventListener("click", swallow, true);
  main.addEventListener(
    "submit",
    (e) => {
      if (!busy) return;
      e.preventDefault();
      e.stopImmediatePropagation();
    },
    true,
  );
}

/** The interview's screens ignore taps just after they appear (the diary's forms do not need it). */
export const guardThisScreen = (): void => document.getElementById("main")!.setAttribute("data-guard", "");

/**
 * Replaces the main content and moves focus to the screen's visible heading (or the element marked
 * data-focus), so screen readers announce the new question or, on a result, the urgency.
 */
export function show(...nodes: (Node | null)[]): void {
  const main = document.getElementById("main")!;
  main.replaceChildren(...nodes.filter((n): n is Node => n !== null));
  main.removeAttribute("data-guard");
  settledAt = performance.now();
  setBusy(false);
  // Tests (and nothing else) wait for this mark before they tap, as a person would need to read first.
  main.removeAttribute("data-ready");
  const shown = settledAt;
  setTimeout(() => settledAt === shown && main.setAttribute("data-ready", ""), SETTLE_MS);
  const target =
    main.querySelector<HTMLElement>("[data-focus]") ??
    [...main.querySelectorAll<HTMLElement>("h1")].find((x) => x.getClientRects().length > 0);
  window.scrollTo(0, 0);
  if (target) {
    target.setAttribute("tabindex", "-1");
    target.focus();
  } else main.focus();
}
