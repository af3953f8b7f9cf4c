import uPlot from "uplot";
import {
  ApiError,
  dateLocale,
  deleteJson,
  getJson,
  h,
  OfflineError,
  postJson,
  putJson,
  show,
  store,
  t,
  UPLOT_CSS,
} from "./kernel";
import {
  type AccountEntry,
  type DiaryConflict,
  forgetLocal,
  keepLocally,
  keepMine,
  keepTheirs,
  type LocalDiaryEntry,
  localEntries,
  uploadLocal,
} from "./diary-local";
import { errorText, problemText } from "./errors";
import { parseNumber } from "./numbers";
import { planMarks } from "./plan-view";
import type { Trend } from "../../src/diary/follow-up";
import type { Triage } from "../../src/engine/types";

/** The diary as the API returns it (GET /api/diary). */
export interface DiaryEntry {
  id: string;
  /** The account's revision of it (the sync API); an edit is sent on it. */
  revision?: number;
  kind: "workout" | "checkin";
  date: string;
  activity?: string;
  exercises?: { exercise: string; sets?: number; load_kg?: number }[];
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
    triage: Triage;
    previous_triage?: Triage;
    changed: boolean;
    checkin_due: boolean;
    course: { duration_days: number; intensity: number; trend: Trend };
    assessment: { triage: string; reasons: { rule: string; level: string }[] };
    insight: {
      exercises: { exercise: string; sessions: number; pain_sessions: number }[];
      flagged: { exercise: string; sessions: number; pain_sessions: number }[];
      advice: string[];
    };
  };
  problems: { code?: string; path?: string; message: string }[];
}

const ACTIVITIES = [
  "weightlifting",
  "running",
  "trampoline",
  "gymnastics",
  "dance",
  "jumping_sports",
  "contact_sport",
  "throwing",
  "swimming",
  "cycling",
  "racket_sport",
  "skiing",
  "heavy_physical_work",
  "other_sport",
];
const EXERCISES = [
  "deadlift",
  "squat",
  "bench_press",
  "leg_extension",
  "leg_press",
  "clean_and_jerk",
  "snatch",
  "overhead_press",
  "barbell_row",
  "back_extension",
  "crunches",
  "running",
  "jumping",
  "somersault",
  "other",
];
const today = (): string => new Date().toISOString().slice(0, 10);
const dayMs = (d: string): number => Date.parse(`${d}T00:00:00Z`) / 1000;

const DAY = 86_400;
/** A diary day as the chosen language writes it: "27 Nov" in English, "27 нояб." in Russian. */
export const dayLabel = (d: string, opts: Intl.DateTimeFormatOptions = { day: "numeric", month: "short" }): string =>
  new Date(`${d}T00:00:00Z`).toLocaleDateString(dateLocale(), { ...opts, timeZone: "UTC" });

/**
 * Pain over time, drawn by uPlot (a maintained chart library, canvas). Workout days are dashed vertical
 * lines across the whole chart, never a point at some pain value; the x axis ticks whole days only, in
 * the chosen language; one entry gets a day either side instead of an axis spanning years.
 */
