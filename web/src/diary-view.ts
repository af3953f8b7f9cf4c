import uPlot from "uplot";
import { ApiError, deleteJson, getJson, OfflineError, postJson, putJson } from "./api";
import { h, show } from "./dom";
import { t } from "./i18n";
import { planMarks } from "./plan-view";

/** The diary as the API returns it (GET /api/diary). */
export interface DiaryEntry {
  id: string;
  kind: "workout" | "checkin";
  date: string;
  activity?: string;
  exercises?: { exercise: string }[];
  hours?: number;
  warmed_up?: boolean;
  effort?: number;
  intensity?: number;
  age?: number;
  findings?: Record<string, boolean>;
}
/** One point of the chart per day, aggregated by the server (GET /api/diary `chart`). */
export interface ChartDay {
  date: string;
  pain: number | null;
  workout: boolean;
}
export interface Diary {
  entries: DiaryEntry[];
  chart: ChartDay[];
  follow_up: null | {
    triage: string;
    previous_triage?: string;
    changed: boolean;
    checkin_due: boolean;
    course: { duration_days: number; intensity: number; trend: string };
    assessment: { triage: string; reasons: { rule: string; level: string }[] };
    insight: { exercises: { exercise: string; sessions: number; pain_sessions: number }[]; flagged: { exercise: string; sessions: number; pain_sessions: number }[]; advice: string[] };
  };
  problems: { message: string }[];
}

const ACTIVITIES = ["weightlifting", "running", "trampoline", "gymnastics", "dance", "jumping_sports", "contact_sport", "throwing", "swimming", "cycling", "racket_sport", "skiing", "heavy_physical_work", "other_sport"];
const EXERCISES = ["deadlift", "squat", "bench_press", "leg_extension", "leg_press", "clean_and_jerk", "snatch", "overhead_press", "barbell_row", "back_extension", "crunches", "running", "jumping", "somersault", "other"];
const today = (): string => new Date().toISOString().slice(0, 10);
const dayMs = (d: string): number => Date.parse(`${d}T00:00:00Z`) / 1000;

/** Pain over time with workouts marked, drawn by uPlot (a maintained chart library, canvas). */
export function diaryChart(chart: ChartDay[], width: number, plugins: uPlot.Plugin[] = []): HTMLElement {
  const days = chart.map((d) => d.date);
  const pain = chart.map((d) => d.pain);
  const workouts = chart.map((d) => (d.workout ? 0 : null));
  const box = h("figure", { class: "chart", "aria-label": t("diary.chart") }, h("figcaption", {}, t("diary.chart")));
  const opts: uPlot.Options = {
    width: Math.max(280, Math.min(width, 700)),
    height: 220,
    scales: { y: { range: [0, 10] } },
    plugins,
    series: [
      {},
      { label: t("diary.intensity"), stroke: "#b91c1c", width: 2, spanGaps: true, points: { size: 7 } },
      { label: t("diary.workout"), stroke: "#1d4ed8", width: 0, points: { size: 11, fill: "#1d4ed8", stroke: "#1d4ed8" } },
    ],
    axes: [{}, { values: (_u, ticks) => ticks.map(String) }],
  };
  new uPlot(opts, [days.map(dayMs), pain, workouts], box);
  // The same data as text, for screen readers and the printed report.
  box.append(h("p", { class: "sr-only" }, days.map((d, i) => `${d}: ${pain[i] ?? "–"}${workouts[i] === 0 ? ` (${t("diary.workout")})` : ""}`).join("; ")));
  return box;
}

