import type { Knowledge } from "../knowledge/schema.js";
import { compiledKnowledge, featureTruths, scoreOf, type CompiledKnowledge } from "./compiled.js";
import { asPrepared, type Prepared, type Truth } from "./logic.js";
import { traceOf } from "./program.js";
import { leafEvidence, sharedParts } from "./shared-parts.js";
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

/** Scores to three decimals. */
const round = (x: number): number => Math.round(x * 1000) / 1000;

/** A condition's place in the ranking, without its evidence (built only for the conditions a result lists). */
export interface Ranked {
  index: number;
  id: string;
  score: number;
  likelihood: Likelihood;
}

/**
 * Ranks every condition: prior + the weights of its features that are true for this case, rounded, best
 * first, the knowledge's order breaking ties. An unknown feature adds nothing, so a missing answer neither
 * speaks for nor against a condition.
 */
export function rankConditions(
  truths: readonly Truth[],
  ck: CompiledKnowledge,
  k: Knowledge,
  top = Infinity,
): Ranked[] {
  const n = ck.conditions.length;
  if (scores.length < n) {
    scores = new Float64Array(n);
    best = new Int32Array(n);
  }
  for (let j = 0; j < n; j++) scores[j] = round(scoreOf(ck.conditions[j]!, truths));
  // The best `top` only, by insertion: a result lists at most max_conditions, so the rest need no order. A later
  // condition goes before an earlier one only with a higher score (the knowledge's order breaks ties).
  const limit = Math.min(top, n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const s = scores[i]!;
    if (m === limit && !(s > scores[best[m - 1]!]!)) continue;
    let at = m < limit ? m++ : m - 1;
    while (at > 0 && s > scores[best[at - 1]!]!) {
      best[at] = best[at - 1]!;
      at--;
    }
    best[at] = i;
  }
  const within = k.settings.likelihood.possible_within;
  const first = m > 0 ? scores[best[0]!]! : 0;
  const out = new Array<Ranked>(m);
  for (let i = 0; i < m; i++) {
    const index = best[i]!;
    const score = scores[index]!;
    out[i] = {
      index,
      id: ck.conditions[index]!.id,
      score,
      // Measured from the first one's score.
      likelihood: i === 0 ? "most_likely" : score >= first - within ? "possible" : "less_likely",
    };
  }
  return out;
}

/** Reused between calls (the engine is synchronous): each condition's rounded score, and the best ones' places. */
let scores = new Float64Array(0);
let best = new Int32Array(0);

/** One condition's place by id, outside the ranked few (a rule's cause leads the list wherever it ranks). */
export function rankedById(id: string, truths: readonly Truth[], ck: CompiledKnowledge): Ranked | undefined {
  const index = ck.conditionIndex.get(id);
  if (index === undefined) return undefined;
  return { index, id, score: round(scoreOf(ck.conditions[index]!, truths)), likelihood: "rule_out_first" };
}

/** The for and against evidence of one ranked condition, strongest first. */
export function withEvidence(
  r: Ranked,
  likelihood: Likelihood,
  c: Prepared,
  truths: readonly Truth[],
  ck: CompiledKnowledge,
): RankedCondition {
  const cc = ck.conditions[r.index]!;
  const pro: Evidence[] = [];
  const contra: Evidence[] = [];
  const features = cc.features;
  const parts = sharedParts(ck);
  for (let i = 0; i < features.length; i++) {
    if (truths[cc.featureSlots[i]!] !== true) continue;
    const weight = cc.weights[i]!;
    const leaf = cc.leafFields[i];
    // A one-leaf feature's evidence is one answer: shared between results with the same answer.
    const e =
      leaf !== undefined
        ? leafEvidence(parts, cc, i, leaf, (c.case as unknown as Record<string, unknown>)[leaf])
        : { weight, facts: factsOf(c.case, traceOf(ck.featureProgram, cc.featureSlots[i]!, c.values).facts) };
    (weight >= 0 ? pro : contra).push(e);
  }
  byWeight(pro, -1);
  byWeight(contra, 1);
  return { id: r.id, score: r.score, for: pro, against: contra, sources: cc.sources, likelihood };
}

/**
 * Evidence by weight, strongest first (`dir` -1: the largest first; 1: the most negative first), stable, in
 * place: a few entries, and Array.prototype.sort would copy the array first.
 */
function byWeight(es: Evidence[], dir: 1 | -1): void {
  for (let i = 1; i < es.length; i++) {
    const e = es[i]!;
    let j = i;
    while (j > 0 && dir * (es[j - 1]!.weight - e.weight) > 0) {
      es[j] = es[j - 1]!;
      j--;
    }
    es[j] = e;
  }
}

/** Every condition ranked with its evidence (tests and tools; a result needs only the listed ones). */
export function scoreConditions(input: Case | Prepared, k: Knowledge): RankedCondition[] {
  const c = asPrepared(input);
  const ck = compiledKnowledge(k);
  const truths = featureTruths(c, ck);
  return rankConditions(truths, ck, k).map((r) => withEvidence(r, r.likelihood, c, truths, ck));
}

/** The conditions worth showing: within the margin of the best, at most max_conditions, never none. */
export function likelyConditions<T extends { score: number }>(ranked: T[], k: Knowledge): T[] {
  const best = ranked[0];
  if (!best) return [];
  // Never none: the best is within a positive margin of itself, and max_conditions is at least 1 (schema.ts).
  return ranked.filter((r) => r.score >= best.score - k.settings.list_margin).slice(0, k.settings.max_conditions);
}