// The points come from the server (one per day, the whole diary), not from the page of entries shown.
export function diaryChart(chart: ChartDay[], width: number, height = 220, plugins: uPlot.Plugin[] = []): HTMLElement {
  const days = chart.map((d) => d.date);
  const pain = chart.map((d) => d.pain);
  const workoutDays = chart.filter((d) => d.workout).map((d) => dayMs(d.date));
  // uPlot's stylesheet joins the page with the first chart: nobody else loads it.
  if (!document.querySelector("link[data-uplot]"))
    document.head.append(h("link", { rel: "stylesheet", href: UPLOT_CSS, "data-uplot": "" }));
  const box = h(
    "figure",
    { class: "chart", "aria-labelledby": "chart-title" },
    h("figcaption", { id: "chart-title" }, t("diary.chart")),
  );
  const xs = days.map(dayMs);
  const drawWorkouts = (u: uPlot): void => {
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = "#1d4ed8";
    ctx.lineWidth = 2 * devicePixelRatio;
    ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
    for (const x of workoutDays) {
      const px = u.valToPos(x, "x", true);
      ctx.beginPath();
      ctx.moveTo(px, u.bbox.top);
      ctx.lineTo(px, u.bbox.top + u.bbox.height);
      ctx.stroke();
    }
    ctx.restore();
  };
  const opts: uPlot.Options = {
    width: Math.max(280, Math.min(width, 700)),
    height,
    legend: { show: false },
    plugins,
    // Room on the right for the last day's label.
    padding: [8, 20, 0, 0],
    cursor: { show: false },
    scales: {
      // A fixed range from the data: half a day either side, so one entry is one day, not years.
      x: { time: false, auto: false, range: [xs[0]! - DAY / 2, xs.at(-1)! + DAY / 2] },
      y: { range: [0, 10] },
    },
    series: [
      {},
      {
        label: t("diary.intensity"),
        stroke: "#b91c1c",
        width: 2,
        spanGaps: true,
        points: { size: 7, fill: "#b91c1c" },
      },
    ],
    axes: [
      {
        incrs: [DAY, 2 * DAY, 7 * DAY, 14 * DAY, 28 * DAY],
        space: 56,
        values: (_u, ticks) => ticks.map((x) => dayLabel(new Date(x * 1000).toISOString().slice(0, 10))),
      },
      { incrs: [1, 2, 5], values: (_u, ticks) => ticks.map(String) },
    ],
    hooks: {
      draw: [drawWorkouts],
      // How many days the axis spans, as drawn: for tests, and for anyone reading the page's markup.
      setScale: [
        (u, key) =>
          void (
            key === "x" &&
            box.setAttribute(
              "data-days",
              String(Math.round(((u.scales["x"]?.max ?? 0) - (u.scales["x"]?.min ?? 0)) / DAY)),
            )
          ),
      ],
    },
  };
  new uPlot(opts, [xs, pain], box);
  // The legend as plain HTML: a red line is pain, a dashed blue line is a workout day.
  box.append(
    h(
      "p",
      { class: "legend", "aria-hidden": "true" },
      h("span", { class: "key pain" }),
      t("diary.intensity"),
      workoutDays.length ? h("span", { class: "key workout" }) : null,
      workoutDays.length ? t("diary.workout_day") : null,
    ),
  );
  // The same data as text, for screen readers and the printed report.
  box.append(
    h(
      "p",
      { class: "sr-only" },
      days
        .map(
          (d, i) =>
            `${dayLabel(d)}: ${pain[i] ?? "–"}${workoutDays.includes(dayMs(d)) ? ` (${t("diary.workout")})` : ""}`,
        )
        .join("; "),
    ),
  );
  return box;
}

