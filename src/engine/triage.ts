import type { Knowledge, TriageRule } from "../knowledge/schema.js";
import { asPrepared, compilePredicate, evaluate, type Prepared, type Truth } from "./logic.js";
import { maxTriage, triageRank, type Case, type Triage } from "./types.js";

export interface Fact {
  field: string;
  value: unknown;
}

/** One fired rule: the level it sets, the answers that made it fire, and where the rule comes from. */
export interface Reason {
  rule: string;
  family: string;
  level: Triage;
  facts: Fact[];
  /** Unanswered qualifiers read in the cautious way (e.g. an unknown duration taken as recent). */
  assumed: string[];
  sources: string[];
}

/** An unanswered question whose answer could still raise the urgency. */
export interface OpenQuestion {
  field: string;
  could_raise_to: Triage;
  rules: string[];
  /** The fewest unanswered findings, this one included, that a rule at that level still needs. */
  missing_with: number;
}

export interface TriageOutcome {
  triage: Triage;
  reasons: Reason[];
  open_questions: OpenQuestion[];
}

export const factsOf = (c: Case, fields: string[]): Fact[] =>
  fields.map((field) => ({ field, value: (c as unknown as Record<string, unknown>)[field] }));

/**
 * The triage level is the highest level among the rules that are true for this case. A rule that is
 * unknown (it needs an answer we do not have) does not fire; its missing answers become open questions.
 */
const compiledRules = new WeakMap<Knowledge, ((c: Prepared) => Truth)[]>();
function ruleFns(k: Knowledge): ((c: Prepared) => Truth)[] {
  let fns = compiledRules.get(k);
  if (!fns) {
    fns = k.rules.map((r) => compilePredicate(r.when));
    compiledRules.set(k, fns);
  }
  return fns;
}

export function triage(input: Case | Prepared, k: Knowledge): TriageOutcome {
  const c = asPrepared(input);
  // First pass: truth values only, to find the level. Second pass: the trace, only where it is shown.
  const fns = ruleFns(k);
  const truths = fns.map((fn) => fn(c));
  let level: Triage = k.settings.default_triage;
  k.rules.forEach((rule, i) => {
    if (truths[i] === true) level = maxTriage(level, rule.level);
  });
  const reasons: Reason[] = [];
  const pending: { rule: TriageRule; unknown: string[] }[] = [];
  k.rules.forEach((rule, i) => {
    if (truths[i] === true) {
      const e = evaluate(rule.when, c);
      reasons.push({ rule: rule.id, family: rule.family, level: rule.level, facts: factsOf(c.case, e.facts), assumed: e.assumed, sources: rule.sources });
    } else if (truths[i] === null && triageRank(rule.level) > triageRank(level)) {
      pending.push({ rule, unknown: evaluate(rule.when, c).unknown });
    }
  });
  // Most urgent reasons first; the knowledge order breaks ties so the output is stable.
  reasons.sort((a, b) => triageRank(b.level) - triageRank(a.level));

  const open = new Map<string, OpenQuestion>();
  for (const { rule, unknown } of pending) {
    for (const field of unknown) {
      const q = open.get(field) ?? { field, could_raise_to: rule.level, rules: [], missing_with: unknown.length };
      if (triageRank(rule.level) > triageRank(q.could_raise_to)) {
        q.could_raise_to = rule.level;
        q.missing_with = unknown.length;
      } else if (rule.level === q.could_raise_to) {
        q.missing_with = Math.min(q.missing_with, unknown.length);
      }
      q.rules.push(rule.id);
      open.set(field, q);
    }
  }
  const order = new Map(k.findings.map((f, i) => [f.id, i]));
  const open_questions = [...open.values()].sort(
    (a, b) =>
      triageRank(b.could_raise_to) - triageRank(a.could_raise_to) ||
      a.missing_with - b.missing_with ||
      (order.get(a.field) ?? 0) - (order.get(b.field) ?? 0),
  );
  return { triage: level, reasons, open_questions };
}
