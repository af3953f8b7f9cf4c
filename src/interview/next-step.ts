import { assess, type Assessment } from "../engine/assess.js";
import { memoByIdentity, prepare } from "../engine/logic.js";
import { triageFrom } from "../engine/triage.js";
import { triageRank } from "../engine/types.js";
import type { Finding, Knowledge } from "../knowledge/schema.js";
import { leaves, type Predicate } from "../knowledge/predicate.js";
import { compiledKnowledge } from "../engine/compiled.js";
import { DEFAULT_LANG } from "../knowledge/texts.js";
import type { Case } from "../engine/types.js";
import {
  availability,
  type Availability,
  buildQuestion,
  prerequisites,
  questionIdOf,
  type Question,
} from "./questions.js";
import { entropy, LookAhead, probabilities, topIndex, type Answers } from "./look-ahead.js";
import { reach } from "./reachable.js";
import { askedUnknownFields, caseOf, settledFields, type InterviewState } from "./state.js";

/** Why a question is asked now, most pressing first. */
export type Phase = "first" | "red_flag" | "triage" | "condition";

export type NextStep =
  | { done: false; question: Question; phase: Phase; asked: number; red_flags_left: number }
  | { done: true; result: Assessment; asked: number };

/** Numeric limits the knowledge tests each number field against: the only values worth telling apart. */
const limitsCache = new WeakMap<Knowledge, Map<string, number[]>>();
function numericLimits(k: Knowledge): Map<string, number[]> {
  let m = limitsCache.get(k);
  if (!m) {
    m = new Map();
    const preds = [...k.rules.map((r) => r.when), ...k.conditions.flatMap((c) => c.features.map((f) => f.when))];
    for (const p of preds) {
      for (const { leaf } of leaves(p)) {
        for (const v of [leaf.lt, leaf.lte, leaf.gt, leaf.gte]) {
          if (v !== undefined) m.set(leaf.field, [...new Set([...(m.get(leaf.field) ?? []), v])]);
        }
      }
    }
    limitsCache.set(k, m);
  }
  return m;
}

/** A few answers that stand for every answer the finding can get, for looking one answer ahead. */
function representatives(f: Finding, k: Knowledge): unknown[] {
  switch (f.kind) {
    case "boolean":
      return [true, false];
    case "single":
      return f.options ?? [];
    case "multi":
      return [[], ...(f.options ?? []).map((o) => [o])];
    case "number":
    case "integer": {
      const step = f.kind === "integer" ? 1 : 0.01;
      const lo = f.min ?? 0;
      const hi = f.max ?? Number.MAX_SAFE_INTEGER;
      const points = (numericLimits(k).get(f.id) ?? []).flatMap((l) => [l - step, l, l + step]);
      return [...new Set([lo, ...points])].filter((x) => x >= lo && x <= hi);
    }
  }
}

function answerOptions(fields: Finding[], checklist: boolean, k: Knowledge): Answers[] {
  if (checklist) {
    const none: Answers = Object.fromEntries(fields.map((f) => [f.id, false]));
    return [none, ...fields.map((f) => ({ ...none, [f.id]: true }))];
  }
  const f = fields[0]!;
  return representatives(f, k).map((v) => ({ [f.id]: v }));
}

/** A question the interview could ask now: its id, the askable findings it settles, its place in the knowledge. */
export interface Candidate {
  id: string;
  fields: Finding[];
  order: number;
}

/** Every question that can be asked now, in the knowledge's order, with whether each finding is askable. */
export function candidateQuestions(
  c: Case,
  settled: ReadonlySet<string>,
  k: Knowledge,
): { candidates: Map<string, Candidate>; status: Map<string, Availability> } {
  const prepared = prepare(c); // once, for every finding's `applies`
  const status = new Map(k.findings.map((f) => [f.id, availability(f, prepared, settled)]));
  const candidates = new Map<string, Candidate>();
  k.findings
    .filter((f) => status.get(f.id) === "askable")
    .forEach((f, order) => {
      const id = questionIdOf(f);
      const cand = candidates.get(id) ?? { id, fields: [], order };
      cand.fields.push(f);
      candidates.set(id, cand);
    });
  return { candidates, status };
}