function followUpSection(d: Diary): HTMLElement | null {
  const f = d.follow_up;
  if (!f) return d.problems.length ? h("p", { class: "note", role: "status" }, problemText(d.problems)) : null;
  return h(
    "section",
    { "aria-labelledby": "follow-up" },
    h("h2", { id: "follow-up" }, t("diary.follow_up")),
    h(
      "div",
      { class: `urgency ${f.triage}` },
      h("p", {}, h("strong", {}, t(`triage.${f.triage}.label`)), " — ", t(`triage.${f.triage}.action`)),
    ),
    h(
      "p",
      {},
      t("diary.course", {
        days: f.course.duration_days,
        intensity: f.course.intensity,
        trend: t(`diary.trend.${f.course.trend}`),
      }),
    ),
    f.previous_triage
      ? h(
          "p",
          { class: f.changed ? "changed" : "", id: "advice-change" },
          f.changed
            ? t("diary.changed", { from: t(`triage.${f.previous_triage}.label`), to: t(`triage.${f.triage}.label`) })
            : t("diary.unchanged"),
        )
      : null,
    h(
      "ul",
      { class: "plain" },
      f.assessment.reasons
        .filter((r) => r.level === f.assessment.triage)
        .map((r) => h("li", {}, t(`rule.${r.rule}.reason`))),
    ),
    f.insight.exercises.length
      ? h(
          "div",
          {},
          h("h3", {}, t("diary.training_insight")),
          h(
            "ul",
            { class: "plain" },
            f.insight.exercises.map((x) =>
              h(
                "li",
                {},
                t("diary.exercise_stats", {
                  exercise: t(`option.exercises.${x.exercise}`),
                  pain: x.pain_sessions,
                  sessions: x.sessions,
                }),
              ),
            ),
          ),
          f.insight.flagged.length
            ? f.insight.flagged.map((x) =>
                h(
                  "p",
                  { class: "flagged" },
                  t("diary.recurring", {
                    exercise: t(`option.exercises.${x.exercise}`),
                    pain: x.pain_sessions,
                    sessions: x.sessions,
                  }),
                ),
              )
            : h("p", {}, t("diary.no_pattern")),
          h(
            "ul",
            { class: "plain" },
            f.insight.advice.map((a) =>
              h("li", {}, h("strong", {}, t(`advice.${a}.title`)), ": ", t(`advice.${a}.text`)),
            ),
          ),
        )
      : null,
  );
}

/** A labelled control, and a labelled checkbox: the two shapes every diary form is made of. */
const field = (control: HTMLElement, label: string): HTMLElement[] => [
  h("label", { for: control.id, class: "field" }, label),
  control,
];
const tick = (box: HTMLElement, label: string): HTMLElement =>
  h("label", { class: "check", for: box.id }, box, h("span", {}, label));
/** A number typed as text: "1,5" and "1.5" both read as one and a half (see numbers.ts). */
const numberInput = (id: string, value: number | string | undefined, decimal = true): HTMLInputElement =>
  h("input", {
    type: "text",
    id,
    inputmode: decimal ? "decimal" : "numeric",
    autocomplete: "off",
    class: "num",
    value: value ?? "",
  }) as HTMLInputElement;

/**
 * Reads an optional number field: undefined when empty, a number when it reads as one, and a sentence
 * naming the field when it does not (nothing is sent then).
 */
function readNumber(
  input: HTMLInputElement,
  label: string,
  min: number,
  max: number,
  whole: boolean,
): number | undefined | string {
  if (input.value.trim() === "") return undefined;
  const v = parseNumber(input.value);
  if (v === undefined || v < min || v > max || (whole && !Number.isInteger(v)))
    return t(whole ? "err.whole_between" : "err.between", { field: label, min, max });
  return v;
}

function checkinForm(onSaved: Redraw, editing?: Editable): HTMLElement {
  const date = h("input", {
    type: "date",
    id: "ci-date",
    max: today(),
    value: editing?.date ?? today(),
    required: true,
  }) as HTMLInputElement;
  const intensity = numberInput("ci-intensity", editing?.intensity, false);
  const age = numberInput("ci-age", editing?.age ?? localStorage.getItem("backcheck.age") ?? "", false);
  const night = h("input", {
    type: "checkbox",
    id: "ci-night",
    checked: editing?.findings?.["night_pain"] === true,
  }) as HTMLInputElement;
  const weak = h("input", {
    type: "checkbox",
    id: "ci-weak",
    checked: editing?.findings?.["leg_weakness"] === true,
  }) as HTMLInputElement;
  const error = h("p", { class: "error", role: "alert", id: "ci-error" });
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const pain =
      intensity.value.trim() === ""
        ? t("err.required", { field: t("diary.intensity") })
        : readNumber(intensity, t("diary.intensity"), 0, 10, true);
    const years = readNumber(age, t("finding.age.label"), 0, 120, false);
    const wrong = [pain, years].filter((x): x is string => typeof x === "string");
    if (wrong.length) {
      error.textContent = wrong.join(" ");
      return;
    }
    const body: Record<string, unknown> = { kind: "checkin", date: date.value, intensity: pain };
    if (typeof years === "number") {
      body["age"] = years;
      localStorage.setItem("backcheck.age", String(years));
    }
    const findings: Record<string, boolean> = {};
    if (night.checked) findings["night_pain"] = true;
    if (weak.checked) findings["leg_weakness"] = true;
    if (Object.keys(findings).length) body["findings"] = findings;
    await save(body, error, onSaved, editing);
  };
  return h(
    "form",
    { onsubmit: submit, id: "checkin-form", "aria-labelledby": "ci-title", novalidate: true },
    h(
      "h2",
      { id: "ci-title", "data-focus": editing !== undefined },
      editing ? `${t("diary.edit")}: ${t("diary.checkin")}` : t("diary.checkin"),
    ),
    ...field(date, t("diary.date")),
    ...field(intensity, t("diary.intensity")),
    ...field(age, t("finding.age.label")),
    tick(night, t("diary.night_pain")),
    tick(weak, t("diary.leg_weakness")),
    error,
    h("button", { class: "btn primary", type: "submit", id: "ci-save" }, t("diary.save")),
  );
}

