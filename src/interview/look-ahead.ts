import {
  compiledKnowledge,
  conditionScores,
  featureTruths,
  levelRank,
  ruleTruths,
  type CompiledKnowledge,
} from "../engine/compiled.js";
import { slotOf, type Prepared, type Truth } from "../engine/logic.js";
import type { Knowledge } from "../knowledge/schema.js";

export type Answers = Record<string, unknown>;

/**
 * "What would the level and the scores be with this one more answer?", asked hundreds of times per step.
 * The case is prepared and every rule and distinct feature evaluated once; an answer then re-evaluates
 * only the rules and features that read its fields, and re-sums only the conditions those features touch
 * (in the knowledge's order, so the sums equal a full evaluation's to the last bit).
 */
export class LookAhead {
  readonly ck: CompiledKnowledge;
  readonly rules: Truth[];
  readonly features: Truth[];
  /** Condition scores in knowledge order (unrounded, as the ranking sums them). */
  readonly scores: number[];
  readonly level: number;

  constructor(
    readonly base: Prepared,
    k: Knowledge,
  ) {
    this.ck = compiledKnowledge(k);
    this.rules = ruleTruths(base, this.ck);
    this.features = featureTruths(base, this.ck);
    this.scores = conditionScores(this.features, this.ck);
    this.level = levelRank(this.rules, this.ck);
  }

  private withAnswers(a: Answers): { c: Prepared; slots: number[] } {
    const values = this.base.values.slice();
    const slots: number[] = [];
    for (const field of Object.keys(a)) {
      const slot = slotOf(field);
      values[slot] = a[field];
      slots.push(slot);
    }
    return { c: { case: this.base.case, values }, slots };
  }

  /** The rule truths with this answer. */
  rulesWith(a: Answers): Truth[] {
    const { c, slots } = this.withAnswers(a);
    const out = this.rules.slice();
    for (const slot of slots) for (const i of this.ck.rulesBySlot[slot] ?? []) out[i] = this.ck.rules[i]!.fn(c);
    return out;
  }

  /** The level (as a rank) with this answer. */
  levelWith(a: Answers): number {
    return levelRank(this.rulesWith(a), this.ck);
  }

  /** The condition scores with this answer. */
  scoresWith(a: Answers): number[] {
    const { c, slots } = this.withAnswers(a);
    const truths = this.features.slice();
    const touched = new Set<number>();
    for (const slot of slots) {
      for (const i of this.ck.featuresBySlot[slot] ?? []) {
        const t = this.ck.features[i]!(c);
        if (t === truths[i]) continue;
        truths[i] = t;
        for (const j of this.ck.conditionsByFeature[i]!) touched.add(j);
      }
    }
    if (touched.size === 0) return this.scores;
    const out = this.scores.slice();
    for (const j of touched) {
      const cc = this.ck.conditions[j]!;
      let score = cc.prior;
      for (let i = 0; i < cc.featureSlots.length; i++)
        if (truths[cc.featureSlots[i]!] === true) score += cc.weights[i]!;
      out[j] = score;
    }
    return out;
  }

  /** The causes the fired rules are about (with repeats), for the "must rule out" look-ahead. */
  aboutOf(rules: readonly Truth[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < rules.length; i++) {
      const about = this.ck.rules[i]!.rule.about;
      if (about?.length && rules[i] === true) out.push(...about);
    }
    return out;
  }
}

/** Index of the best condition; the earlier one in the knowledge wins a tie, as in the ranking. */
export function topIndex(scores: readonly number[]): number {
  let best = 0;
  scores.forEach((s, i) => {
    if (s > scores[best]! + 1e-9) best = i;
  });
  return best;
}

/** Softmax probabilities of the scores. */
export function probabilities(scores: readonly number[]): number[] {
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

export const entropy = (ps: readonly number[]): number => -ps.reduce((s, p) => (p > 0 ? s + p * Math.log(p) : s), 0);
