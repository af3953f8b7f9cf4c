import type { ContextLeaf, Leaf, Predicate } from "../knowledge/predicate.js";
import type { Case, Triage } from "./types.js";

/** true, false, or null for unknown (Kleene's strong three-valued logic). */
export type Truth = boolean | null;

export interface Evaluation {
  value: Truth;
  /** Fields whose answers made the value true (or false): the "because" of the trace. */
  facts: string[];
  /** Missing fields that left the value unknown: the questions that could still decide it. */
  unknown: string[];
  /** Missing fields read with their cautious default (`whenUnknown`). */
  assumed: string[];
}

export interface EvalContext {
  triage?: Triage;
  likely?: readonly string[];
  top?: string;
}

const uniq = (xs: string[]): string[] => [...new Set(xs)];

function result(value: Truth, facts: string[] = [], unknown: string[] = [], assumed: string[] = []): Evaluation {
  return { value, facts: uniq(facts), unknown: uniq(unknown), assumed: uniq(assumed) };
}

function testValue(leaf: Leaf, v: unknown): boolean {
  const checks: boolean[] = [];
  if (leaf.is !== undefined) checks.push(v === leaf.is);
  if (leaf.in !== undefined) checks.push(typeof v === "string" && leaf.in.includes(v));
  if (leaf.includes !== undefined) {
    checks.push(Array.isArray(v) && v.some((x) => leaf.includes!.includes(x as string)));
  }
  if (leaf.empty !== undefined) checks.push(Array.isArray(v) && (v.length === 0) === leaf.empty);
  if (leaf.lt !== undefined) checks.push(typeof v === "number" && v < leaf.lt);
  if (leaf.lte !== undefined) checks.push(typeof v === "number" && v <= leaf.lte);
  if (leaf.gt !== undefined) checks.push(typeof v === "number" && v > leaf.gt);
  if (leaf.gte !== undefined) checks.push(typeof v === "number" && v >= leaf.gte);
  return checks.every(Boolean);
}

function evalLeaf(leaf: Leaf, c: Case): Evaluation {
  const v = (c as unknown as Record<string, unknown>)[leaf.field];
  if (v === undefined) {
    if (leaf.whenUnknown !== undefined) return result(leaf.whenUnknown, [], [], [leaf.field]);
    return result(null, [], [leaf.field]);
  }
  const value = testValue(leaf, v);
  return result(value, [leaf.field]);
}

function evalContext(leaf: ContextLeaf, ctx: EvalContext | undefined): Evaluation {
  // Context predicates are only meaningful once the assessment exists; before that they are unknown.
  if (!ctx) return result(null);
  const checks: Truth[] = [];
  if (leaf.triage) checks.push(ctx.triage === undefined ? null : leaf.triage.includes(ctx.triage));
  if (leaf.likely) checks.push(ctx.likely === undefined ? null : ctx.likely.some((x) => leaf.likely!.includes(x)));
  if (leaf.top) checks.push(ctx.top === undefined ? null : leaf.top.includes(ctx.top));
  if (checks.includes(false)) return result(false);
  if (checks.includes(null)) return result(null);
  return result(true);
}

function combine(children: Evaluation[], value: Truth, pick: (e: Evaluation) => boolean): Evaluation {
  const chosen = children.filter(pick);
  return result(
    value,
    chosen.flatMap((e) => e.facts),
    value === null ? children.filter((e) => e.value === null).flatMap((e) => e.unknown) : [],
    chosen.flatMap((e) => e.assumed),
  );
}

/** Evaluates a predicate over a case. Never throws on a valid case and valid predicate. */
export function evaluate(p: Predicate, c: Case, ctx?: EvalContext): Evaluation {
  if ("field" in p) return evalLeaf(p, c);
  if ("context" in p) return evalContext(p.context, ctx);
  if ("not" in p) {
    const inner = evaluate(p.not, c, ctx);
    return { ...inner, value: inner.value === null ? null : !inner.value };
  }
  const children = ("all" in p ? p.all : "any" in p ? p.any : p.of).map((q) => evaluate(q, c, ctx));
  const t = children.filter((e) => e.value === true).length;
  const f = children.filter((e) => e.value === false).length;
  const u = children.length - t - f;
  if ("all" in p) {
    if (f > 0) return combine(children, false, (e) => e.value === false);
    return u > 0 ? combine(children, null, () => false) : combine(children, true, () => true);
  }
  const need = "any" in p ? 1 : p.atLeast;
  if (t >= need) return combine(children, true, (e) => e.value === true);
  if (t + u < need) return combine(children, false, (e) => e.value === false);
  return combine(children, null, () => false);
}
