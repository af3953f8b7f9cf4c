import type { Knowledge } from "../knowledge/schema.js";
import {
  compiledKnowledge,
  levelOfRank,
  levelRank,
  MAX_FINDINGS,
  MAX_RULE_FIELDS,
  ruleTruths,
  type CompiledKnowledge,
} from "./compiled.js";
import { asPrepared, evaluate, fieldOfSlot, unknownSlots, type Prepared, type Truth } from "./logic.js";
import { triageRank, type Case, type Triage } from "./types.js";

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

/**
 * An unanswered question whose answer could still raise the urgency, as a result carries it: the question
 * (its finding), the level it could raise to, and the rule that would get there with the fewest other
 * answers. The words come from the locale (`finding.<field>.question`), like the rest of the result's.
 */
export interface OpenQuestion {
  field: string;
  could_raise_to: Triage;
  rule: string;
}

/** An open question with what ranks it: every rule it could help fire and the fewest answers one of them needs. */
export interface OpenQuestionDetail extends OpenQuestion {
  rules: string[];
  /** The fewest unanswered findings, this one included, that a rule at that level still needs. */
  missing_with: number;
}

export interface TriageOutcome {
  triage: Triage;
  reasons: Reason[];
  /** Most urgent first, then the closest to firing, then the knowledge's order of findings. */
  open_questions: OpenQuestionDetail[];
  /** Each open question's field slot (see logic.ts), for lookups by number. */
  open_slots: number[];
}

export const factsOf = (c: Case, fields: string[]): Fact[] =>
  fields.map((field) => ({ field, value: (c as unknown as Record<string, unknown>)[field] }));

/**
 * The triage level is the highest level among the rules that are true for this case. A rule that is
 * unknown (it needs an answer we do not have) does not fire; its missing answers become open questions.
 */
export function triage(input: Case | Prepared, k: Knowledge): TriageOutcome {
  const c = asPrepared(input);
  const ck = compiledKnowledge(k);
  return triageFrom(c, ck, ruleTruths(c, ck));
}

/** The triage with its trace, from rule truths already computed (the interview computes them anyway). */
export function triageFrom(c: Prepared, ck: CompiledKnowledge, truths: readonly Truth[]): TriageOutcome {
  // The truth values decide the level; the trace is built only for the rules a result shows.
  const rank = levelRank(truths, ck);
  const reasons: Reason[] = [];
  // Ranked on numbers (level rank, answers missing, the finding's place in the knowledge), one entry per field,
  // found by the field's slot rather than its name.
  const bySlot: (OpenEntry | undefined)[] = [];
  const entries: OpenEntry[] = [];
  for (let i = 0; i < ck.rules.length; i++) {
    const { rule, rank: ruleRank } = ck.rules[i]!;
    if (truths[i] === true) {
      const e = evaluate(rule.when, c);
      reasons.push({
        rule: rule.id,
        family: rule.family,
        level: rule.level,
        facts: factsOf(c.case, e.facts),
        assumed: e.assumed,
        sources: rule.sources,
      });
    } else if (truths[i] === null && ruleRank > rank) {
      const unknown = unknownSlots(rule.when, c);
      const missing = unknown.length;
      for (const slot of unknown) {
        let entry = bySlot[slot];
        if (!entry) {
          entry = {
            q: {
              field: fieldOfSlot(slot),
              could_raise_to: rule.level,
              rule: rule.id,
              rules: [],
              missing_with: missing,
            },
            slot,
            rank: ruleRank,
            order: ck.orderBySlot[slot]!,
          };
          bySlot[slot] = entry;
          entries.push(entry);
        } else if (ruleRank > entry.rank) {
          entry.rank = ruleRank;
          entry.q.could_raise_to = rule.level;
          entry.q.missing_with = missing;
          entry.q.rule = rule.id;
        } else if (ruleRank === entry.rank && missing < entry.q.missing_with) {
          entry.q.missing_with = missing;
          entry.q.rule = rule.id;
        }
        entry.q.rules.push(rule.id);
      }
    }
  }
  // Most urgent reasons first; the knowledge order breaks ties so the output is stable.
  reasons.sort((a, b) => triageRank(b.level) - triageRank(a.level));
  const sorted = sortOpen(entries);
  return {
    triage: levelOfRank(rank),
    reasons,
    open_questions: sorted.map((e) => e.q),
    open_slots: sorted.map((e) => e.slot),
  };
}

interface OpenEntry {
  q: OpenQuestionDetail;
  slot: number;
  rank: number;
  order: number;
}

/**
 * Reused between calls (the engine is synchronous): an open question is a finding, so there are never more
 * than MAX_FINDINGS of them (compiled.ts refuses more); only the first n places are used and all are written.
 */
const keyScratch = new Float64Array(MAX_FINDINGS);

/**
 * Most urgent first, then the closest to firing, then the knowledge's order of findings. The three numbers
 * pack into one sort key, so a typed array sorts them without a comparator. compiled.ts guarantees the packing:
 * every field a rule reads is a finding (its place is unique and below MAX_FINDINGS) and a rule reads fewer
 * than MAX_RULE_FIELDS fields (so fewer answers than that are missing).
 */
function sortOpen(entries: OpenEntry[]): OpenEntry[] {
  const n = entries.length;
  const keys = keyScratch.subarray(0, n);
  const byOrder: OpenEntry[] = [];
  for (let i = 0; i < n; i++) {
    const e = entries[i]!;
    keys[i] = ((3 - e.rank) * MAX_RULE_FIELDS + e.q.missing_with) * MAX_FINDINGS + e.order;
    byOrder[e.order] = e;
  }
  keys.sort();
  const out: OpenEntry[] = [];
  for (const key of keys) out.push(byOrder[key % MAX_FINDINGS]!);
  return out;
}