/** A workout: what, when, how long, warmed up, how hard it felt, and per exercise the sets and load. */
function workoutForm(onSaved: Redraw, editing?: Editable): HTMLElement {
  const date = h("input", {
    type: "date",
    id: "wo-date",
    max: today(),
    value: editing?.date ?? today(),
    required: true,
  }) as HTMLInputElement;
  const activity = h(
    "select",
    { id: "wo-activity" },
    ACTIVITIES.map((a) => h("option", { value: a, selected: a === editing?.activity }, t(`option.activity.${a}`))),
  ) as HTMLSelectElement;
  const hours = numberInput("wo-hours", editing?.hours);
  const effort = numberInput("wo-effort", editing?.effort, false);
  const warm = h("input", {
    type: "checkbox",
    id: "wo-warm",
    checked: editing?.warmed_up === true,
  }) as HTMLInputElement;
  const rows = EXERCISES.map((x) => {
    const had = editing?.exercises?.find((e) => e.exercise === x);
    const box = h("input", {
      type: "checkbox",
      id: `wo-${x}`,
      value: x,
      name: "wo-exercise",
      checked: had !== undefined,
    }) as HTMLInputElement;
    const sets = numberInput(`wo-${x}-sets`, had?.sets, false);
    const load = numberInput(`wo-${x}-load`, had?.load_kg);
    const details = h(
      "div",
      { class: "details", hidden: had === undefined },
      h("label", { for: sets.id }, t("diary.sets")),
      sets,
      h("label", { for: load.id }, t("diary.load")),
      load,
    );
    box.addEventListener("change", () => (details.hidden = !box.checked));
    return { x, box, sets, load, el: h("div", { class: "exercise" }, tick(box, t(`option.exercises.${x}`)), details) };
  });
  const error = h("p", { class: "error", role: "alert", id: "wo-error" });
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const wrong: string[] = [];
    const num = (v: number | string | undefined): number | undefined => {
      if (typeof v !== "string") return v;
      wrong.push(v);
      return undefined;
    };
    const exercises = rows
      .filter((r) => r.box.checked)
      .map((r) => {
        const name = t(`option.exercises.${r.x}`);
        const item: Record<string, unknown> = { exercise: r.x };
        const sets = num(readNumber(r.sets, `${name}: ${t("diary.sets")}`, 1, 100, true));
        const load = num(readNumber(r.load, `${name}: ${t("diary.load")}`, 0, 1000, false));
        if (sets !== undefined) item["sets"] = sets;
        if (load !== undefined) item["load_kg"] = load;
        return item;
      });
    const h2 = num(readNumber(hours, t("finding.session_hours.label"), 0, 24, false));
    const eff = num(readNumber(effort, t("diary.effort"), 1, 10, true));
    if (wrong.length) {
      error.textContent = wrong.join(" ");
      return;
    }
    const body: Record<string, unknown> = {
      kind: "workout",
      date: date.value,
      activity: activity.value,
      exercises,
      warmed_up: warm.checked,
    };
    if (h2 !== undefined) body["hours"] = h2;
    if (eff !== undefined) body["effort"] = eff;
    await save(body, error, onSaved, editing);
  };
  return h(
    "form",
    { onsubmit: submit, id: "workout-form", "aria-labelledby": "wo-title", novalidate: true },
    h(
      "h2",
      { id: "wo-title", "data-focus": editing !== undefined },
      editing ? `${t("diary.edit")}: ${t("diary.workout")}` : t("diary.workout"),
    ),
    ...field(date, t("diary.date")),
    ...field(activity, t("finding.activity.label")),
    h(
      "fieldset",
      { class: "plainset" },
      h("legend", { class: "field" }, t("diary.exercises")),
      ...rows.map((r) => r.el),
    ),
    ...field(hours, t("finding.session_hours.label")),
    ...field(effort, t("diary.effort")),
    tick(warm, t("finding.warmed_up.label")),
    error,
    h("button", { class: "btn primary", type: "submit", id: "wo-save" }, t("diary.save")),
  );
}

