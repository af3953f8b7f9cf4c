import {
  guardThisScreen,
  h,
  KNOWLEDGE_FILES,
  lang,
  loadTexts,
  type Marker,
  SAVED,
  setBusy,
  show,
  startScreen,
  store,
  t,
} from "../kernel";
import { setEmergencyNumbers } from "../emergency";
import { problemText } from "../errors";
import { dbDelete, dbGet, dbPut } from "../local/db";
import { answer, back, knowledge as loadKnowledge, nextStep, startFrom, type WebKnowledge } from "../local/engine";
import { parseNumber } from "../numbers";
import type { Interview, LocalResult, Question, Step } from "../types";
import { resultScreen } from "./result";

/**
 * The interview: one question a page, choose and then Continue (as NHS 111 online does), Back always
 * under the form. Every question has its own address (#/interview/3, #/interview/result) and its own
 * history entry, so the browser's Back and Forward move between questions like the page's own Back.
 *
 * It runs here, in the browser, with the engine and knowledge of this build (local/engine.ts): the answers
 * and the result stay on this device (IndexedDB) unless the person saves them to an account.
 */
interface Pending {
  id: string;
  question: string;
  answer: unknown;
  revision: number;
}

/** The knowledge in the current language; its sources and emergency numbers go where the result screen reads them. */
async function knowledge(code: string): Promise<WebKnowledge> {
  const k = await loadKnowledge(code);
  store.sources = k.sources;
  setEmergencyNumbers(k.settings.emergency_numbers);
  return k;
}

/** A stored interview: the step is worked out again on load, in the language of the moment. */
type Stored = Omit<Interview, "step">;
const CURRENT = "interview";

function caseOf(i: Pick<Interview, "state">): Record<string, unknown> {
  return Object.assign({}, ...i.state.steps.map((s) => s.answers)) as Record<string, unknown>;
}

/** The next step; a finished one carries the version of the knowledge that produced the result. */
function stepOf(state: Interview["state"], k: WebKnowledge, code: string): Step {
  const s = nextStep(state, k, code);
  return s.done ? { ...s, result: { ...s.result, knowledge_version: k.version } } : s;
}

/** Keeps the interview on this device, and its result among the results once it is finished. */
async function save(i: Interview): Promise<void> {
  const { step, ...stored } = i;
  localStorage.setItem(SAVED, JSON.stringify({ id: i.id, done: step.done, version: i.version } satisfies Marker));
  await dbPut("current", stored satisfies Stored, CURRENT);
  if (step.done) {
    const now = new Date().toISOString();
    const before = await dbGet<LocalResult>("results", i.id);
    const entry: LocalResult = {
      ...(before ?? {}),
      id: i.id,
      created_at: before?.created_at ?? now,
      updated_at: now,
      lang: i.lang,
      knowledge_version: i.version,
      case: caseOf(i),
      result: step.result,
      // Finished again after going back: a saved copy in the account is now out of date.
      ...(before?.server_revision !== undefined ? { dirty: true } : {}),
    };
    await dbPut("results", entry);
  }
}

/**
 * The interview kept on this device, in the current language. One started with other knowledge (the
 * service worker brought a new version since) is not continued on this one: never a mix of two versions.
 */
export async function loadInterview(): Promise<Interview | undefined> {
  const stored = await dbGet<Stored>("current", CURRENT);
  if (!stored) return undefined;
  if (stored.version !== KNOWLEDGE_FILES.version) {
    await dbDelete("current", CURRENT);
    localStorage.removeItem(SAVED);
    if (stored.state.steps.length > 0) store.restarted = true;
    return undefined;
  }
  const k = await knowledge(lang());
  return { ...stored, step: stepOf(stored.state, k, lang()) };
}

/** Words the interview in the current language (after the language changes), from where it is. */
export async function reword(): Promise<void> {
  const i = store.interview;
  if (!i) return;
  const k = await knowledge(lang());
  store.interview = { ...i, step: stepOf(i.state, k, lang()) };
}

