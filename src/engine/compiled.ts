import type { Predicate } from "../knowledge/predicate.js";
import { fieldsOf } from "../knowledge/predicate-walk.js";
import { ADVICE_KINDS } from "../knowledge/advice-kinds.js";
import type { Advice, Condition, Finding, Knowledge, TriageRule } from "../knowledge/schema.js";
import { compilePredicate, memoByIdentity, slotOf, type EvalContext, type Prepared, type Truth } from "./logic.js";
import type { SelectedAdvice } from "./advice.js";
import { sharedPart } from "./shared-parts.js";
import { buildProgram, rootTruths, run, sharedRootTruths, type Program } from "./program.js";
import { TRIAGE_LEVELS, triageRank, type Triage } from "./types.js";

type Fn = (c: Prepared, ctx?: EvalContext) => Truth;

export interface CompiledRule {
  rule: TriageRule;
  /** The rule's id and level, copied: knowledge objects differ in shape, so reading them in a loop is slow. */
  id: string;
  level: Triage;
  rank: number;
  fn: Fn;
}

/**
 * A condition with the fields the engine reads copied into one object shape: the knowledge's objects differ in
 * shape (optional fields), and a loop reading them is many times slower than one reading these.
 */
export interface CompiledCondition {
  cond: Condition;
  index: number;
  id: string;
  prior: number;
  serious: boolean;
  sources: string[];
  investigations: string[];
  specialists: Condition["specialists"];
  features: Condition["features"];
  /** For each feature, the index of its predicate among the distinct ones (`features`). */
  featureSlots: number[];
  weights: number[];
  /** A one-leaf feature's field: the whole "because", no trace walk needed; undefined for a compound one. */
  leafFields: (string | undefined)[];
}

/** An advice entry as a result lists it: on the first screen, or behind "more" (its condition: `adviceProgram`). */
export interface CompiledAdvice {
  advice: Advice;
  id: string;
  kind: Advice["kind"];
  sources: string[];
  plain: SelectedAdvice;
  more: SelectedAdvice;
}

/**
 * Everything the engine and the interview derive from a knowledge base, built once per knowledge object
 * (knowledge is immutable once loaded) instead of on every call: compiled predicates, lookup maps, orders.
 */
export interface CompiledKnowledge {
  rules: CompiledRule[];
  ruleById: Map<string, TriageRule>;
  conditions: CompiledCondition[];
  conditionById: Map<string, Condition>;
  /** Indexes of the serious conditions, in knowledge order. */
  serious: number[];
  /**
   * Many conditions test the same finding the same way ("fever: yes" speaks against a strain and for an
   * infection): each distinct predicate is evaluated once per case, then shared.
   */
  features: Fn[];
  /** The rules' and the distinct features' predicates as flat programs (program.ts), in the same order. */
  ruleProgram: Program;
  featureProgram: Program;
  /** The advice entries' conditions, in the order of `advice`. */
  adviceProgram: Program;
  findingById: Map<string, Finding>;
  /** Findings that apply only to some people (pregnancy), with their compiled `applies`. */
  conditional: { finding: Finding; slot: number; applies: Fn }[];
  /** The yes/no ones among them, in knowledge order: for someone they do not apply to, they read as "no". */
  impliedNo: { slot: number; applies: Fn }[];

  /** Advice in the order a result lists it (kind, then priority, then knowledge order), with compiled conditions. */
  advice: CompiledAdvice[];
  defaultRank: number;
  conditionIndex: Map<string, number>;
  /** By field slot (see logic.ts): the finding's place in the knowledge (-1: none), whether it is yes/no, its `applies`. */
  orderBySlot: number[];
  booleanBySlot: boolean[];
  appliesBySlot: (Fn | undefined)[];
  /** Each cited source list (by identity: a rule's, a condition's, an advice entry's) as places in sortedSources. */
  sourceRanksOf: Map<readonly string[], number[]>;
  /** By field slot: the rules and the distinct features that read the field (what one answer can change). */
  rulesBySlot: number[][];
  featuresBySlot: number[][];
  /** By distinct feature: the conditions that use it. */
  conditionsByFeature: number[][];
  /** Every source id any entry cites, sorted: a result lists its sources in that order. */
  sortedSources: string[];
}

/** The most findings a knowledge base may have: a finding's place is one part of the open questions' sort key. */
export const MAX_FINDINGS = 4096;
/** A rule reads fewer fields than this: the number of answers it still needs is another part of that key. */
export const MAX_RULE_FIELDS = 256;