/** An entry the forms can edit: one of the account (with its revision) or one kept on this device. */
type Editable = DiaryEntry & { local?: LocalDiaryEntry };
/** Draws the diary page again, with a sentence or conflicts to show at the top. */
type Redraw = (note?: { message?: string; conflicts?: DiaryConflict[] }) => Promise<void>;

/**
 * Saves a form's entry. Logged out, it stays on this device (nothing is sent). Logged in, a new entry goes
 * to the account under an id made here, and an edit on the revision it was made from; without a
 * connection either is kept on this device for "Save to my account". An edit the account has changed
 * since (409) is shown to the person as a conflict, never written over.
 */
async function save(
  body: Record<string, unknown>,
  error: HTMLElement,
  onSaved: Redraw,
  editing?: Editable,
): Promise<void> {
  const id = editing?.id ?? crypto.randomUUID();
  try {
    if (editing?.local || !store.user) {
      await keepLocally(body, id, editing?.local?.base_revision, editing?.local?.created_at);
      return onSaved({ message: t("web.diary_kept_here") });
    }
    if (editing) await putJson(`/api/diary/entries/${id}`, { ...body, base_revision: editing.revision });
    else await postJson("/api/diary/entries", { id, ...body });
    await onSaved();
  } catch (e) {
    if (e instanceof OfflineError) {
      await keepLocally(body, id, editing?.revision);
      return onSaved({ message: t("web.diary_kept_here") });
    }
    const current = e instanceof ApiError ? (e.body as { current?: AccountEntry } | undefined)?.current : undefined;
    if (editing && e instanceof ApiError && e.status === 409 && current) {
      // Kept here until the person chooses, so leaving the page loses neither version.
      await keepLocally(body, id, editing.revision);
      const local = (await localEntries()).find((l) => l.id === id)!;
      return onSaved({ conflicts: [{ local, current }] });
    }
    error.textContent = errorText(e);
  }
}

type EntryFields = Omit<DiaryEntry, "id">;
const entryText = (e: EntryFields): string =>
  `${dayLabel(e.date, { day: "numeric", month: "short", year: "numeric" })} · ${
    e.kind === "workout"
      ? `${t("diary.workout")}: ${(e.exercises ?? []).map((x) => t(`option.exercises.${x.exercise}`)).join(", ") || t(`option.activity.${e.activity}`)}`
      : `${t("diary.checkin")}: ${e.intensity}/10`
  } `;
const fieldsOf = (l: LocalDiaryEntry): EntryFields => l.entry as unknown as EntryFields;

