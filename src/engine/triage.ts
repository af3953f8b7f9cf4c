import type { Knowledge } from "../knowledge/schema.js";
import { compiledKnowledge, levelOfRank, MAX_FINDINGS, MAX_RULE_FIELDS, type CompiledKnowledge } from "./compiled.js";
import { asPrepared, type Prepared } from "./logic.js";
import { openQuestion, sharedParts } from "./shared-parts.js";
import { rootTruth, run, traceOf, TRUE, UNKNOWN, unknownLeaves } from "./program.js";
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

export interface TriageOutcome {
  triage: Triage;
  reasons: Reason[];
  /** Most urgent first, then the closest to firing, then the knowledge's order of findings. */
  open_questions: OpenQuestion[];
  /** Each open question's field slot (see logic.ts), for lookups by number. */
  open_slots: number[];
  /**
   * Each open question's distance from firing: the fewest unanswered findings, this one included, that a rule
   * at that level still needs (the rule the question names).
   */
  open_missing: number[];
  /** Each open question's rule, as its place in the knowledge. */
  open_rules: number[];
}

export const factsOf = (c: Case, fields: string[]): Fact[] =>
  fields.map((field) => ({ field, value: (c as unknown as Record<string, unknown>)[field] }));

/**
 * The triage level is the highest level among the rules that are true for this case. A rule that is
 * unknown (it needs an answer we do not have) does not fire; its missing answers become open questions.
 */
export function triage(input: Case | Prepared, k: Knowledge): TriageOutcome {
  return triageFrom(asPrepared(input), compiledKnowledge(k));
}

/** The triage with its trace: every rule evaluated once (program.ts), the trace built only for what is shown. */
export function triageFrom(c: Prepared, ck: CompiledKnowledge): TriageOutcome {
  const prog = ck.ruleProgram;
  run(prog, c.values);
  let rank = ck.defaultRank;
  for (let i = 0; i < ck.rules.length; i++) if (rootTruth(prog, i) === TRUE) rank = Math.max(rank, ck.rules[i]!.rank);
  const reasons: Reason[] = [];
  // Each open question is a field: its best rule so far is kept by the field's slot, in numbers.
  const open = openScratch(prog.found.length);
  const epoch = ++open.epoch;
  let n = 0;
  const unknown = prog.found;
  for (let i = 0; i < ck.rules.length; i++) {
    const { rule, rank: ruleRank } = ck.rules[i]!;
    const truth = rootTruth(prog, i);
    if (truth === TRUE) {
      const e = traceOf(prog, i, c.values);
      reasons.push({
        rule: rule.id,
        family: rule.family,
        level: rule.level,
        facts: factsOf(c.case, e.facts),
        assumed: e.assumed,
        sources: rule.sources,
      });
    } else if (truth === UNKNOWN && ruleRank > rank) {
      const missing = unknownLeaves(prog, i, unknown);
      for (let j = 0; j < missing; j++) {
        const slot = unknown[j]!;
        // The most urgent rule the answer could help fire; among those, the one fewest answers away; among
        // those, the first in the knowledge.
        if (open.seen[slot] !== epoch) {
          open.seen[slot] = epoch;
          open.slots[n++] = slot;
        } else if (ruleRank < open.rank[slot]! || (ruleRank === open.rank[slot] && missing >= open.missing[slot]!))
          continue;
        open.rank[slot] = ruleRank;
        open.missing[slot] = missing;
        open.rule[slot] = i;
      }
    }
  }
  // Most urgent reasons first; the knowledge order breaks ties so the output is stable.
  if (reasons.length > 1) reasons.sort((a, b) => triageRank(b.level) - triageRank(a.level));
  const sorted = sortOpen(open, n, ck);
  // Each list written by place, at its final length: no array grows.
  const out: TriageOutcome = {
    triage: levelOfRank(rank),
    reasons,
    open_questions: new Array<OpenQuestion>(n),
    open_slots: new Array<number>(n),
    open_missing: new Array<number>(n),
    open_rules: new Array<number>(n),
  };
  const parts = sharedParts(ck);
  for (let i = 0; i < n; i++) {
    const slot = sorted[i]!;
    const rule = open.rule[slot]!;
    // The same (rule, field) pair is the same frozen object in every result (shared-parts.ts).
    out.open_questions[i] = openQuestion(parts, ck, rule, slot);
    out.open_slots[i] = slot;
    out.open_missing[i] = open.missing[slot]!;
    out.open_rules[i] = rule;
  }
  return out;
}

/** By field slot, for one triage at a time: the best rule an open question could help fire (see triageFrom). */
interface OpenScratch {
  /** A slot was seen in the triage whose number this is. */
  seen: Uint32Array;
  epoch: number;
  rank: Int8Array;
  missing: Int32Array;
  rule: Int32Array;
  /** The slots seen, in the order they were first seen. */
  slots: Int32Array;
}

/** Reused between calls (the engine is synchronous); grown when a knowledge base reads more fields. */
let scratch: OpenScratch | undefined;
function openScratch(slots: number): OpenScratch {
  if (!scratch || scratch.seen.length < slots)
    scratch = {
      seen: new Uint32Array(slots),
      epoch: 0,
      rank: new Int8Array(slots),
      missing: new Int32Array(slots),
      rule: new Int32Array(slots),
      slots: new Int32Array(slots),
    };
  return scratch;
}

/**
 * Reused between calls (the engine is synchronous): an open question is a finding, so there are never more
 * than MAX_FINDINGS of them (compiled.ts refuses more); only the first n places are used and all are written.
 */
const keyScratch = new Int32Array(MAX_FINDINGS);
const slotByOrder = new Int32Array(MAX_FINDINGS);

/**
 * Most urgent first, then the closest to firing, then the knowledge's order of findings. The three numbers
 * pack into one sort key, so a typed array sorts them without a comparator. compiled.ts guarantees the packing:
 * every field a rule reads is a finding (its place is unique and below MAX_FINDINGS) and a rule reads fewer
 * than MAX_RULE_FIELDS fields (so fewer answers than that are missing).
 */
function sortOpen(open: OpenScratch, n: number, ck: CompiledKnowledge): Int32Array {
  const keys = keyScratch;
  for (let i = 0; i < n; i++) {
    const slot = open.slots[i]!;
    const order = ck.orderBySlot[slot]!;
    const key = ((3 - open.rank[slot]!) * MAX_RULE_FIELDS + open.missing[slot]!) * MAX_FINDINGS + order;
    slotByOrder[order] = slot;
    // Insertion into the sorted first i keys: a few dozen open questions, and nothing allocated (a typed
    // array's own sort copies it first).
    let j = i;
    while (j > 0 && keys[j - 1]! > key) {
      keys[j] = keys[j - 1]!;
      j--;
    }
    keys[j] = key;
  }
  const sorted = open.slots.subarray(0, n);
  for (let i = 0; i < n; i++) sorted[i] = slotByOrder[keys[i]! % MAX_FINDINGS]!;
  return sorted;
}
