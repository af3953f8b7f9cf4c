import type { Knowledge } from "../knowledge/schema.js";
import { text } from "../knowledge/texts.js";
import type { Dose, PlanKnowledge, PlanStage } from "./knowledge.js";
import type { Plan } from "./plan.js";
import type { Decision } from "./progress.js";
import type { TextKey } from "../knowledge/text-key.js";

/** One exercise or activity step of a stage, in words. */
export interface ExerciseView {
  id: string;
  kind: "exercise" | "step";
  name: string;
  dose: Dose;
  dose_text: string;
  how: string;
  feel?: string;
  avoid: string;
  /** The drawing's file name (GET /api/plan/illustrations/<name>). */
  illustration: string;
  needs_clearance?: boolean;
  sources: string[];
}

export interface StageView {
  /** 1 to 6, as a person counts them. */
  index: number;
  id: string;
  name: string;
  goal: string;
  exercises: ExerciseView[];
  move_on: string;
  hold: string;
  step_back: string;
}

export interface ChangeView {
  date: string;
  from: { index: number; id: string };
  to: { index: number; id: string };
  rule: Decision["rule"];
  why: string;
}

/** The plan as the command line prints it with --json and the API returns it. */
export interface PlanView {
  available: boolean;
  reason?: {
    code: string;
    triage: string;
    text: string;
    because: string[];
    conditions?: string[];
    signs?: string[];
    date?: string;
  };
  triage: string;
  urgency: { label: string; action: string };
  activity: string;
  activity_plan: { id: string; name: string };
  wording?: string;
  stage: { index: number; id: string; name: string } | null;
  stages: StageView[];
  /** Today's stage, what moves it on, and the sources of today's exercises and of the pain rules. */
  today: (StageView & { next: string; sources: string[] }) | null;
  change?: ChangeView;
  history: ChangeView[];
  sources: { id: string; title: string; section?: string }[];
  disclaimer: string;
}

type T = (key: TextKey, vars?: Record<string, string | number>) => string;

const range = (v: number | [number, number]): string => (Array.isArray(v) ? `${v[0]}–${v[1]}` : String(v));
const pct = (v: number | [number, number]): string =>
  Array.isArray(v) ? `${Math.round(v[0] * 100)}–${Math.round(v[1] * 100)}` : String(Math.round(v * 100));

/** "3 sets of 10, each side, 3× a week": the dose's parts in the language's words. */
export function doseText(d: Dose, t: T): string {
  const parts: string[] = [];
  if (d.sets !== undefined && d.reps !== undefined)
    parts.push(t("plan.dose.sets_reps", { sets: d.sets, reps: d.reps }));
  else if (d.reps !== undefined) parts.push(t("plan.dose.reps", { reps: d.reps }));
  else if (d.sets !== undefined) parts.push(t("plan.dose.sets", { sets: d.sets }));
  if (d.hold_seconds !== undefined) parts.push(t("plan.dose.hold", { seconds: range(d.hold_seconds) }));
  if (d.minutes !== undefined) parts.push(t("plan.dose.minutes", { minutes: range(d.minutes) }));
  if (d.each_side) parts.push(t("plan.dose.each_side"));
  if (d.load_share !== undefined)
    parts.push(
      d.load_share === 1 ? t("plan.dose.load_full") : t("plan.dose.load_share", { percent: pct(d.load_share) }),
    );
  if (d.per_day !== undefined) parts.push(t("plan.dose.per_day", { n: d.per_day }));
  if (d.per_week !== undefined) parts.push(t("plan.dose.per_week", { n: d.per_week }));
  return parts.length ? parts.join(", ") : t("plan.dose.as_usual");
}

function stageView(p: Plan, s: PlanStage, index: number, pk: PlanKnowledge, t: T): StageView {
  const r = pk.rules;
  const exercises: ExerciseView[] = s.exercises.map((x) => {
    const e = pk.exercises.find((y) => y.id === x.exercise)!;
    const key = `plan.exercise.${e.id}` as const;
    return {
      id: e.id,
      kind: "exercise",
      name: t(`${key}.name`),
      dose: x.dose,
      dose_text: doseText(x.dose, t),
      how: t(`${key}.how`),
      feel: t(`${key}.feel`),
      avoid: t(`${key}.avoid`),
      illustration: e.illustration,
      sources: e.sources,
    };
  });
  if (s.activity_steps) {
    for (const st of p.plan.steps[s.id] ?? []) {
      const key = `plan.step.${st.id}` as const;
      const dose = p.beginner && st.beginner_dose ? st.beginner_dose : st.dose;
      exercises.unshift({
        id: st.id,
        kind: "step",
        name: t(`${key}.name`),
        dose,
        dose_text: doseText(dose, t),
        how: t(`${key}.how`),
        avoid: t(`${key}.avoid`),
        illustration: p.plan.illustration,
        ...(st.needs_clearance ? { needs_clearance: true } : {}),
        sources: st.sources,
      });
    }
  }
  const last = index === pk.stages.length;
  return {
    index,
    id: s.id,
    name: t(`plan.stage.${s.id}.name`),
    goal: t(`plan.stage.${s.id}.goal`),
    exercises,
    move_on: last
      ? t("plan.move_on_last")
      : t("plan.move_on", { n: r.move_on.easy_sessions, easy: r.pain.easy_max, to: index + 1 }),
    hold: t("plan.hold", { easy: r.pain.easy_max, max: r.pain.acceptable_max }),
    step_back: t("plan.step_back", { max: r.pain.acceptable_max, to: Math.max(1, index - r.step_back.stages) }),
  };
}