/** An entry changed both here and in the account: both versions, and the person's choice. */
function conflictBox(c: DiaryConflict, redraw: Redraw): HTMLElement {
  const choose = (f: (c: DiaryConflict) => Promise<void>) => async (): Promise<void> => {
    try {
      await f(c);
      await redraw();
    } catch (e) {
      await redraw({ message: errorText(e) });
    }
  };
  return h(
    "div",
    { class: "conflict note", role: "alert", "data-id": c.local.id },
    h("p", {}, h("strong", {}, t("web.diary_conflict"))),
    h("p", {}, h("strong", {}, `${t("web.sync_this_device")}: `), entryText(fieldsOf(c.local))),
    h("p", {}, h("strong", {}, `${t("web.sync_in_account")}: `), entryText(c.current as unknown as EntryFields)),
    h(
      "div",
      { class: "row" },
      h(
        "button",
        { class: "btn small", type: "button", "data-keep": "mine", onclick: choose(keepMine) },
        t("web.sync_keep_mine"),
      ),
      h(
        "button",
        { class: "btn small", type: "button", "data-keep": "theirs", onclick: choose(keepTheirs) },
        t("web.sync_keep_theirs"),
      ),
    ),
  );
}

/**
 * The entries kept on this device and not (yet) in the account, with "Save to my account" when the
 * account can be reached.
 */
function localSection(
  local: LocalDiaryEntry[],
  canSave: boolean,
  redraw: Redraw,
  edit: (e: Editable) => void,
): HTMLElement | null {
  if (!local.length) return null;
  const status = h("p", { role: "status", id: "diary-sync-status" });
  const problems = h("div", { id: "diary-sync-problems" });
  const upload = async (): Promise<void> => {
    button?.setAttribute("disabled", "");
    const out = await uploadLocal();
    if (!out.conflicts.length && !out.refused.length && !out.offline)
      return redraw({ message: t("web.sync_saved", { n: out.saved }) });
    button?.removeAttribute("disabled");
    status.textContent = [
      out.saved ? t("web.sync_saved", { n: out.saved }) : "",
      out.offline ? t("web.diary_offline") : "",
      ...out.refused.map((r) => `${entryText(fieldsOf(r.local)).trim()}: ${r.message}`),
    ]
      .filter(Boolean)
      .join(" ");
    problems.replaceChildren(...out.conflicts.map((c) => conflictBox(c, redraw)));
  };
  const button = canSave
    ? h(
        "button",
        { class: "btn primary", type: "button", id: "diary-sync-save", onclick: () => void upload() },
        t("web.sync_save"),
      )
    : null;
  return h(
    "section",
    { class: "sync", "aria-labelledby": "diary-local-title" },
    h("h2", { id: "diary-local-title" }, t("web.diary_local_title")),
    canSave ? h("p", {}, t("web.diary_pending", { n: local.length })) : null,
    h(
      "ul",
      { class: "plain entries", id: "device-diary" },
      [...local].reverse().map((l) =>
        h(
          "li",
          { "data-id": l.id },
          entryText(fieldsOf(l)),
          l.base_revision !== undefined ? h("span", { class: "help" }, t("web.diary_local_edit")) : null,
          h(
            "button",
            {
              class: "btn small",
              type: "button",
              "aria-label": `${t("diary.edit")}: ${entryText(fieldsOf(l))}`,
              onclick: () => edit({ ...fieldsOf(l), id: l.id, local: l }),
            },
            t("diary.edit"),
          ),
          h(
            "button",
            {
              class: "btn small",
              type: "button",
              "aria-label": `${t("diary.delete")}: ${entryText(fieldsOf(l))}`,
              onclick: async () => {
                if (!confirm(t("diary.delete_confirm", { entry: entryText(fieldsOf(l)).trim() }))) return;
                await forgetLocal(l.id);
                await redraw();
              },
            },
            t("diary.delete"),
          ),
        ),
      ),
    ),
    button,
    status,
    problems,
  );
}