/**
 * The next question, or the assessment when no unanswered question could change it. Order:
 * 1. fields the knowledge says come first (age: the contract requires it);
 * 2. red flags: questions whose answer could still raise the urgency to "today" or "emergency"
 *    (most urgent first, then those closest to firing a rule); never skipped, whatever the count;
 * 3. questions one of whose answers would change the urgency (e.g. to a doctor's visit);
 * 4. the question that best separates the likely conditions (expected information gain), while one of
 *    its answers could change the leading condition and it is not yet clear enough.
 */
export function nextStep(state: InterviewState, k: Knowledge, lang: string = DEFAULT_LANG): NextStep {
  const c = caseOf(state);
  const settled = settledFields(state);
  const asked = state.steps.length;
  const byId = compiledKnowledge(k).findingById;
  const { candidates, status } = candidateQuestions(c, settled, k);
  const ask = (id: string, phase: Phase, redFlagsLeft: number): NextStep => {
    const cand = candidates.get(id)!;
    return {
      done: false,
      question: buildQuestion(
        id,
        cand.fields.map((f) => f.id),
        k,
        lang,
      ),
      phase,
      asked,
      red_flags_left: redFlagsLeft,
    };
  };

  for (const id of k.settings.interview.ask_first) {
    const f = byId.get(id);
    if (f && status.get(id) === "askable") return ask(questionIdOf(f), "first", 0);
  }

  // 2. Red flags, from the open questions of the triage rules that can still fire.
  // The case is prepared and every rule and feature evaluated once; the look-ahead below reuses them.
  const look = new LookAhead(prepare(c), k);
  const t = triageFrom(look.base, look.ck);
  // Key: the most urgent level the question could still reach, then how many such live rules it touches
  // (a checklist of risk factors settles many at once), then how close the closest rule is to firing.
  type Key = [number, number, number];
  const isOpen = (field: string): boolean => {
    const s = status.get(field);
    return s === "askable" || s === "blocked";
  };
  // Every rule that could still raise the level counts, a doctor's visit against self-care included: the
  // interview stops only when no unanswered question could change the answer.
  const liveRules = k.rules.filter(
    (r) => triageRank(r.level) > triageRank(t.triage) && reach(r.when, c, isOpen).canTrue,
  );
  const fieldRules = new Map<string, { level: number; missing: number }[]>();
  for (const r of liveRules) {
    const fields = new Set(raisingFields(r.when).filter(isOpen));
    for (const f of fields)
      fieldRules.set(f, [...(fieldRules.get(f) ?? []), { level: triageRank(r.level), missing: fields.size }]);
  }
  const redFlag = new Map<string, { key: Key; rules: { level: number; missing: number }[] }>();
  const promote = (field: string, rules: { level: number; missing: number }[], seen: Set<string>): void => {
    if (seen.has(field)) return;
    seen.add(field);
    // Only findings have a status: a field with one is a finding.
    const s = status.get(field);
    if (s === "askable") {
      const id = questionIdOf(byId.get(field)!);
      const entry = redFlag.get(id) ?? { key: [0, 0, 0] as Key, rules: [] };
      entry.rules.push(...rules);
      redFlag.set(id, entry);
    } else if (s === "blocked") {
      // A red flag waits on who is answering (e.g. pregnancy on sex): ask that first, with its urgency.
      for (const p of prerequisites(byId.get(field)!)) promote(p, rules, seen);
    }
  };
  for (const [field, rules] of fieldRules) promote(field, rules, new Set());
  for (const entry of redFlag.values()) {
    const top = Math.max(...entry.rules.map((r) => r.level));
    const atTop = entry.rules.filter((r) => r.level === top);
    entry.key = [top, atTop.length, -Math.min(...atTop.map((r) => r.missing))];
  }
  if (redFlag.size > 0) {
    const best = [...redFlag.entries()].sort(
      (a, b) => compareKeys(b[1].key, a[1].key) || candidates.get(a[0])!.order - candidates.get(b[0])!.order,
    )[0]!;
    return ask(best[0], "red_flag", redFlag.size);
  }
  const finish = (): NextStep => ({
    done: true,
    result: assess(c, k, { askedUnknown: askedUnknownFields(state) }),
    asked,
  });

  // An emergency that stands on answers (not on assumptions) ends the interview: the person should act now.
  const atLevel = t.reasons.filter((r) => r.level === t.triage);
  if (t.triage === "emergency" && atLevel.some((r) => r.assumed.length === 0)) return finish();

  // 2b. The level stands on a cautious assumption (e.g. "recent" when the duration is unknown, or "not the
  // low-risk picture" when it was not asked): ask what could lower it, so a sore beginner is not sent on.
  // (No reason at the level, i.e. the default level: nothing is assumed, and the loop below finds nothing.)
  if (atLevel.every((r) => r.assumed.length > 0)) {
    for (const r of atLevel) {
      for (const field of r.assumed) {
        const f = byId.get(field);
        if (f && status.get(field) === "askable") return ask(questionIdOf(f), "triage", 0);
      }
    }
  }

  // 3. Questions that could change the urgency with one answer.
  const level = look.level;
  const options = (cand: Candidate): Answers[] => answerOptions(cand.fields, cand.id.startsWith("group."), k);
  // Candidates come in the knowledge's order, so on a tie the first one found stays.
  let bestTriage: { id: string; rank: number } | undefined;
  for (const cand of candidates.values()) {
    let reach = -1;
    for (const a of options(cand)) {
      const l = look.levelWith(a);
      if (l !== level) reach = Math.max(reach, l);
    }
    if (reach >= 0 && (!bestTriage || reach > bestTriage.rank)) bestTriage = { id: cand.id, rank: reach };
  }
  if (bestTriage) return ask(bestTriage.id, "triage", 0);

  // 3b. Questions one of whose answers would move a serious cause into or out of "a doctor must rule out".
  if (look.ck.serious.length > 0) {
    const now = ruleOutKey(look.scores, look.aboutOf(look.rules), look, k);
    for (const cand of candidates.values()) {
      if (options(cand).some((a) => ruleOutKey(look.scoresWith(a), look.aboutOf(look.rulesWith(a)), look, k) !== now))
        return ask(cand.id, "condition", 0);
    }
  }

  // 4. Separate the likely conditions, while it can still change the leading one.
  const scores = look.scores;
  const probs = probabilities(scores);
  const top = topIndex(scores);
  if (asked < k.settings.interview.max_questions && probs[top]! < k.settings.interview.confident_top) {
    const h = entropy(probs);
    // In the knowledge's order: on a tie (within rounding) the first one found stays.
    let bestGain: { id: string; gain: number } | undefined;
    for (const cand of candidates.values()) {
      const outcomes = options(cand).map((a) => look.scoresWith(a));
      if (!outcomes.some((s) => topIndex(s) !== top)) continue;
      const gain = h - outcomes.reduce((sum, s) => sum + entropy(probabilities(s)), 0) / outcomes.length;
      if (gain < k.settings.interview.min_gain) continue;
      if (!bestGain || gain > bestGain.gain + 1e-12) bestGain = { id: cand.id, gain };
    }
    if (bestGain) return ask(bestGain.id, "condition", 0);
  }
  return finish();
}

/**
 * Which serious causes the answers would list, as a comparable key: those the fired rules are about, and
 * those scoring close enough to the best to be called possible (the same test as the result's).
 */
function ruleOutKey(scores: readonly number[], about: readonly string[], look: LookAhead, k: Knowledge): string {
  const best = Math.max(...scores);
  const listed = look.ck.serious
    .filter((i) => scores[i]! >= best - k.settings.likelihood.possible_within)
    .map((i) => k.conditions[i]!.id);
  return [...new Set([...listed, ...about.filter((id) => look.ck.conditionById.get(id)?.serious)])].sort().join(",");
}

/**
 * The fields whose answer can help a rule fire: leaves outside any negation and without a cautious
 * default. A "recent" qualifier (unknown counts as recent) or a negated exception can only stop a rule,
 * so asking about them never reveals a red flag.
 */
const raisingFields: (p: Predicate) => string[] = memoByIdentity((p: Predicate) =>
  [...leaves(p)]
    .filter(({ leaf, negated }) => !negated && leaf.whenUnknown === undefined)
    .map(({ leaf }) => leaf.field),
);

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
