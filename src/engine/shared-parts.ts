import type { WarningSign } from "./assess.js";
import type { CompiledCondition, CompiledKnowledge } from "./compiled.js";
import { listKey } from "./program.js";
import type { Evidence } from "./rank-conditions.js";
import { fieldOfSlot } from "./logic.js";
import type { Fact, OpenQuestion } from "./triage.js";

/**
 * Where a shared result part keeps its own JSON text (assessment-json.ts writes it as it is). A symbol that is
 * not enumerable: JSON.stringify, object spread and deep equality all pass it by.
 */
export const JSON_TEXT: unique symbol = Symbol("backcheck.json");

/**
 * A part of results that depends only on the knowledge (an open question, a warning sign, an advice entry):
 * built once, frozen so no result can change it for the others, with its JSON text kept beside it.
 */
export function sharedPart<T extends object>(value: T): T {
  Object.defineProperty(value, JSON_TEXT, { value: JSON.stringify(value), enumerable: false });
  return Object.freeze(value);
}

/** The JSON text of a shared part, or undefined for any other object. */
export const jsonTextOf = (value: object): string | undefined => (value as { [JSON_TEXT]?: string })[JSON_TEXT];

export interface Parts {
  slots: number;
  /** By rule and field slot: the open question, and the warning sign not asked and asked. */
  questions: (OpenQuestion | undefined)[];
  signs: (WarningSign | undefined)[];
  /** By condition, and by feature twice (single values, lists): a one-leaf feature's evidence by the answer. */
  evidence: Map<unknown, Evidence>[][];
}

const partsOf = new WeakMap<CompiledKnowledge, Parts>();

/** The shared parts of one knowledge (look them up once per assessment: a WeakMap lookup is not free). */
export function sharedParts(ck: CompiledKnowledge): Parts {
  let p = partsOf.get(ck);
  if (!p) {
    const slots = ck.ruleProgram.found.length;
    const n = ck.rules.length * slots;
    // Filled from the start: a far write into an empty array would make it a slow dictionary.
    p = {
      slots,
      questions: new Array(n).fill(undefined),
      signs: new Array(2 * n).fill(undefined),
      // Two maps a feature: single values, and lists of choices.
      evidence: ck.conditions.map((cc) => cc.features.flatMap(() => [new Map(), new Map()])),
    };
    partsOf.set(ck, p);
  }
  return p;
}

/** The open question "the answer to this field could make rule `rule` fire" (rule: its place in the knowledge). */
export function openQuestion(p: Parts, ck: CompiledKnowledge, rule: number, slot: number): OpenQuestion {
  const i = rule * p.slots + slot;
  let q = p.questions[i];
  if (!q) {
    const r = ck.rules[rule]!;
    q = sharedPart({ field: fieldOfSlot(slot), could_raise_to: r.level, rule: r.id });
    p.questions[i] = q;
  }
  return q;
}

/** The same question as an open warning sign, asked (and not known) or not asked. */
export function warningSign(p: Parts, ck: CompiledKnowledge, rule: number, slot: number, asked: boolean): WarningSign {
  const i = 2 * (rule * p.slots + slot) + (asked ? 1 : 0);
  let w = p.signs[i];
  if (!w) {
    w = sharedPart({ field: fieldOfSlot(slot), could_raise_to: ck.rules[rule]!.level, asked });
    p.signs[i] = w;
  }
  return w;
}

/** The most answers of one feature whose evidence is kept (a number field could have many). */
const MAX_KEPT = 64;

/**
 * The evidence "this answer counts for (or against) this condition" of a one-leaf feature (feature `i` of
 * condition `cc`): shared for an answer seen before when the answer is a single value or a list of choices;
 * built afresh otherwise.
 */
export function leafEvidence(p: Parts, cc: CompiledCondition, i: number, field: string, value: unknown): Evidence {
  const list = Array.isArray(value);
  const key = list ? listKey(value) : value !== null && typeof value === "object" ? undefined : value;
  if (key === undefined) return { weight: cc.weights[i]!, facts: [{ field, value }] };
  const kept = p.evidence[cc.index]![2 * i + (list ? 1 : 0)]!;
  const known = kept.get(key);
  if (known) return known;
  // A list is copied: the shared part must not hold (or keep alive) one request's own array. Frozen through.
  const fact: Fact = { field, value: list ? Object.freeze([...(value as unknown[])]) : value };
  const facts = [Object.freeze(fact)];
  const e = sharedPart<Evidence>({ weight: cc.weights[i]!, facts: Object.freeze(facts) as Fact[] });
  if (kept.size < MAX_KEPT) kept.set(key, e);
  return e;
}