function followUpSection(d: Diary): HTMLElement | null {
  const f = d.follow_up;
  if (!f) return d.problems.length ? h("p", { class: "error", role: "alert" }, d.problems.map((p) => p.message).join(" ")) : null;
  return h(
    "section",
    { "aria-labelledby": "follow-up" },
    h("h2", { id: "follow-up" }, t("diary.follow_up")),
    h("div", { class: `urgency ${f.triage}` }, h("p", {}, h("strong", {}, t(`triage.${f.triage}.label`)), " — ", t(`triage.${f.triage}.action`))),
    h("p", {}, t("diary.course", { days: f.course.duration_days, intensity: f.course.intensity, trend: t(`diary.trend.${f.course.trend}`) })),
    f.previous_triage
      ? h("p", { class: f.changed ? "changed" : "", id: "advice-change" }, f.changed ? t("diary.changed", { from: t(`triage.${f.previous_triage}.label`), to: t(`triage.${f.triage}.label`) }) : t("diary.unchanged"))
      : null,
    h("ul", { class: "plain" }, f.assessment.reasons.filter((r) => r.level === f.assessment.triage).map((r) => h("li", {}, t(`rule.${r.rule}.reason`)))),
    f.insight.exercises.length
      ? h(
          "div",
          {},
          h("h3", {}, t("diary.training_insight")),
          h("ul", { class: "plain" }, f.insight.exercises.map((x) => h("li", {}, t("diary.exercise_stats", { exercise: t(`option.exercises.${x.exercise}`), pain: x.pain_sessions, sessions: x.sessions })))),
          f.insight.flagged.length
            ? f.insight.flagged.map((x) => h("p", { class: "flagged" }, t("diary.recurring", { exercise: t(`option.exercises.${x.exercise}`), pain: x.pain_sessions, sessions: x.sessions })))
            : h("p", {}, t("diary.no_pattern")),
          h("ul", { class: "plain" }, f.insight.advice.map((a) => h("li", {}, h("strong", {}, t(`advice.${a}.title`)), ": ", t(`advice.${a}.text`)))),
        )
      : null,
  );
}

/** A labelled control, and a labelled checkbox: the two shapes every diary form is made of. */
const field = (control: HTMLElement, label: string): HTMLElement[] => [h("label", { for: control.id, class: "field" }, label), control];
const tick = (box: HTMLElement, label: string): HTMLElement => h("label", { class: "check", for: box.id }, box, h("span", {}, label));

function checkinForm(onSaved: (d: Diary) => void, editing?: DiaryEntry): HTMLElement {
  const date = h("input", { type: "date", id: "ci-date", max: today(), value: editing?.date ?? today(), required: true }) as HTMLInputElement;
  const intensity = h("input", { type: "number", id: "ci-intensity", min: 0, max: 10, step: 1, required: true, value: editing?.intensity ?? "" }) as HTMLInputElement;
  const age = h("input", { type: "number", id: "ci-age", min: 0, max: 120, value: editing?.age ?? localStorage.getItem("backcheck.age") ?? "" }) as HTMLInputElement;
  const night = h("input", { type: "checkbox", id: "ci-night", checked: editing?.findings?.["night_pain"] === true }) as HTMLInputElement;
  const weak = h("input", { type: "checkbox", id: "ci-weak", checked: editing?.findings?.["leg_weakness"] === true }) as HTMLInputElement;
  const error = h("p", { class: "error", role: "alert" });
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const body: Record<string, unknown> = { kind: "checkin", date: date.value, intensity: Number(intensity.value) };
    if (age.value) {
      body["age"] = Number(age.value);
      localStorage.setItem("backcheck.age", age.value);
    }
    const findings: Record<string, boolean> = {};
    if (night.checked) findings["night_pain"] = true;
    if (weak.checked) findings["leg_weakness"] = true;
    if (Object.keys(findings).length) body["findings"] = findings;
    await save(body, error, onSaved, editing);
  };
  return h(
    "form",
    { onsubmit: submit, id: "checkin-form", "aria-labelledby": "ci-title" },
    h("h3", { id: "ci-title" }, t("diary.checkin")),
    ...field(date, t("diary.date")),
    ...field(intensity, t("diary.intensity")),
    ...field(age, t("finding.age.label")),
    tick(night, t("diary.night_pain")),
    tick(weak, t("diary.leg_weakness")),
    error,
    h("button", { class: "btn primary", type: "submit", id: "ci-save" }, t("diary.save")),
  );
}