/**
 * What the triage relies on and the knowledge validation does not promise for every knowledge object (a test's,
 * a script's): every field a rule reads is a finding, there are at most MAX_FINDINGS findings, and a rule reads
 * fewer than MAX_RULE_FIELDS fields. Checked once per knowledge, so the triage has one path.
 */
export function checkEngineLimits(k: Pick<Knowledge, "findings" | "rules">): void {
  if (k.findings.length > MAX_FINDINGS)
    throw new Error(`knowledge: ${k.findings.length} findings, more than the engine's ${MAX_FINDINGS}`);
  const ids = new Set(k.findings.map((f) => f.id));
  for (const r of k.rules) {
    const fields = fieldsOf(r.when); // each field once
    for (const field of fields)
      if (!ids.has(field)) throw new Error(`knowledge: rule ${r.id} reads ${field}, which is not a finding`);
    if (fields.length >= MAX_RULE_FIELDS)
      throw new Error(
        `knowledge: rule ${r.id} reads ${fields.length} fields, the engine's limit is ${MAX_RULE_FIELDS - 1}`,
      );
  }
}

function build(k: Knowledge): CompiledKnowledge {
  checkEngineLimits(k);
  const byKey = new Map<string, number>();
  const features: Fn[] = [];
  const conditions = k.conditions.map((cond, index) => {
    const featureSlots = cond.features.map((f) => {
      const key = JSON.stringify(f.when);
      let i = byKey.get(key);
      if (i === undefined) {
        i = features.length;
        features.push(compilePredicate(f.when));
        byKey.set(key, i);
      }
      return i;
    });
    return {
      cond,
      index,
      id: cond.id,
      prior: cond.prior,
      serious: cond.serious === true,
      sources: cond.sources,
      investigations: cond.investigations,
      specialists: cond.specialists,
      features: cond.features,
      featureSlots,
      weights: cond.features.map((f) => f.weight),
      leafFields: cond.features.map((f) => ("field" in f.when ? f.when.field : undefined)),
    };
  });
  const conditional = k.findings.flatMap((f) =>
    f.applies ? [{ finding: f, slot: slotOf(f.id), applies: compilePredicate(f.applies) }] : [],
  );
  const kindOrder = (kind: Advice["kind"]): number => ADVICE_KINDS.indexOf(kind);
  const advice = k.advice
    .map((a, index) => ({ a, index }))
    .sort((x, y) => kindOrder(x.a.kind) - kindOrder(y.a.kind) || y.a.priority - x.a.priority || x.index - y.index)
    .map(({ a }) => ({
      advice: a,
      id: a.id,
      kind: a.kind,
      sources: a.sources,
      plain: sharedPart<SelectedAdvice>({ id: a.id, kind: a.kind, sources: a.sources }),
      more: sharedPart<SelectedAdvice>({ id: a.id, kind: a.kind, sources: a.sources, more: true }),
    }));
  // Every source any entry cites, sorted as a result lists them (plain string order).
  const cited = [
    ...k.sources.map((x) => x.id),
    ...k.rules.flatMap((r) => r.sources),
    ...k.conditions.flatMap((c) => c.sources),
    ...k.advice.flatMap((a) => a.sources),
    ...k.settings.uncertainty.sources,
  ];
  const sortedSources = [...new Set(cited)].sort();
  const sourceRank = new Map(sortedSources.map((id, i) => [id, i]));
  const sourceLists = [
    ...k.rules.map((r) => r.sources),
    ...k.conditions.map((c) => c.sources),
    ...k.advice.map((a) => a.sources),
    k.settings.uncertainty.sources,
  ];
  const orderBySlot: number[] = [];
  const booleanBySlot: boolean[] = [];
  const appliesBySlot: (Fn | undefined)[] = [];
  k.findings.forEach((f, i) => {
    const slot = slotOf(f.id);
    orderBySlot[slot] = i;
    booleanBySlot[slot] = f.kind === "boolean";
  });
  for (const x of conditional) appliesBySlot[x.slot] = x.applies;
  const rulesBySlot: number[][] = [];
  const featuresBySlot: number[][] = [];
  const conditionsByFeature: number[][] = features.map(() => []);
  const index = (into: number[][], p: Predicate, i: number): void => {
    for (const field of fieldsOf(p)) {
      // fieldsOf names each field once, and i grows: each slot's list gets i once.
      const slot = slotOf(field);
      into[slot] ??= [];
      into[slot].push(i);
    }
  };
  k.rules.forEach((r, i) => index(rulesBySlot, r.when, i));
  const featureWhen: Predicate[] = [];
  k.conditions.forEach((cond, j) =>
    cond.features.forEach((f, i) => {
      const slot = conditions[j]!.featureSlots[i]!;
      featureWhen[slot] = f.when;
      const list = conditionsByFeature[slot]!;
      if (list[list.length - 1] !== j) list.push(j);
    }),
  );
  featureWhen.forEach((p, i) => index(featuresBySlot, p, i));
  return {
    rules: k.rules.map((rule) => ({
      rule,
      id: rule.id,
      level: rule.level,
      rank: triageRank(rule.level),
      fn: compilePredicate(rule.when),
    })),
    ruleById: new Map(k.rules.map((r) => [r.id, r])),
    conditions,
    conditionById: new Map(k.conditions.map((c) => [c.id, c])),
    serious: k.conditions.flatMap((c, i) => (c.serious ? [i] : [])),
    features,
    ruleProgram: buildProgram(k.rules.map((r) => r.when)),
    featureProgram: buildProgram(featureWhen),
    adviceProgram: buildProgram(advice.map((a) => a.advice.when)),
    findingById: new Map(k.findings.map((f) => [f.id, f])),
    conditional,
    impliedNo: conditional.filter((x) => x.finding.kind === "boolean"),
    advice,
    defaultRank: triageRank(k.settings.default_triage),
    conditionIndex: new Map(k.conditions.map((c, i) => [c.id, i])),
    orderBySlot,
    booleanBySlot,
    appliesBySlot,
    rulesBySlot,
    featuresBySlot,
    conditionsByFeature,
    sourceRanksOf: new Map(sourceLists.map((list) => [list, list.map((id) => sourceRank.get(id)!)])),
    sortedSources,
  };
}

