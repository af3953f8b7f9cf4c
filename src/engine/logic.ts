import type { ContextLeaf, Leaf, Predicate } from "../knowledge/predicate.js";
import type { Case, Triage } from "./types.js";

/** true, false, or null for unknown (Kleene's strong three-valued logic). */
export type Truth = boolean | null;

export interface Evaluation {
  value: Truth;
  /** Fields whose answers decided the value: the "because" of the trace. */
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

/**
 * A case laid out for fast reading: each field has a fixed slot, so a compiled leaf reads an array
 * element instead of looking a key up in an object whose shape differs from case to case.
 */
export interface Prepared {
  readonly case: Case;
  readonly values: unknown[];
}

const SLOTS = new Map<string, number>();
const slotOf = (field: string): number => {
  let i = SLOTS.get(field);
  if (i === undefined) {
    i = SLOTS.size;
    SLOTS.set(field, i);
  }
  return i;
};

export function prepare(c: Case): Prepared {
  const values: unknown[] = new Array(SLOTS.size);
  const record = c as unknown as Record<string, unknown>;
  // Every present field gets a slot now, so a predicate compiled later still finds it.
  for (const key of Object.keys(record)) values[slotOf(key)] = record[key];
  return { case: c, values };
}

export const asPrepared = (c: Case | Prepared): Prepared => ("values" in c && "case" in c ? (c as Prepared) : prepare(c as Case));

type Compiled = (values: unknown[], ctx: EvalContext | undefined) => Truth;

function compileLeaf(leaf: Leaf): Compiled {
  const slot = slotOf(leaf.field);
  const unknown: Truth = leaf.whenUnknown ?? null;
  const tests: ((v: unknown) => boolean)[] = [];
  if (leaf.is !== undefined) {
    const is = leaf.is;
    tests.push((v) => v === is);
  }
  if (leaf.in !== undefined) {
    const set = new Set(leaf.in);
    tests.push((v) => typeof v === "string" && set.has(v));
  }
  if (leaf.includes !== undefined) {
    const set = new Set(leaf.includes);
    tests.push((v) => Array.isArray(v) && v.some((x) => set.has(x as string)));
  }
  if (leaf.empty !== undefined) {
    const empty = leaf.empty;
    tests.push((v) => Array.isArray(v) && (v.length === 0) === empty);
  }
  const bound = (limit: number | undefined, cmp: (a: number, b: number) => boolean): void => {
    if (limit !== undefined) tests.push((v) => typeof v === "number" && cmp(v, limit));
  };
  bound(leaf.lt, (a, b) => a < b);
  bound(leaf.lte, (a, b) => a <= b);
  bound(leaf.gt, (a, b) => a > b);
  bound(leaf.gte, (a, b) => a >= b);
  const only = tests.length === 1 ? tests[0]! : undefined;
  if (only) {
    return (values) => {
      const v = values[slot];
      return v === undefined ? unknown : only(v);
    };
  }
  return (values) => {
    const v = values[slot];
    if (v === undefined) return unknown;
    for (const t of tests) if (!t(v)) return false;
    return true;
  };
}

function contextTruth(leaf: ContextLeaf, ctx: EvalContext | undefined): Truth {
  // Context predicates are only meaningful once the assessment exists; before that they are unknown.
  if (!ctx) return null;
  let result: Truth = true;
  const check = (v: Truth): void => {
    if (v === false) result = false;
    else if (v === null && result === true) result = null;
  };
  if (leaf.triage) check(ctx.triage === undefined ? null : leaf.triage.includes(ctx.triage));
  if (leaf.likely) check(ctx.likely === undefined ? null : ctx.likely.some((x) => leaf.likely!.includes(x)));
  if (leaf.top) check(ctx.top === undefined ? null : leaf.top.includes(ctx.top));
  return result;
}

function compile(p: Predicate): Compiled {
  if ("field" in p) return compileLeaf(p);
  if ("context" in p) {
    const leaf = p.context;
    return (_v, ctx) => contextTruth(leaf, ctx);
  }
  if ("not" in p) {
    const inner = compiled(p.not);
    return (values, ctx) => {
      const v = inner(values, ctx);
      return v === null ? null : !v;
    };
  }
  const children = ("all" in p ? p.all : "any" in p ? p.any : p.of).map(compiled);
  const need = "all" in p ? children.length : "any" in p ? 1 : p.atLeast;
  const n = children.length;
  return (values, ctx) => {
    let t = 0;
    let f = 0;
    for (const child of children) {
      const v = child(values, ctx);
      if (v === true) {
        if (++t >= need) return true;
      } else if (v === false && n - ++f < need) return false;
    }
    return null;
  };
}

/** Knowledge objects are immutable once loaded, so whatever is derived from one is cached by identity. */
export function memoByIdentity<K extends object, V>(derive: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) {
      v = derive(key);
      cache.set(key, v);
    }
    return v;
  };
}

const compiled: (p: Predicate) => Compiled = memoByIdentity(compile);

/** A predicate compiled once to a function of a prepared case, for loops over many predicates. */
export function compilePredicate(p: Predicate): (c: Prepared, ctx?: EvalContext) => Truth {
  const fn = compiled(p);
  return (c, ctx) => fn(c.values, ctx);
}

/** The truth value alone, without the trace. */
export function truthOf(p: Predicate, c: Case | Prepared, ctx?: EvalContext): Truth {
  const fn = compiled(p); // compile first: it assigns the slots that prepare() fills
  return fn(asPrepared(c).values, ctx);
}

interface Collector {
  facts: string[];
  unknown: string[];
  assumed: string[];
}

type Collect = (values: unknown[], ctx: EvalContext | undefined, value: Truth, out: Collector) => void;

/**
 * Compiles the walk over only the branches that decided a node's value, gathering the answers behind it:
 * true children of a true "any", false children of a false "all", unknown children of an unknown node.
 */
function compileCollect(p: Predicate): Collect {
  if ("field" in p) {
    const slot = slotOf(p.field);
    const field = p.field;
    const assumes = p.whenUnknown !== undefined;
    return (values, _ctx, _value, out) => {
      if (values[slot] !== undefined) out.facts.push(field);
      else if (assumes) out.assumed.push(field);
      else out.unknown.push(field);
    };
  }
  if ("context" in p) return () => {};
  if ("not" in p) {
    const inner = collector(p.not);
    return (values, ctx, value, out) => inner(values, ctx, value === null ? null : !value, out);
  }
  const children = ("all" in p ? p.all : "any" in p ? p.any : p.of).map((q) => ({ truth: compiled(q), collect: collector(q) }));
  return (values, ctx, value, out) => {
    for (const child of children) if (child.truth(values, ctx) === value) child.collect(values, ctx, value, out);
  };
}

const collector: (p: Predicate) => Collect = memoByIdentity(compileCollect);

const uniq = (xs: string[]): string[] => (xs.length < 2 ? xs : [...new Set(xs)]);

/** The truth value with its trace. Never throws on a valid case and a valid predicate. */
export function evaluate(p: Predicate, c: Case | Prepared, ctx?: EvalContext): Evaluation {
  const values = asPrepared(c).values;
  const value = compiled(p)(values, ctx);
  const out: Collector = { facts: [], unknown: [], assumed: [] };
  collector(p)(values, ctx, value, out);
  return { value, facts: uniq(out.facts), unknown: uniq(out.unknown), assumed: uniq(out.assumed) };
}