function workoutForm(onSaved: (d: Diary) => void): HTMLElement {
  const date = h("input", { type: "date", id: "wo-date", max: today(), value: today(), required: true }) as HTMLInputElement;
  const activity = h("select", { id: "wo-activity" }, ACTIVITIES.map((a) => h("option", { value: a }, t(`option.activity.${a}`)))) as HTMLSelectElement;
  const hours = h("input", { type: "number", id: "wo-hours", min: 0, max: 24, step: "any" }) as HTMLInputElement;
  const warm = h("input", { type: "checkbox", id: "wo-warm" }) as HTMLInputElement;
  const boxes = EXERCISES.map((x) => tick(h("input", { type: "checkbox", id: `wo-${x}`, value: x, name: "wo-exercise" }), t(`option.exercises.${x}`)));
  const error = h("p", { class: "error", role: "alert" });
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const exercises = [...document.querySelectorAll<HTMLInputElement>("input[name=wo-exercise]:checked")].map((x) => ({ exercise: x.value }));
    const body: Record<string, unknown> = { kind: "workout", date: date.value, activity: activity.value, exercises, warmed_up: warm.checked };
    if (hours.value) body["hours"] = Number(hours.value);
    await save(body, error, onSaved);
  };
  return h(
    "form",
    { onsubmit: submit, id: "workout-form", "aria-labelledby": "wo-title" },
    h("h3", { id: "wo-title" }, t("diary.workout")),
    ...field(date, t("diary.date")),
    ...field(activity, t("finding.activity.label")),
    h("fieldset", { class: "plainset" }, h("legend", { class: "field" }, t("diary.exercises")), ...boxes),
    ...field(hours, t("finding.session_hours.label")),
    tick(warm, t("finding.warmed_up.label")),
    error,
    h("button", { class: "btn primary", type: "submit", id: "wo-save" }, t("diary.save")),
  );
}

async function save(body: Record<string, unknown>, error: HTMLElement, onSaved: (d: Diary) => void, editing?: DiaryEntry): Promise<void> {
  try {
    // A write answers with the entry and the follow-up only; the page then reloads its diary.
    if (editing) await putJson(`/api/diary/entries/${editing.id}`, body);
    else await postJson("/api/diary/entries", body);
    onSaved(await getJson<Diary>("/api/diary"));
  } catch (e) {
    error.textContent = e instanceof OfflineError ? t("web.offline") : e instanceof ApiError ? (e.body?.problems ?? []).map((p) => `${p.path.replace(/^body\./, "")}: ${p.message}`).join("; ") : t("web.error");
  }
}

/** The diary page: reminder, follow-up, chart, training insight, the two forms, the entries. */
export async function diaryScreen(loggedIn: boolean): Promise<void> {
  if (!loggedIn) {
    show(h("h1", {}, t("diary.title")), h("p", {}, t("diary.login_needed")), h("a", { class: "btn small", href: "#/account" }, t("web.login")));
    return;
  }
  const render = (d: Diary, editing?: DiaryEntry): void => {
    const width = (document.getElementById("main")?.clientWidth ?? 360) - 32;
    show(
      h("h1", {}, t("diary.title")),
      d.follow_up?.checkin_due ? h("p", { class: "note", role: "status", id: "reminder" }, t("diary.checkin_due")) : null,
      followUpSection(d),
      d.chart.length ? diaryChart(d.chart, width) : h("p", {}, t("diary.no_entries")),
      checkinForm((x) => render(x), editing),
      workoutForm((x) => render(x)),
      d.entries.length
        ? h(
            "section",
            {},
            h("h2", {}, t("diary.title")),
            h(
              "ul",
              { class: "plain entries" },
              [...d.entries].reverse().map((e) =>
                h(
                  "li",
                  {},
                  `${e.date} · ${e.kind === "workout" ? `${t("diary.workout")}: ${(e.exercises ?? []).map((x) => t(`option.exercises.${x.exercise}`)).join(", ") || t(`option.activity.${e.activity}`)}` : `${t("diary.checkin")}: ${e.intensity}/10`} `,
                  e.kind === "checkin" ? h("button", { class: "btn small", onclick: () => render(d, e) }, t("diary.edit")) : null,
                  h("button", { class: "btn small", onclick: async () => (await deleteJson(`/api/diary/entries/${e.id}`), render(await getJson<Diary>("/api/diary"))) }, t("diary.delete")),
                ),
              ),
            ),
            h("p", {}, h("a", { href: "/api/diary/export", download: "backcheck-diary.json" }, t("diary.export_json")), " · ", h("a", { href: "/api/diary/export?format=csv", download: "backcheck-diary.csv" }, t("diary.export_csv"))),
          )
        : null,
    );
    // The return plan's stage changes, drawn on the chart once the plan is known.
    void planMarks().then((p) => p.length && document.querySelector("figure.chart")?.replaceWith(diaryChart(d.chart, width, p)));
  };
  render(await getJson<Diary>("/api/diary"));
}
