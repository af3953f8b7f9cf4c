import type { Knowledge } from "../knowledge/schema.js";
import { asPrepared, compilePredicate, evaluate, type Prepared, type Truth } from "./logic.js";
import { factsOf, type Fact } from "./triage.js";
import type { Case } from "./types.js";

/** "rule_out_first": the cause of the rule that made the result urgent or an emergency (set by assess). */
export type Likelihood = "rule_out_first" | "most_likely" | "possible" | "less_likely";

export interface Evidence {
  weight: number;
  facts: Fact[];
}

export interface RankedCondition {
  id: string;
  /** Prior plus the weights of the features that hold: a log-odds-like score. */
  score: number;
  /**
   * In words, never a number: the scores are hand-set weights, not measured probabilities. The first cause is
   * "most_likely", the others within settings.likelihood.possible_within points "possible", the rest "less_likely".
   */
  likelihood: Likelihood;
  for: Evidence[];
  against: Evidence[];
  /** Where the knowledge about this condition comes from. */
  sources: string[];
}

const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Scores every condition: prior + the weights of its features that are true for this case. An unknown
 * feature adds nothing, so a missing answer neither speaks for nor against a condition.
 */
type FeatureFn = (c: Prepared) => Truth;

/**
 * Many conditions test the same finding the same way ("fever: yes" speaks against a strain and for an
 * infection). Each distinct predicate is compiled and evaluated once per assessment, then shared.
 */
interface FeatureIndex {
  unique: FeatureFn[];
  /** For each condition, for each of its features, the index of its predicate in `unique`. */
  slots: number[][];
}
const featureIndexes = new WeakMap<Knowledge, FeatureIndex>();

function featureIndex(k: Knowledge): FeatureIndex {
  let index = featureIndexes.get(k);
  if (!index) {
    const byKey = new Map<string, number>();
    const unique: FeatureFn[] = [];
    const slots = k.conditions.map((cond) =>
      cond.features.map((f) => {
        const key = JSON.stringify(f.when);
        let i = byKey.get(key);
        if (i === undefined) {
          i = unique.length;
          unique.push(compilePredicate(f.when));
          byKey.set(key, i);
        }
        return i;
      }),
    );
    index = { unique, slots };
    featureIndexes.set(k, index);
  }
  return index;
}

export function scoreConditions(input: Case | Prepared, k: Knowledge): RankedCondition[] {
  const c = asPrepared(input);
  const { unique, slots } = featureIndex(k);
  const truths = unique.map((fn) => fn(c));
  const scored = k.conditions.map((cond, index) => {
    let score = cond.prior;
    const pro: Evidence[] = [];
    const contra: Evidence[] = [];
    const condSlots = slots[index]!;
    const features = cond.features;
    for (let i = 0; i < features.length; i++) {
      if (truths[condSlots[i]!] !== true) continue;
      const f = features[i]!;
      score += f.weight;
      // Most features are one leaf: its field is the whole "because", no trace walk needed.
      const fields = "field" in f.when ? [f.when.field] : evaluate(f.when, c).facts;
      (f.weight >= 0 ? pro : contra).push({ weight: f.weight, facts: factsOf(c.case, fields) });
    }
    pro.sort((a, b) => b.weight - a.weight);
    contra.sort((a, b) => a.weight - b.weight);
    return { id: cond.id, score: round(score), for: pro, against: contra, sources: cond.sources, index };
  });
  const max = Math.max(...scored.map((s) => s.score));
  const within = k.settings.likelihood.possible_within;
  return scored
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map(({ index: _index, ...rest }, i) => ({ ...rest, likelihood: (i === 0 ? "most_likely" : rest.score >= max - within ? "possible" : "less_likely") as Likelihood }));
}

/** The conditions worth showing: within the margin of the best, at most max_conditions, never none. */
export function likelyConditions(ranked: RankedCondition[], k: Knowledge): RankedCondition[] {
  const best = ranked[0];
  if (!best) return [];
  const shown = ranked.filter((r) => r.score >= best.score - k.settings.list_margin).slice(0, k.settings.max_conditions);
  return shown.length > 0 ? shown : [best];
}