/** Where the interview stands: question n, or past the last question. */
const position = (i: Interview): number => (i.step.done ? Number.POSITIVE_INFINITY : i.state.steps.length + 1);
const addressOf = (i: Interview): string =>
  i.step.done ? "#/interview/result" : `#/interview/${i.state.steps.length + 1}`;

/** Puts the interview's address in the bar: a new history entry after an answer, else in place. */
function mark(push: boolean): void {
  const i = store.interview;
  if (!i) return;
  const url = addressOf(i);
  if (location.hash === url) return;
  // `afterAnswer`: the entry before this one is the previous question, so the page's Back can use history.
  if (push) history.pushState({ afterAnswer: true }, "", url);
  else history.replaceState(history.state as unknown, "", url);
}

/** answers: what the person confirmed from their own words (story-view.ts); they are not asked again. */
export async function startInterview(answers?: Record<string, unknown>): Promise<void> {
  setBusy(true);
  try {
    await loadTexts();
    const k = await knowledge(lang());
    const started = answers ? startFrom(answers, k) : { ok: true as const, value: { version: 1 as const, steps: [] } };
    if (!started.ok) {
      show(
        h("h1", {}, "backcheck"),
        h("p", { class: "error", role: "alert" }, problemText(started.problems)),
        h("a", { class: "btn", href: "#/" }, t("web.home")),
      );
      return;
    }
    const state = started.value as Interview["state"];
    store.interview = {
      id: crypto.randomUUID(),
      revision: 0,
      lang: lang(),
      version: k.version,
      state,
      step: stepOf(state, k, lang()),
    };
    store.redo = [];
    store.restarted = false;
    await save(store.interview);
    history.pushState({}, "", addressOf(store.interview));
    render();
  } catch (e) {
    // Only when the engine could not be loaded (offline before a first visit finished) or storage failed.
    console.error(e);
    show(
      h("h1", {}, "backcheck"),
      h("p", { class: "error", role: "alert" }, t("web.engine_unavailable")),
      h("button", { class: "btn", onclick: () => void startInterview(answers) }, t("web.retry")),
    );
  }
}

/** Records one answer and shows the next question; the controls stay locked until it is shown. */
export async function send(p: Pending, fromHistory = false): Promise<void> {
  const i = store.interview;
  if (!i || i.step.done || i.id !== p.id || i.step.question.id !== p.question) return;
  setBusy(true);
  if (!fromHistory) {
    const top = store.redo.at(-1);
    if (top && top.question === p.question && JSON.stringify(top.answer) === JSON.stringify(p.answer)) store.redo.pop();
    else store.redo = [];
  }
  const k = await knowledge(lang());
  const r = answer(i.state, i.step.question, p.answer, k);
  if (!r.ok) return questionScreen(problemText(r.problems));
  const state = r.value as Interview["state"];
  store.interview = { ...i, revision: i.revision + 1, state, step: stepOf(state, k, lang()) };
  await save(store.interview);
  if (!fromHistory) {
    mark(true);
    render();
  }
}

/** The answer a stored step was given, in the form the engine takes back (for Forward). */
function answerOf(s: Interview["state"]["steps"][number]): unknown {
  if (s.question.startsWith("group.")) return Object.keys(s.answers).length ? s.answers : "unknown";
  return s.answers[s.question] ?? "unknown";
}

async function backOne(): Promise<void> {
  const i = store.interview!;
  const last = i.state.steps.at(-1);
  if (!last) return;
  store.redo.push({ question: last.question, answer: answerOf(last) });
  const k = await knowledge(lang());
  const state = back(i.state);
  store.interview = { ...i, revision: i.revision + 1, state, step: stepOf(state, k, lang()) };
  await save(store.interview);
}

/** The page's Back: through the browser's history when the previous entry is the previous question. */
function goBack(): void {
  if ((history.state as { afterAnswer?: boolean } | null)?.afterAnswer) {
    history.back();
    return;
  }
  setBusy(true);
  backOne()
    .then(() => {
      mark(false);
      render();
    })
    .catch(() => questionScreen(t("web.error")));
}

