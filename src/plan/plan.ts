import type { Entry } from "../diary/entries.js";
import { followUp } from "../diary/follow-up.js";
import { assess, type Assessment } from "../engine/assess.js";
import { triageRank, type Case, type Triage } from "../engine/types.js";
import { fail, ok, type Outcome } from "../errors/problem.js";
import type { Knowledge } from "../knowledge/schema.js";
import type { ActivityPlan, PlanKnowledge } from "./knowledge.js";
import { replay, type Progress } from "./progress.js";
import { sessionResponses, type SessionResponse } from "./sessions.js";

/** Why there is no plan now. */
export type NoPlan = "emergency" | "urgent" | "doctor_first" | "age" | "clearance" | "new_sign" | "stopped";

export interface NoPlanReason {
  code: NoPlan;
  /** The urgency that stands instead of the plan. */
  triage: Triage;
  /** The fired triage rules behind it (for the words "because ..."). */
  rules: string[];
  /** doctor_first: the conditions a doctor must look at first. */
  conditions?: string[];
  /** new_sign: the warning signs a check-in reported, and the first date one was logged. */
  signs?: string[];
  date?: string;
}

/** A return plan, language-free: ids and numbers; describe.ts puts it into words. */
export interface Plan {
  available: boolean;
  reason?: NoPlanReason;
  /** The urgency now: the follow-up's with a diary, the assessment's without. */
  triage: Triage;
  /** "doctor": worded "until you are seen, and as your doctor allows". */
  wording: "self_care" | "doctor";
  activity: string;
  /** The case's experience: a beginner gets a step's beginner dose where there is one. */
  beginner: boolean;
  plan: ActivityPlan;
  /** Stage index, 0-based. */
  stage: number;
  progress: Progress;
  sessions: SessionResponse[];
  sources: string[];
}

export interface PlanInput {
  case: Case;
  /** The diary's entries (validated), if any. */
  entries?: Entry[];
  /** Today's date, YYYY-MM-DD: the plan is pure and reads no clock. */
  today: string;
}

const DOCTOR_FIRST_LIKELIHOODS = new Set(["most_likely", "possible"]);

/** The doctor-first conditions the assessment suspects: high on the list, or named as to be ruled out. */
function doctorFirst(a: Assessment, pk: PlanKnowledge): string[] {
  const { conditions, within_top } = pk.rules.offer.doctor_first;
  const found = new Set<string>();
  a.conditions.forEach((c, i) => {
    // The engine is moving from a probability to a word of likelihood; read the word when it is there.
    const likelihood = (c as { likelihood?: string }).likelihood;
    const suspected = likelihood !== undefined ? DOCTOR_FIRST_LIKELIHOODS.has(likelihood) : i < within_top;
    if (suspected && conditions.includes(c.id)) found.add(c.id);
  });
  const mustRuleOut = (a as { must_rule_out?: unknown }).must_rule_out;
  if (Array.isArray(mustRuleOut)) {
    for (const m of mustRuleOut) {
      const mid = typeof m === "string" ? m : (m as { id?: unknown })?.id;
      if (typeof mid === "string" && conditions.includes(mid)) found.add(mid);
    }
  }
  return [...found];
}

const firedAbove = (a: Assessment, level: Triage): string[] =>
  a.reasons.filter((r) => r.level === a.triage && triageRank(r.level) > triageRank(level)).map((r) => r.rule);

/** Whether the plan may be offered for this assessment and person; the first reason against it, if any. */
function offerCheck(a: Assessment, c: Case, pk: PlanKnowledge): NoPlanReason | undefined {
  const offer = pk.rules.offer;
  if (!offer.triage.includes(a.triage)) {
    return {
      code: a.triage === "emergency" ? "emergency" : "urgent",
      triage: a.triage,
      rules: firedAbove(a, "doctor"),
    };
  }
  // Under the plan's age there is no plan whatever the cause, so that reason is given first.
  if (c.age < offer.min_age_years) return { code: "age", triage: a.triage, rules: [] };
  if (c.age < offer.clearance_first.under_years && c.activity && offer.clearance_first.activities.includes(c.activity))
    return { code: "clearance", triage: a.triage, rules: [] };
  const first = doctorFirst(a, pk);
  if (first.length) return { code: "doctor_first", triage: a.triage, rules: [], conditions: first };
  return undefined;
}

