import { nodeOf } from "../knowledge/predicate-walk.js";
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
const FIELDS: string[] = [];
/** The fixed place of a field in every prepared case's values (assigned on first sight). */
export const slotOf = (field: string): number => {
  let i = SLOTS.get(field);
  if (i === undefined) {
    i = SLOTS.size;
    SLOTS.set(field, i);
    FIELDS.push(field);
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

/** A case has no field named "values" (contract/case.schema.json), so that key tells a prepared case apart. */
export const asPrepared = (c: Case | Prepared): Prepared => ("values" in c ? (c as Prepared) : prepare(c as Case));

type Compiled = (values: unknown[], ctx: EvalContext | undefined) => Truth;

/**
 * Whether an answer satisfies a leaf: the one leaf test, used by the evaluation here and by the interview's
 * look-ahead (src/interview/reachable.ts). Every condition the leaf names must hold.
 */
function compileLeafTest(leaf: Leaf): (v: unknown) => boolean {
  const tests: ((v: unknown) => boolean)[] = [];
  if (leaf.is !== undefined) {
    const is = leaf.is;
    tests.push((v) => v === is);
  }
  if (leaf.in !== undefined) {
    const set = new Set(leaf.in);
    tests.push((v) => set.has(v as string)); // a set of strings has nothing else
  }
  if (leaf.includes !== undefined) {
    const set = new Set(leaf.includes);
    tests.push((v) => {
      if (!Array.isArray(v)) return false;
      for (let i = 0; i < v.length; i++) if (set.has(v[i] as string)) return true;
      return false;
    });
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
  if (tests.length === 1) return tests[0]!;
  return (v) => {
    for (const t of tests) if (!t(v)) return false;
    return true;
  };
}

/** The leaf test of a leaf, compiled once per leaf object. */
export const leafTest: (leaf: Leaf) => (v: unknown) => boolean = memoByIdentity(compileLeafTest);

function compileLeaf(leaf: Leaf): Compiled {
  const slot = slotOf(leaf.field);
  const unknown: Truth = leaf.whenUnknown ?? null;
  const test = leafTest(leaf);
  return (values) => {
    const v = values[slot];
    return v === undefined ? unknown : test(v);
  };
}

/** A context leaf against the assessment so far (the one context test, shared with program.ts). */
export function contextTruth(leaf: ContextLeaf, ctx: EvalContext | undefined): Truth {
  // Context predicates are only meaningful once the assessment exists; before that they are unknown.
  if (!ctx) return null;
  // Every part the leaf names must hold.
  let t: Truth = true;
  if (leaf.triage) t = and(t, ctx.triage === undefined ? null : leaf.triage.includes(ctx.triage));
  if (leaf.likely) t = and(t, ctx.likely === undefined ? null : anyIn(ctx.likely, leaf.likely));
  if (leaf.top) t = and(t, ctx.top === undefined ? null : leaf.top.includes(ctx.top));
  return t;
}

/** Kleene's "and": false wins, then unknown. */
const and = (a: Truth, b: Truth): Truth =>
  a === false || b === false ? false : a === null || b === null ? null : true;

function anyIn(xs: readonly string[], set: readonly string[]): boolean {
  for (const x of xs) if (set.includes(x)) return true;
  return false;
}

function compile(p: Predicate): Compiled {
  const node = nodeOf(p);
  if (node.kind === "leaf") return compileLeaf(node.leaf);
  if (node.kind === "context") {
    const leaf = node.context;
    return (_v, ctx) => contextTruth(leaf, ctx);
  }
  if (node.kind === "not") {
    const inner = compiled(node.child);
    return (values, ctx) => {
      const v = inner(values, ctx);
      return v === null ? null : !v;
    };
  }
  const children = node.children.map(compiled);
  const need = node.need;
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

/**
 * A predicate as a tree whose nodes are numbered, for the trace. The trace pass evaluates every node once,
 * without short-cuts, into a scratch array, then walks only the branches that decided each node's value:
 * true children of a true "any", false children of a false "all", unknown children of an unknown node. No
 * child's truth is computed again at each depth.
 */
interface TraceNode {
  id: number;
  /** Leaves and context leaves: their compiled truth. */
  truth: Compiled;
  /** "not": one child; groups: their children. */
  children: TraceNode[];
  /** Only on a "not". */
  negate?: true;
  need: number;
  /** Only on a leaf: the field it reads, its slot, and whether a missing answer is read as `whenUnknown`. */
  leaf?: { field: string; slot: number; assumes: boolean };
}

interface TraceTree {
  root: TraceNode;
}

function buildTrace(p: Predicate): TraceTree {
  // Node ids are places in the scratch array; any distinct numbers would do.
  let size = 0;
  const node = (q: Predicate): TraceNode => {
    const id = size++;
    const n = nodeOf(q);
    const truth = compiled(q);
    if (n.kind === "leaf") {
      const { field, whenUnknown } = n.leaf;
      return {
        id,
        truth,
        children: [],
        need: 0,
        leaf: { field, slot: slotOf(field), assumes: whenUnknown !== undefined },
      };
    }
    if (n.kind === "context") return { id, truth, children: [], need: 0 };
    if (n.kind === "not") return { id, truth, children: [node(n.child)], negate: true, need: 0 };
    return { id, truth, children: n.children.map(node), need: n.need };
  };
  return { root: node(p) };
}

const traceTree: (p: Predicate) => TraceTree = memoByIdentity(buildTrace);

/** Every node's value, once each (the same values the short-cut evaluation gives: Kleene logic is order-free). */
function fill(n: TraceNode, values: unknown[], ctx: EvalContext | undefined, vals: Truth[]): Truth {
  let v: Truth;
  const kids = n.children;
  if (kids.length === 0) v = n.truth(values, ctx);
  else if (n.negate) {
    const inner = fill(kids[0]!, values, ctx, vals);
    v = inner === null ? null : !inner;
  } else {
    let t = 0;
    let f = 0;
    for (const child of kids) {
      const cv = fill(child, values, ctx, vals);
      if (cv === true) t++;
      else if (cv === false) f++;
    }
    v = t >= n.need ? true : kids.length - f < n.need ? false : null;
  }
  vals[n.id] = v;
  return v;
}

function collect(n: TraceNode, vals: Truth[], value: Truth, values: unknown[], out: Collector): void {
  const leaf = n.leaf;
  if (leaf) {
    if (values[leaf.slot] !== undefined) out.facts.push(leaf.field);
    else if (leaf.assumes) out.assumed.push(leaf.field);
    else out.unknown.push(leaf.field);
    return;
  }
  if (n.negate) return collect(n.children[0]!, vals, value === null ? null : !value, values, out);
  for (const child of n.children) if (vals[child.id] === value) collect(child, vals, value, values, out);
}

/**
 * Reused between calls: the engine is synchronous, so one scratch array serves every trace. `fill` writes a
 * node's place before `collect` reads it, and the array grows as it is written.
 */
const scratch: Truth[] = [];

/** The field a slot stands for (the inverse of slotOf). */
export const fieldOfSlot = (slot: number): string => FIELDS[slot]!;
/** Without repeats, first occurrence first (the lists are a few fields long: a scan beats a Set). */
function uniq(xs: string[]): string[] {
  const out: string[] = [];
  for (const x of xs) if (!out.includes(x)) out.push(x);
  return out;
}

/** The truth value with its trace. Never throws on a valid case and a valid predicate. */
export function evaluate(p: Predicate, c: Case | Prepared, ctx?: EvalContext): Evaluation {
  const tree = traceTree(p); // build first: it assigns the slots that prepare() fills
  const values = asPrepared(c).values;
  const value = fill(tree.root, values, ctx, scratch);
  const out: Collector = { facts: [], unknown: [], assumed: [] };
  collect(tree.root, scratch, value, values, out);
  return { value, facts: uniq(out.facts), unknown: uniq(out.unknown), assumed: uniq(out.assumed) };
}