/** Moves to the question the address names: back by undoing answers, forward by re-sending undone ones. */
async function travel(target: number): Promise<void> {
  setBusy(true);
  while (store.interview && position(store.interview) > target && store.interview.state.steps.length > 0)
    await backOne();
  for (;;) {
    const i = store.interview;
    const top = store.redo.at(-1);
    if (!i || i.step.done || position(i) >= target || !top || top.question !== i.step.question.id) break;
    store.redo.pop();
    await send({ id: i.id, question: top.question, answer: top.answer, revision: i.revision }, true);
  }
}

/** #/interview and #/interview/<n|result>. */
export async function interviewRoute(hash: string): Promise<void> {
  const i = store.interview;
  if (!i) return startScreen();
  const m = /^#\/interview\/(\d+|result)$/.exec(hash);
  if (m) {
    try {
      await travel(m[1] === "result" ? Number.POSITIVE_INFINITY : Number(m[1]));
    } catch {
      return questionScreen(t("web.error"));
    }
  }
  mark(false);
  render();
}

function render(): void {
  const i = store.interview;
  if (!i) return startScreen();
  if (!i.step.done) return questionScreen();
  resultScreen(i.step.result, caseOf(i), new Date());
  guardThisScreen();
}

/** A radio or checkbox with its label: the whole row is the touch target. */
const choice = (
  type: "radio" | "checkbox",
  id: string,
  value: string,
  label: string,
  extra: Record<string, string> = {},
): HTMLElement =>
  h(
    "label",
    { class: "check", for: id },
    h("input", { type, id, value, name: "answer", ...extra }),
    h("span", {}, label),
  );

/** The answer given before Back, shown chosen again (the GOV.UK pattern: going back shows your answer). */
function previousAnswer(q: Question): unknown {
  const top = store.redo.at(-1);
  return top && top.question === q.id ? top.answer : undefined;
}

