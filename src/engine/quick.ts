import type { Knowledge } from "../knowledge/schema.js";
import { compilePredicate, type Prepared, type Truth } from "./logic.js";
import { maxTriage, type Triage } from "./types.js";

/**
 * Cheap answers to "what would the level and the leading condition be?", without any trace: the
 * interview asks them hundreds of times per step when it looks one answer ahead.
 */
interface Compiled {
  rules: { level: Triage; about: readonly string[]; fn: (c: Prepared) => Truth }[];
  conditions: { prior: number; features: { weight: number; fn: (c: Prepared) => Truth }[] }[];
}

const cache = new WeakMap<Knowledge, Compiled>();

function compiledOf(k: Knowledge): Compiled {
  let c = cache.get(k);
  if (!c) {
    c = {
      rules: k.rules.map((r) => ({ level: r.level, about: r.about ?? [], fn: compilePredicate(r.when) })),
      conditions: k.conditions.map((cond) => ({
        prior: cond.prior,
        features: cond.features.map((f) => ({ weight: f.weight, fn: compilePredicate(f.when) })),
      })),
    };
    cache.set(k, c);
  }
  return c;
}

export function quickTriage(c: Prepared, k: Knowledge): Triage {
  let level: Triage = k.settings.default_triage;
  for (const r of compiledOf(k).rules) if (r.fn(c) === true) level = maxTriage(level, r.level);
  return level;
}

/** The causes the fired rules are about (with repeats), for the "must rule out" look-ahead. */
export function quickAbout(c: Prepared, k: Knowledge): string[] {
  const out: string[] = [];
  for (const r of compiledOf(k).rules) if (r.about.length && r.fn(c) === true) out.push(...r.about);
  return out;
}

/** Condition scores in knowledge order (the same numbers `scoreConditions` ranks). */
export function quickScores(c: Prepared, k: Knowledge): number[] {
  return compiledOf(k).conditions.map((cond) => {
    let score = cond.prior;
    for (const f of cond.features) if (f.fn(c) === true) score += f.weight;
    return score;
  });
}

/** Index of the best condition; the earlier one in the knowledge wins a tie, as in the ranking. */
export function topIndex(scores: number[]): number {
  let best = 0;
  scores.forEach((s, i) => {
    if (s > scores[best]! + 1e-9) best = i;
  });
  return best;
}

/** Softmax probabilities of the scores. */
export function probabilities(scores: number[]): number[] {
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}