export const compiledKnowledge: (k: Knowledge) => CompiledKnowledge = memoByIdentity(build);

/** The triage rules' truth values for a case, in knowledge order: the one loop the engine and the interview share. */
export function ruleTruths(c: Prepared, ck: CompiledKnowledge): Truth[] {
  run(ck.ruleProgram, c.values);
  return rootTruths(ck.ruleProgram);
}

/** The level the fired rules set (the most urgent; the default when none fires), as a rank. */
export function levelRank(truths: readonly Truth[], ck: CompiledKnowledge): number {
  let rank = ck.defaultRank;
  for (let i = 0; i < truths.length; i++) if (truths[i] === true) rank = Math.max(rank, ck.rules[i]!.rank);
  return rank;
}

/** The distinct condition features' truth values for a case. */
export function featureTruths(c: Prepared, ck: CompiledKnowledge): Truth[] {
  run(ck.featureProgram, c.values);
  return rootTruths(ck.featureProgram);
}

/** The same, in an array the next call overwrites (see sharedRootTruths): for one assessment's use. */
export function featureTruthsOnce(c: Prepared, ck: CompiledKnowledge): readonly Truth[] {
  run(ck.featureProgram, c.values);
  return sharedRootTruths(ck.featureProgram);
}

/**
 * Each condition's score in knowledge order: prior plus the weights of its features that are true, summed in
 * the knowledge's order (floating point sums depend on it). An unknown feature adds nothing.
 */
export function conditionScores(truths: readonly Truth[], ck: CompiledKnowledge): number[] {
  const out = new Array<number>(ck.conditions.length);
  for (let j = 0; j < ck.conditions.length; j++) out[j] = scoreOf(ck.conditions[j]!, truths);
  return out;
}

/** One condition's score: its prior plus the weights of its true features, in the knowledge's order. */
export function scoreOf(cc: CompiledCondition, truths: readonly Truth[]): number {
  let score = cc.prior;
  const slots = cc.featureSlots;
  for (let i = 0; i < slots.length; i++) if (truths[slots[i]!] === true) score += cc.weights[i]!;
  return score;
}

/** A condition of the knowledge by id (a rule's `about`, a listed condition). */
export const conditionOf = (ck: CompiledKnowledge, id: string): CompiledCondition | undefined => {
  const i = ck.conditionIndex.get(id);
  return i === undefined ? undefined : ck.conditions[i];
};

export const levelOfRank = (rank: number): Triage => TRIAGE_LEVELS[rank]!;