function whyText(d: Decision, pk: PlanKnowledge, t: T): string {
  const s = d.session;
  const vars = {
    n: pk.rules.move_on.easy_sessions,
    count: d.easy_count,
    easy: pk.rules.pain.easy_max,
    max: pk.rules.pain.acceptable_max,
    during: s.during ?? "–",
    next: s.next ?? "–",
    usual: s.usual ?? s.during ?? "–",
    from: d.from + 1,
    to: d.to + 1,
    date: s.date,
  };
  return t(`plan.why.${d.why}`, vars);
}

const changeView = (d: Decision, p: PlanKnowledge, t: T): ChangeView => ({
  date: d.date,
  from: { index: d.from + 1, id: p.stages[d.from]!.id },
  to: { index: d.to + 1, id: p.stages[d.to]!.id },
  rule: d.rule,
  why: whyText(d, p, t),
});

function todaySources(s: StageView, pk: PlanKnowledge): string[] {
  const r = pk.rules;
  return [
    ...new Set([
      ...r.pain.sources,
      ...r.move_on.sources,
      ...r.step_back.sources,
      ...s.exercises.flatMap((e) => e.sources),
    ]),
  ].sort();
}

/** The plan in a language: every text from the locales, every number from the knowledge. */
export function describePlan(p: Plan, k: Knowledge, pk: PlanKnowledge, lang: string): PlanView {
  const t: T = (key, vars = {}) => text(k, lang, key).replace(/\{(\w+)\}/g, (_, n: string) => String(vars[n] ?? ""));
  const allSources = [...k.sources, ...pk.sources];
  const sources = p.sources.map((id) => {
    const s = allSources.find((x) => x.id === id);
    return { id, title: s?.title ?? id, ...(s?.section ? { section: s.section } : {}) };
  });
  const base = {
    triage: p.triage,
    urgency: { label: t(`triage.${p.triage}.label`), action: t(`triage.${p.triage}.action`) },
    activity: p.activity,
    activity_plan: { id: p.plan.id, name: t(`plan.activity_plan.${p.plan.id}`) },
    sources,
    disclaimer: t("disclaimer"),
  };
  if (!p.available && p.reason) {
    const r = p.reason;
    // The fired rules say why in the knowledge's own words; a sign or condition is named only without one.
    const because = r.rules.length
      ? r.rules.map((rule) => t(`rule.${rule}.reason`))
      : [
          ...(r.conditions ?? []).map((c) => t(`condition.${c}.name`)),
          ...(r.signs ?? []).map((f) => t(`finding.${f}.label`)),
        ];
    return {
      available: false,
      reason: {
        code: r.code,
        triage: r.triage,
        text: t(`plan.unavailable.${r.code}`, { age: pk.rules.offer.min_age_years }),
        because,
        ...(r.conditions ? { conditions: r.conditions } : {}),
        ...(r.signs ? { signs: r.signs } : {}),
        ...(r.date ? { date: r.date } : {}),
      },
      ...base,
      stage: null,
      stages: [],
      today: null,
      history: [],
    };
  }
  const stages = pk.stages.map((s, i) => stageView(p, s, i + 1, pk, t));
  const current = stages[p.stage]!;
  const last = p.progress.decisions[p.progress.decisions.length - 1];
  const left = pk.rules.move_on.easy_sessions - p.progress.easy_count;
  const next =
    p.stage === pk.stages.length - 1
      ? t("plan.move_on_last")
      : t("plan.next.move_on", { left, easy: pk.rules.pain.easy_max, to: p.stage + 2 });
  return {
    available: true,
    ...base,
    wording: p.wording === "doctor" ? t("plan.doctor_wording") : t("plan.self_care_wording"),
    stage: { index: current.index, id: current.id, name: current.name },
    stages,
    today: { ...current, next, sources: todaySources(current, pk) },
    ...(last ? { change: changeView(last, pk, t) } : {}),
    history: p.progress.decisions.map((d) => changeView(d, pk, t)),
  };
}