function answerControls(q: Question, submit: (value: unknown) => void, setError: (m: string) => void): HTMLElement[] {
  const prev = previousAnswer(q);
  const was = (value: string): Record<string, string> => {
    const on =
      q.kind === "checklist"
        ? typeof prev === "object" &&
          prev !== null &&
          (value === "__none"
            ? Object.values(prev).every((v) => v === false)
            : (prev as Record<string, unknown>)[value] === true)
        : Array.isArray(prev)
          ? prev.includes(value)
          : prev !== undefined && String(prev) === value;
    return on ? { checked: "" } : {};
  };
  const continueBtn = (): HTMLElement =>
    h("button", { class: "btn primary", type: "submit", id: "continue" }, t("web.next"));
  const dontKnow = h(
    "button",
    { class: "btn quiet", type: "button", "data-answer": "unknown", onclick: () => submit("unknown") },
    q.unknown_label,
  );
  if (q.kind === "number" || q.kind === "integer") {
    const input = h("input", {
      type: "text",
      id: "answer",
      value: typeof prev === "number" ? String(prev) : undefined,
      inputmode: q.kind === "integer" ? "numeric" : "decimal",
      autocomplete: "off",
      required: true,
      "aria-labelledby": "question",
      "aria-describedby": "error",
    }) as HTMLInputElement;
    const go = (e: Event): void => {
      e.preventDefault();
      const v = parseNumber(input.value);
      if (
        v === undefined ||
        (q.min !== undefined && v < q.min) ||
        (q.max !== undefined && v > q.max) ||
        (q.kind === "integer" && !Number.isInteger(v))
      ) {
        setError(
          t(q.kind === "integer" ? "web.whole_number_range" : "web.number_range", {
            min: q.min ?? 0,
            max: q.max ?? "…",
          }),
        );
        input.focus();
        return;
      }
      submit(v);
    };
    return [h("form", { onsubmit: go, novalidate: true }, input, continueBtn()), dontKnow];
  }
  if (q.kind === "multi" || q.kind === "checklist") {
    const boxes = (q.options ?? []).map((o, n) => choice("checkbox", `opt-${n}`, o.value, o.label, was(o.value)));
    const none =
      q.kind === "checklist" ? choice("checkbox", "none", "__none", t("web.none_of_these"), was("__none")) : null;
    const go = (e: Event): void => {
      e.preventDefault();
      const ticked = [...document.querySelectorAll<HTMLInputElement>("input[name=answer]:checked")].map((x) => x.value);
      const chosen = ticked.filter((v) => v !== "__none");
      if (q.kind === "checklist" && ticked.length === 0) return setError(t("web.choose_or_none"));
      if (chosen.length < (q.min_items ?? 0)) return setError(t("web.required"));
      submit(chosen);
    };
    const form = h(
      "form",
      { onsubmit: go, novalidate: true },
      h(
        "fieldset",
        { class: "plainset", "aria-labelledby": "question", "aria-describedby": "error" },
        ...boxes,
        none ? h("p", { class: "or" }, t("web.or")) : null,
        none,
      ),
      continueBtn(),
    );
    // "None of these" excludes the others, and the other way round (the GOV.UK pattern).
    form.addEventListener("change", (e) => {
      const box = e.target as HTMLInputElement;
      if (!box.checked) return;
      for (const other of form.querySelectorAll<HTMLInputElement>("input[name=answer]:checked")) {
        if (other !== box && (box.value === "__none" || other.value === "__none")) other.checked = false;
      }
    });
    return [form, dontKnow];
  }
  // Single choice and yes/no: choose, then Continue. A tap only selects, so a stray tap never answers.
  const radios = (q.options ?? []).map((o, n) =>
    choice("radio", `opt-${n}`, o.value, o.label, { "data-answer": o.value, ...was(o.value) }),
  );
  const go = (e: Event): void => {
    e.preventDefault();
    const chosen = document.querySelector<HTMLInputElement>("input[name=answer]:checked");
    if (!chosen) return setError(t("web.choose_one"));
    submit(chosen.value);
  };
  return [
    h(
      "form",
      { onsubmit: go, novalidate: true },
      h(
        "fieldset",
        { class: "plainset", role: "radiogroup", "aria-labelledby": "question", "aria-describedby": "error" },
        ...radios,
      ),
      continueBtn(),
    ),
    dontKnow,
  ];
}

export function questionScreen(error?: string): void {
  const i = store.interview;
  if (!i || i.step.done) return render();
  const step = i.step;
  const q = step.question;
  // The confirmed story is a step of its own, not a question the person was asked.
  const n = i.state.steps.filter((s) => s.question !== "story").length + 1;
  const errorBox = h("p", { class: "error", role: "alert", id: "error" }, error ?? "");
  const submit = (value: unknown): void => void send({ id: i.id, question: q.id, answer: value, revision: i.revision });
  // "Question n", and no bar: how many questions remain depends on the answers, so a bar would guess.
  // Back sits above the question, in the same place on every page (the GOV.UK back link).
  show(
    i.state.steps.length > 0
      ? h("button", { class: "btn small back", type: "button", id: "back", onclick: goBack }, `← ${t("web.back")}`)
      : null,
    h(
      "p",
      { class: "progress" },
      t("web.question_n", { n }),
      step.phase === "red_flag" ? ` · ${t("web.safety_first")}` : "",
    ),
    h("h1", { id: "question", "data-question": q.id, "data-kind": q.kind }, q.text),
    q.help ? h("p", { class: "help" }, q.help) : null,
    errorBox,
    ...answerControls(q, submit, (m) => {
      errorBox.textContent = m;
    }),
  );
  guardThisScreen();
}

/** Loads the knowledge of this build in the current language ahead of need (main.ts, after the start screen). */
export async function warm(): Promise<void> {
  await knowledge(lang());
}
