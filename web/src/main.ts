import { ApiError, deleteJson, getJson, OfflineError, postJson } from "./api";
import { h, show } from "./dom";
import { initialLang, lang, LANGS, setLang, t } from "./i18n";
import { diaryChart, diaryScreen, type Diary } from "./diary-view";
import { planScreen } from "./plan-view";
import { resultView } from "./result-view";
import { storySection } from "./story-view";
import type { Assessment, Interview, Question, Source, User } from "./types";

/**
 * The page: start, one question per screen, the result, the account. It keeps the current interview's
 * id in localStorage, so a person who closes the page or loses the connection continues where they were.
 */
const SAVED = "backcheck.interview";
const PENDING = "backcheck.pending";

let interview: Interview | undefined;
let user: User | undefined;
let sources: Source[] = [];
/** A logged-in person following pain in the diary is reminded when a check-in is due. */
let checkinDue = false;

interface Pending {
  id: string;
  question: string;
  answer: unknown;
  revision: number;
}

const interviewUrl = (id: string, path = ""): string => `/api/interviews/${id}${path}?lang=${lang()}`;

function caseOf(i: Interview): Record<string, unknown> {
  return Object.assign({}, ...i.state.steps.map((s) => s.answers)) as Record<string, unknown>;
}

function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.body?.problems?.map((p) => p.message).join(" ") || t("web.error");
  return t("web.error");
}

// ---------- navigation and language ----------

function renderNav(): void {
  const select = h(
    "select",
    { "aria-label": t("web.language"), id: "lang" },
    LANGS.map((l) => h("option", { value: l.code, selected: l.code === lang() }, l.name)),
  ) as HTMLSelectElement;
  select.addEventListener("change", () => void switchLang(select.value));
  const account = h("a", { href: "#/account" }, user ? t("web.history") : t("web.login"));
  const diary = user ? h("a", { href: "#/diary", id: "nav-diary" }, t("diary.title")) : null;
  const plan = user ? h("a", { href: "#/plan", id: "nav-plan" }, t("plan.title")) : null;
  document.getElementById("nav")!.replaceChildren(...(diary ? [diary] : []), ...(plan ? [plan] : []), account, select);
  document.getElementById("skip")!.textContent = t("web.skip_link");
  document.getElementById("foot")!.replaceChildren(h("p", {}, t("disclaimer")));
}

async function switchLang(code: string): Promise<void> {
  await setLang(code);
  renderNav();
  // A running interview is re-worded in the new language from where it is; nothing is lost.
  if (interview) interview = await getJson<Interview>(interviewUrl(interview.id));
  await route();
}

// ---------- screens ----------

function startScreen(): void {
  const saved = localStorage.getItem(SAVED);
  show(
    h("h1", {}, "backcheck"),
    h("p", { class: "lead" }, t("web.tagline")),
    h("p", { class: "note", role: "note" }, t("web.emergency_note")),
    checkinDue ? h("p", { class: "note", role: "status", id: "reminder" }, h("a", { href: "#/diary" }, t("diary.checkin_due"))) : null,
    storySection((answers) => void startInterview(answers), startScreen),
    saved && interview && !interview.step.done ? h("button", { class: "btn primary", onclick: () => (location.hash = "#/interview") }, t("web.continue_interview")) : null,
    h("button", { class: `btn ${saved && interview && !interview.step.done ? "" : "primary"}`, id: "start", onclick: () => void startInterview() }, saved && interview && !interview.step.done ? t("web.new_interview") : t("web.start")),
    h("p", { class: "help" }, t("web.start_note")),
  );
}

