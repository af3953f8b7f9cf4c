import { assess } from "../engine/assess.js";
import { triageRank, type Case, type Triage } from "../engine/types.js";
import { startFrom } from "../interview/start.js";
import { simulate, type Simulation } from "../interview/simulate.js";
import { emptyState, type InterviewState } from "../interview/state.js";
import { leaves } from "../knowledge/predicate.js";
import type { Knowledge } from "../knowledge/schema.js";
import type { ParseResult } from "./extract.js";

/** What the simulation treats as confirmed: the values the text stated without doubt. */
export function confirmedValues(r: ParseResult): Record<string, unknown> {
  return Object.fromEntries(r.fields.filter((f) => f.certain).map((f) => [f.field, f.value]));
}

/** A start state from confirmed values; a value the contract refuses is dropped (and then asked). */
export function startState(values: Record<string, unknown>, k: Knowledge): InterviewState {
  let v = { ...values };
  for (let i = 0; i < 10; i++) {
    const s = startFrom(v, k);
    if (s.ok) return s.value;
    const bad = new Set(s.problems.map((p) => p.path.split(".")[1] ?? ""));
    v = Object.fromEntries(Object.entries(v).filter(([f]) => !bad.has(f)));
    if (bad.size === 0 || [...bad].every((b) => b === "")) break;
  }
  return emptyState();
}

/** Warning signs: the fields a rule for a same-day or emergency visit reads. */
export function warningSignFields(k: Knowledge): Set<string> {
  const out = new Set<string>();
  for (const r of k.rules) {
    if (triageRank(r.level) < triageRank("urgent")) continue;
    for (const { leaf } of leaves(r.when)) {
      const f = k.findings.find((x) => x.id === leaf.field);
      if (f?.kind === "boolean") out.add(leaf.field);
    }
  }
  return out;
}

/** Whether an extracted value agrees with the case's. Lists: every extracted item is in the case's list. */
export function agrees(field: string, got: unknown, want: unknown): boolean {
  if (Array.isArray(got) && Array.isArray(want)) return got.every((g) => want.includes(g));
  if (typeof got === "number" && typeof want === "number") {
    // Durations are said in round words ("a month", "three weeks"): within 10% is the same answer.
    return field === "duration_days" ? Math.abs(got - want) <= Math.max(0.1 * want, 0.5) : got === want;
  }
  return got === want;
}

export interface StoryOutcome {
  id: string;
  extracted: Record<string, unknown>;
  compared: number;
  agreed: number;
  disagreements: { field: string; got: unknown; case: unknown }[];
  warning_errors: { field: string; got: unknown; case: unknown }[];
  questions_without: number;
  questions_with: number;
  triage_full: Triage;
  triage_with: Triage;
  under_triage: boolean;
}

export interface StorySummary {
  stories: number;
  fields_compared: number;
  agreement: number;
  warning_sign_errors: number;
  median_questions_without: number;
  median_questions_with: number;
  question_reduction: number;
  triage_equal: number;
  under_triage: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? 0 : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Scores one story against its case: extraction agreement, warning signs, questions and triage. */
export function scoreStory(id: string, c: Case, parsed: ParseResult, k: Knowledge, plain?: Simulation): StoryOutcome {
  const extracted = confirmedValues(parsed);
  const warn = warningSignFields(k);
  const caseValues = c as unknown as Record<string, unknown>;
  const disagreements: StoryOutcome["disagreements"] = [];
  const warning_errors: StoryOutcome["warning_errors"] = [];
  let compared = 0;
  let agreed = 0;
  for (const [field, got] of Object.entries(extracted)) {
    if (!(field in caseValues)) continue;
    compared++;
    if (agrees(field, got, caseValues[field])) agreed++;
    else disagreements.push({ field, got, case: caseValues[field] });
    if (warn.has(field) && typeof got === "boolean" && got !== caseValues[field])
      warning_errors.push({ field, got, case: caseValues[field] });
  }
  // A person who tells their story and then answers the questions has none of the unmentioned symptoms:
  // both runs answer a missing yes/no finding "no" (issue 9's --absent no), so the comparison is fair.
  const without = plain ?? simulate(c, k, "no");
  const withStory = simulate(c, k, "no", startState(extracted, k));
  const full = assess(c, k).triage;
  return {
    id,
    extracted,
    compared,
    agreed,
    disagreements,
    warning_errors,
    questions_without: without.questions_asked,
    questions_with: withStory.questions_asked,
    triage_full: full,
    triage_with: withStory.result.triage,
    under_triage: triageRank(withStory.result.triage) < triageRank(full),
  };
}

export function summarizeStories(os: StoryOutcome[]): StorySummary {
  const compared = os.reduce((s, o) => s + o.compared, 0);
  const without = median(os.map((o) => o.questions_without));
  const withStory = median(os.map((o) => o.questions_with));
  return {
    stories: os.length,
    fields_compared: compared,
    agreement: compared ? os.reduce((s, o) => s + o.agreed, 0) / compared : 1,
    warning_sign_errors: os.reduce((s, o) => s + o.warning_errors.length, 0),
    median_questions_without: without,
    median_questions_with: withStory,
    question_reduction: without ? 1 - withStory / without : 0,
    triage_equal: os.length ? os.filter((o) => o.triage_with === o.triage_full).length / os.length : 1,
    under_triage: os.filter((o) => o.under_triage).length,
  };
}
