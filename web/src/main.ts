import { getJson } from "./api";
import { KNOWLEDGE_FILES } from "./build-info";
import { guardTaps } from "./dom";
import { initialLang, loadTexts, setLang } from "./i18n";
import { renderNav, whenLanguageChanges } from "./nav";
import { startScreen } from "./screens/start";
import { SAVED, savedMarker, store } from "./store";
import type { User } from "./types";

/**
 * The page: a router over one file per screen. A screen is a function of the address (#/interview/3,
 * #/account/result/<id>); add one by adding a line to ROUTES. Only the start screen is in this first
 * file; every other screen is a chunk of its own, loaded when it is first needed (the interview's, with
 * the engine and the knowledge, right after the start screen appears). The interview in progress is kept
 * in this browser (IndexedDB), so a person who closes the page continues where they were.
 */
const interview = () => import("./screens/interview");

/** The answers of the interview finished on this device, which the return plan starts from. */
async function latestCase(): Promise<Record<string, unknown> | undefined> {
  const i = store.interview ?? (await (await interview()).loadInterview());
  return i?.step.done
    ? (Object.assign({}, ...i.state.steps.map((s) => s.answers)) as Record<string, unknown>)
    : undefined;
}
const ROUTES: { prefix: string; render: (hash: string) => Promise<void> }[] = [
  { prefix: "#/account", render: async (hash) => (await import("./screens/account")).accountRoute(hash) },
  { prefix: "#/results", render: async (hash) => (await import("./screens/device")).deviceRoute(hash) },
  {
    prefix: "#/diary",
    render: async () => (await import("./diary-view")).diaryScreen(store.user !== undefined, await latestCase()),
  },
  {
    prefix: "#/interview",
    render: async (hash) => {
      const m = await interview();
      store.interview ??= await m.loadInterview();
      return m.interviewRoute(hash);
    },
  },
  {
    prefix: "#/plan",
    render: async () => {
      const m = await import("./plan-view");
      return m.planScreen(store.user !== undefined, await latestCase());
    },
  },
];

/** Who is logged in: asked beside the start screen, never before it; the other screens wait for the answer. */
let userKnown: Promise<void> = Promise.resolve();

async function route(): Promise<void> {
  const hash = location.hash || "#/";
  const r = ROUTES.find((x) => hash === x.prefix || hash.startsWith(`${x.prefix}/`));
  if (!r) return startScreen();
  await Promise.all([loadTexts(), userKnown]);
  return r.render(hash);
}

/** Asks the server who is logged in; a static host, or no connection, means nobody. */
async function whoIsThere(): Promise<void> {
  const user = await getJson<User>("/api/me").catch(() => undefined);
  if (!user) return;
  store.user = user;
  renderNav();
}

/** Whether the diary asks for a check-in, shown on the start screen when it does. */
async function checkinReminder(): Promise<void> {
  await userKnown;
  if (!store.user) return;
  const diary = await getJson<{ follow_up?: { checkin_due?: boolean } }>("/api/diary").catch(() => undefined);
  store.checkinDue = diary?.follow_up?.checkin_due === true;
  if (store.checkinDue && (location.hash || "#/") === "#/") startScreen();
}

/** The engine, the knowledge and the interview's screens, fetched while the person reads the start screen. */
function prefetch(): void {
  void loadTexts().catch(() => undefined);
  void interview()
    .then(async (m) => m.warm())
    .catch(() => undefined);
}

function boot(): void {
  // With "start-screen" (screens/start.ts): how long the first script takes to draw the start screen.
  performance.mark("app-start");
  setLang(initialLang());
  // An interview begun on other knowledge (a new version arrived since) starts again, with a message.
  const saved = savedMarker();
  if (saved && saved.version !== KNOWLEDGE_FILES.version) {
    localStorage.removeItem(SAVED);
    if (!saved.done) store.restarted = true;
  }
  whenLanguageChanges(async () => {
    // A running interview is re-worded in the new language from where it is; nothing is lost.
    await loadTexts();
    if (store.interview) await (await interview()).reword();
    renderNav();
    await route();
  });
  renderNav();
  guardTaps();
  window.addEventListener("hashchange", () => void route());
  userKnown = whoIsThere();
  void route().then(() => setTimeout(prefetch, 0));
  void checkinReminder();
  // The service worker keeps this build for offline use (sw.ts); a static host needs nothing else.
  if ("serviceWorker" in navigator && location.protocol !== "file:") {
    window.addEventListener("load", () => void navigator.serviceWorker.register("sw.js").catch(() => undefined));
  }
}

boot();