async function startInterview(answers?: Record<string, unknown>): Promise<void> {
  try {
    // answers: what the person confirmed from their own words (story-view); they are not asked again.
    interview = await postJson<Interview>("/api/interviews", { lang: lang(), ...(answers ? { answers } : {}) });
    localStorage.setItem(SAVED, interview.id);
    localStorage.removeItem(PENDING);
    if (location.hash === "#/interview") await route();
    else location.hash = "#/interview";
  } catch (e) {
    show(h("h1", {}, "backcheck"), h("p", { class: "error", role: "alert" }, e instanceof OfflineError ? t("web.offline") : errorText(e)), h("button", { class: "btn", onclick: () => void startInterview() }, t("web.retry")));
  }
}

async function send(p: Pending): Promise<void> {
  localStorage.setItem(PENDING, JSON.stringify(p));
  try {
    interview = await postJson<Interview>(interviewUrl(p.id, "/answer"), { question: p.question, answer: p.answer, revision: p.revision });
    localStorage.removeItem(PENDING);
    await route();
  } catch (e) {
    if (e instanceof OfflineError) {
      offlineScreen(p);
      return;
    }
    localStorage.removeItem(PENDING);
    if (e instanceof ApiError && e.status === 409) {
      // Already stored (the reply was lost) or changed elsewhere: continue from what the server has.
      interview = await getJson<Interview>(interviewUrl(p.id));
      await route();
      return;
    }
    questionScreen(errorText(e));
  }
}

function offlineScreen(p: Pending): void {
  const retry = (): void => void send(p);
  window.addEventListener("online", retry, { once: true });
  show(h("h1", {}, t("web.loading")), h("p", { class: "error", role: "alert" }, t("web.offline")), h("button", { class: "btn primary", onclick: retry }, t("web.retry")));
}

async function goBack(): Promise<void> {
  if (!interview) return;
  try {
    interview = await postJson<Interview>(interviewUrl(interview.id, "/back"), { revision: interview.revision });
    await route();
  } catch (e) {
    questionScreen(e instanceof OfflineError ? t("web.offline") : errorText(e));
  }
}

function answerControls(q: Question, submit: (value: unknown) => void, setError: (m: string) => void): HTMLElement[] {
  const dontKnow = h("button", { class: "btn quiet", "data-answer": "unknown", onclick: () => submit("unknown") }, q.unknown_label);
  if (q.kind === "number" || q.kind === "integer") {
    const input = h("input", { type: "number", id: "answer", inputmode: q.kind === "integer" ? "numeric" : "decimal", min: q.min, max: q.max, step: q.kind === "integer" ? 1 : "any", required: true }) as HTMLInputElement;
    const go = (e?: Event): void => {
      e?.preventDefault();
      const v = Number(input.value.replace(",", "."));
      if (input.value.trim() === "" || !Number.isFinite(v) || (q.min !== undefined && v < q.min) || (q.max !== undefined && v > q.max) || (q.kind === "integer" && !Number.isInteger(v))) {
        setError(t("web.number_range", { min: q.min ?? 0, max: q.max ?? "…" }));
        input.focus();
        return;
      }
      submit(v);
    };
    input.setAttribute("aria-labelledby", "question");
    const form = h("form", { onsubmit: go }, input, h("button", { class: "btn primary", type: "submit" }, t("web.next")));
    return [form, dontKnow];
  }
  if (q.kind === "multi" || q.kind === "checklist") {
    const boxes = (q.options ?? []).map((o, i) => {
      const id = `opt-${i}`;
      return h("label", { class: "check", for: id }, h("input", { type: "checkbox", id, value: o.value, name: "answer" }), h("span", {}, o.label));
    });
    const go = (e: Event): void => {
      e.preventDefault();
      const chosen = [...document.querySelectorAll<HTMLInputElement>("input[name=answer]:checked")].map((x) => x.value);
      if (chosen.length < (q.min_items ?? 0)) {
        setError(t("web.required"));
        return;
      }
      submit(chosen);
    };
    const none = q.kind === "checklist" ? h("button", { class: "btn", type: "button", id: "none", onclick: () => submit([]) }, t("web.none_of_these")) : null;
    return [h("form", { onsubmit: go, "aria-labelledby": "question" }, ...boxes, h("button", { class: "btn primary", type: "submit" }, t("web.next"))), ...(none ? [none] : []), dontKnow];
  }
  // single choice and yes/no: one tap answers
  return [
    h("div", { role: "group", "aria-labelledby": "question" }, (q.options ?? []).map((o) => h("button", { class: "btn", "data-answer": o.value, onclick: () => submit(o.value) }, o.label))),
    dontKnow,
  ];
}