/**
 * The diary page. With an account and a connection: reminder, follow-up, chart, training insight, the two
 * forms, the entries, and any entries still kept on this device. Logged out or offline: the forms and the
 * entries kept on this device (the follow-up and the chart are worked out by the account's server).
 */
export async function diaryScreen(
  loggedIn: boolean,
  latestCase?: Record<string, unknown>,
  note: { message?: string; conflicts?: DiaryConflict[] } = {},
): Promise<void> {
  const redraw: Redraw = (n) => diaryScreen(store.user !== undefined, latestCase, n);
  const local = await localEntries();
  let d: Diary | undefined;
  let offline = !navigator.onLine;
  if (loggedIn && !offline) {
    try {
      d = await getJson<Diary>("/api/diary");
    } catch (e) {
      if (!(e instanceof OfflineError)) throw e;
      offline = true;
    }
  }
  const render = (editing?: Editable): void => {
    const width = (document.getElementById("main")?.clientWidth ?? 360) - 32;
    const why = offline
      ? h("p", { class: "note", id: "diary-offline" }, t("web.diary_offline"))
      : h(
          "p",
          { class: "note", id: "diary-logged-out" },
          t("web.diary_logged_out"),
          " ",
          h("a", { href: "#/account" }, t("web.login")),
        );
    show(
      h("h1", {}, t("diary.title")),
      note.message ? h("p", { class: "note", role: "status", id: "diary-status" }, note.message) : null,
      ...(note.conflicts ?? []).map((c) => conflictBox(c, redraw)),
      d ? null : why,
      // What is kept here comes first: offline it is the whole diary, online it waits to be saved.
      localSection(local, d !== undefined, redraw, render),
      d?.follow_up?.checkin_due
        ? h("p", { class: "note", role: "status", id: "reminder" }, t("diary.checkin_due"))
        : null,
      d ? followUpSection(d) : null,
      d ? (d.chart.length ? diaryChart(d.chart, width) : h("p", {}, t("diary.no_entries"))) : null,
      editing?.kind === "workout" ? null : checkinForm(redraw, editing),
      editing?.kind === "checkin" ? null : workoutForm(redraw, editing),
      editing
        ? h(
            "button",
            { class: "btn small", type: "button", id: "cancel-edit", onclick: () => render() },
            t("diary.cancel"),
          )
        : null,
      d?.entries.length
        ? h(
            "section",
            { "aria-labelledby": "entries-title" },
            h("h2", { id: "entries-title" }, t("diary.entries")),
            h(
              "ul",
              { class: "plain entries" },
              [...d.entries].reverse().map((e) =>
                h(
                  "li",
                  {},
                  entryText(e),
                  h(
                    "button",
                    {
                      class: "btn small",
                      "data-edit": e.id,
                      "aria-label": `${t("diary.edit")}: ${entryText(e)}`,
                      onclick: () => render(e),
                    },
                    t("diary.edit"),
                  ),
                  h(
                    "button",
                    {
                      class: "btn small",
                      "data-delete": e.id,
                      "aria-label": `${t("diary.delete")}: ${entryText(e)}`,
                      onclick: async () => {
                        if (!confirm(t("diary.delete_confirm", { entry: entryText(e).trim() }))) return;
                        await deleteJson(`/api/diary/entries/${e.id}`);
                        await redraw();
                      },
                    },
                    t("diary.delete"),
                  ),
                ),
              ),
            ),
            h(
              "p",
              {},
              h("a", { href: "/api/diary/export", download: "backcheck-diary.json" }, t("diary.export_json")),
              " · ",
              h("a", { href: "/api/diary/export?format=csv", download: "backcheck-diary.csv" }, t("diary.export_csv")),
            ),
          )
        : null,
    );
    // The return plan's stage changes, drawn on the chart once the plan is known.
    if (d)
      void planMarks(latestCase).then(
        (p) => p.length && document.querySelector("figure.chart")?.replaceWith(diaryChart(d.chart, width, 220, p)),
      );
  };
  render();
}