/** Findings a check-in reported as present that the case did not have, and that raised the urgency. */
function newSigns(entries: Entry[], c: Case, a: Assessment): { signs: string[]; date?: string } {
  const reported = new Map<string, string>();
  for (const e of [...entries].sort((x, y) => x.date.localeCompare(y.date))) {
    if (e.kind !== "checkin") continue;
    for (const [field, value] of Object.entries(e.findings ?? {})) {
      if (value === true && (c as unknown as Record<string, unknown>)[field] !== true && !reported.has(field))
        reported.set(field, e.date);
    }
  }
  const signs = new Set<string>();
  for (const r of a.reasons) {
    if (r.level === "self_care") continue;
    for (const f of r.facts) if (f.value === true && reported.has(f.field)) signs.add(f.field);
  }
  const dates = [...signs].map((s) => reported.get(s)!).sort();
  return { signs: [...signs].sort(), ...(dates[0] ? { date: dates[0] } : {}) };
}

function planFor(activity: string, pk: PlanKnowledge): ActivityPlan {
  return (
    pk.plans.find((p) => p.activities.includes(activity)) ?? pk.plans.find((p) => p.id === "general") ?? pk.plans[0]!
  );
}

function sourcesOf(pk: PlanKnowledge, plan: ActivityPlan, reason: NoPlanReason | undefined, a: Assessment): string[] {
  const s = new Set<string>();
  if (reason) {
    // No plan: the rules that withheld it and the triage rules behind the urgency, not the exercises'.
    for (const key of ["offer", "stop"] as const) pk.rules[key].sources.forEach((x) => s.add(x));
    for (const r of a.reasons) if (reason.rules.includes(r.rule)) r.sources.forEach((x) => s.add(x));
    return [...s].sort();
  }
  for (const key of ["offer", "pain", "move_on", "hold", "step_back", "stop"] as const)
    pk.rules[key].sources.forEach((x) => s.add(x));
  for (const st of pk.stages) {
    st.sources.forEach((x) => s.add(x));
    for (const e of st.exercises) pk.exercises.find((x) => x.id === e.exercise)?.sources.forEach((x) => s.add(x));
  }
  for (const steps of Object.values(plan.steps)) for (const st of steps ?? []) st.sources.forEach((x) => s.add(x));
  return [...s].sort();
}

/**
 * The return plan for a case and, optionally, its diary. Pure: reads the assessment through the engine
 * and the diary's course through its follow-up (which re-triages with what the check-ins report), then
 * replays the logged sessions through the plan's rules to find today's stage.
 */
export function makePlan(input: PlanInput, k: Knowledge, pk: PlanKnowledge): Outcome<Plan> {
  const c = input.case;
  const entries = input.entries ?? [];
  const activity = c.activity ?? "none";
  const plan = planFor(activity, pk);
  const base = assess(c, k);
  let triage = base.triage;
  let reason = offerCheck(base, c, pk);
  let current = base;

  if (!reason && entries.some((e) => e.kind === "checkin")) {
    // The diary measures the course itself: the case's own duration, trend and pain would count twice.
    const { duration_days: _d, trend: _t, intensity: _i, ...rest } = c;
    const f = followUp(entries, input.today, rest, k);
    if (!f.ok) return fail(f.problems);
    if (f.value) {
      const a = f.value.assessment;
      current = a;
      triage = f.value.triage;
      const fresh = newSigns(entries, c, a);
      if (fresh.signs.length) {
        reason = {
          code: "new_sign",
          triage,
          rules: a.reasons.filter((r) => r.facts.some((x) => fresh.signs.includes(x.field))).map((r) => r.rule),
          signs: fresh.signs,
          ...(fresh.date ? { date: fresh.date } : {}),
        };
      } else if (!pk.rules.offer.triage.includes(triage)) {
        reason = { code: "stopped", triage, rules: firedAbove(a, "doctor") };
      } else {
        const first = doctorFirst(a, pk);
        if (first.length) reason = { code: "doctor_first", triage, rules: [], conditions: first };
      }
    }
  }

  const sessions = reason ? [] : sessionResponses(entries, input.today, pk.rules);
  const progress = replay(sessions, pk.rules, pk.stages.length);
  const doctorWording =
    pk.rules.offer.doctor_wording.includes(triage) || pk.rules.offer.doctor_wording.includes(base.triage);
  return ok({
    available: reason === undefined,
    ...(reason ? { reason } : {}),
    triage,
    wording: doctorWording ? "doctor" : "self_care",
    activity,
    beginner: c.experience === "beginner",
    plan,
    stage: progress.stage,
    progress,
    sessions,
    sources: sourcesOf(pk, plan, reason, current),
  });
}