function questionScreen(error?: string): void {
  if (!interview || interview.step.done) return void route();
  const step = interview.step;
  const q = step.question;
  const n = interview.state.steps.filter((s) => s.question !== "story").length + 1;
  const errorBox = h("p", { class: "error", role: "alert", id: "error" }, error ?? "");
  const submit = (value: unknown): void => void send({ id: interview!.id, question: q.id, answer: value, revision: interview!.revision });
  // A bar that fills as questions are answered; its end is an estimate (about twelve), never a promise.
  const pct = Math.min(95, Math.round((n / Math.max(12, n + step.red_flags_left)) * 100));
  show(
    h("p", { class: "progress" }, t("web.question_n", { n }), step.phase === "red_flag" ? ` · ${t("web.safety_first")}` : ""),
    h("div", { class: "bar", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": pct, "aria-label": t("web.question_n", { n }) }, h("span", { style: `width:${pct}%` })),
    h("h1", { id: "question", "data-question": q.id, "data-kind": q.kind }, q.text),
    q.help ? h("p", { class: "help" }, q.help) : null,
    errorBox,
    ...answerControls(q, submit, (m) => (errorBox.textContent = m)),
    interview.state.steps.length > 0 ? h("button", { class: "btn small", id: "back", onclick: () => void goBack() }, `← ${t("web.back")}`) : null,
  );
}

/** With an account, the pain diary's chart joins the result and the printed report. */
async function appendDiaryChart(): Promise<void> {
  if (!user) return;
  const d = await getJson<Diary>("/api/diary").catch(() => undefined);
  const anchor = document.querySelector("main .no-print");
  if (!d?.chart.length || !anchor) return;
  anchor.before(h("section", { class: "diary-chart" }, diaryChart(d.chart, (document.getElementById("main")?.clientWidth ?? 360) - 32)));
}

function resultScreen(a: Assessment, answers: Record<string, unknown>, date: Date): void {
  const download = (): void => {
    const blob = new Blob([JSON.stringify(answers, null, 2)], { type: "application/json" });
    const link = h("a", { href: URL.createObjectURL(blob), download: "backcheck-answers.json" }) as HTMLAnchorElement;
    link.click();
    URL.revokeObjectURL(link.href);
  };
  show(
    resultView(a, answers, sources, date),
    h(
      "div",
      { class: "no-print" },
      h("button", { class: "btn primary", id: "print", onclick: () => window.print() }, t("web.print")),
      h("button", { class: "btn", id: "download", onclick: download }, t("web.download")),
      a.triage === "emergency" || a.triage === "urgent" ? null : h("a", { class: "btn", id: "open-plan", href: "#/plan" }, t("plan.open")),
      h("button", { class: "btn", onclick: () => void startInterview() }, t("web.new_interview")),
    ),
  );
  void appendDiaryChart();
}

async function accountScreen(error?: string): Promise<void> {
  if (!user) {
    const email = h("input", { type: "email", id: "email", autocomplete: "email", required: true }) as HTMLInputElement;
    const password = h("input", { type: "password", id: "password", autocomplete: "current-password", minlength: 8, required: true }) as HTMLInputElement;
    const errorBox = h("p", { class: "error", role: "alert" }, error ?? "");
    const submit = async (path: string): Promise<void> => {
      try {
        const r = await postJson<{ user: User }>(path, { email: email.value, password: password.value });
        user = r.user;
        renderNav();
        await accountScreen();
      } catch (e) {
        errorBox.textContent = e instanceof OfflineError ? t("web.offline") : errorText(e);
      }
    };
    show(
      h("h1", {}, t("web.account")),
      h("p", {}, t("web.account_note")),
      errorBox,
      h(
        "form",
        { onsubmit: (e: Event) => (e.preventDefault(), void submit("/api/auth/login")) },
        h("label", { for: "email", class: "field" }, t("web.email")),
        email,
        h("label", { for: "password", class: "field" }, t("web.password")),
        password,
        h("p", { class: "help" }, t("web.password_hint")),
        h("button", { class: "btn primary", type: "submit", id: "login" }, t("web.login")),
        h("button", { class: "btn", type: "button", id: "register", onclick: () => void submit("/api/auth/register") }, t("web.register")),
      ),
    );
    return;
  }
  const history = await getJson<{ id: string; created_at: string; case: Record<string, unknown>; result: Assessment }[]>("/api/me/assessments");
  show(
    h("h1", {}, t("web.history")),
    h("p", {}, t("web.logged_in_as", { email: user.email })),
    history.length
      ? h(
          "ul",
          { class: "history plain" },
          history.map((x) =>
            h(
              "li",
              {},
              h("button", { class: "btn", onclick: () => resultScreen(x.result, x.case, new Date(x.created_at)) }, `${new Date(x.created_at).toLocaleString()} · ${t(`triage.${x.result.triage}.label`)} · ${t(`condition.${x.result.conditions[0]?.id ?? ""}.name`)}`),
            ),
          ),
        )
      : h("p", {}, t("web.history_empty")),
    h("h2", {}, t("web.account")),
    h("a", { class: "btn small", href: "/api/me/export", download: "backcheck-export.json" }, t("web.export")),
    h(
      "div",
      { class: "row" },
      h(
        "button",
        {
          class: "btn small",
          id: "logout",
          onclick: async () => {
            await postJson("/api/auth/logout");
            user = undefined;
            renderNav();
            location.hash = "#/";
          },
        },
        t("web.logout"),
      ),
      h(
        "button",
        {
          class: "btn small",
          id: "delete",
          onclick: async () => {
            if (!confirm(t("web.delete_confirm"))) return;
            await deleteJson("/api/me");
            user = undefined;
            localStorage.removeItem(SAVED);
            renderNav();
            location.hash = "#/";
          },
        },
        t("web.delete_account"),
      ),
    ),
  );
}

// ---------- routing ----------

async function route(): Promise<void> {
  const hash = location.hash || "#/";
  if (hash.startsWith("#/account")) return accountScreen();
  if (hash.startsWith("#/diary")) return diaryScreen(user !== undefined);
  if (hash.startsWith("#/plan")) return planScreen(user !== undefined, interview?.step.done ? caseOf(interview) : undefined);
  if (hash.startsWith("#/interview")) {
    if (!interview) return startScreen();
    if (interview.step.done) return resultScreen(interview.step.result, caseOf(interview), new Date());
    return questionScreen();
  }
  return startScreen();
}

async function boot(): Promise<void> {
  await setLang(initialLang());
  try {
    user = await getJson<User>("/api/me");
  } catch {
    user = undefined;
  }
  sources = await getJson<Source[]>("/api/sources").catch(() => []);
  if (user) checkinDue = (await getJson<Diary>("/api/diary").catch(() => undefined))?.follow_up?.checkin_due === true;
  const saved = localStorage.getItem(SAVED);
  if (saved) interview = await getJson<Interview>(interviewUrl(saved)).catch(() => undefined);
  const pending = localStorage.getItem(PENDING);
  renderNav();
  window.addEventListener("hashchange", () => void route());
  if (pending) {
    // The page was closed or the connection dropped with an answer unsent: send it now.
    await send(JSON.parse(pending) as Pending);
    return;
  }
  await route();
}

void boot();
