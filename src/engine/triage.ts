import type { Knowledge, TriageRule } from "../knowledge/schema.js";
import { evaluate } from "./logic.js";
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
export function triage(c: Case, k: Knowledge): TriageOutcome {
  let level: Triage = k.settings.default_triage;
  const reasons: Reason[] = [];
  const pending: { rule: TriageRule; unknown: string[] }[] = [];
  for (const rule of k.rules) {
    const e = evaluate(rule.when, c);
    if (e.value === true) {
      level = maxTriage(level, rule.level);
      reasons.push({ rule: rule.id, family: rule.family, level: rule.level, facts: factsOf(c, e.facts), assumed: e.assumed, sources: rule.sources });
    } else if (e.value === null) {
      pending.push({ rule, unknown: e.unknown });
    }
  }
  // Most urgent reasons first; the knowledge order breaks ties so the output is stable.
  reasons.sort((a, b) => triageRank(b.level) - triageRank(a.level));

  const open = new Map<string, OpenQuestion>();
  for (const { rule, unknown } of pending) {
    if (triageRank(rule.level) <= triageRank(level)) continue;
    for (const field of unknown) {
      const q = open.get(field) ?? { field, could_raise_to: rule.level, rules: [] };
      q.could_raise_to = maxTriage(q.could_raise_to, rule.level);
      q.rules.push(rule.id);
      open.set(field, q);
    }
  }
  const order = new Map(k.findings.map((f, i) => [f.id, i]));
  const open_questions = [...open.values()].sort(
    (a, b) => triageRank(b.could_raise_to) - triageRank(a.could_raise_to) || (order.get(a.field) ?? 0) - (order.get(b.field) ?? 0),
  );
  return { triage: level, reasons, open_questions };
}
