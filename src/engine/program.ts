import type { ContextLeaf, Predicate } from "../knowledge/predicate.js";
import { nodeOf } from "../knowledge/predicate-walk.js";
import { contextTruth, fieldOfSlot, leafTest, slotOf, type EvalContext } from "./logic.js";

/**
 * Many predicates (every triage rule, every distinct condition feature, every advice condition) laid out as one
 * flat program: each node has a number, children come before their parent, and a predicate's nodes are one
 * range of numbers. One loop over typed arrays then gives every node's truth for a case, with no closure call
 * per node and no recursion; the same values as the short-cut evaluation in logic.ts (Kleene's logic does not
 * depend on the order). The engine evaluates every rule, feature and advice condition for every case, so this
 * loop is much of its time.
 *
 * Truths are bytes: FALSE, TRUE, UNKNOWN. Context leaves (the triage, the likely conditions) read as unknown
 * unless a run is given the assessment so far: rules and features are evaluated before there is one.
 */
export const FALSE = 0;
export const TRUE = 1;
export const UNKNOWN = 2;

const CONTEXT = 1;
const NOT = 2;
const GROUP = 3;

/**
 * A node's child is either another node (its number, 0 and up) or a leaf (-1 - the leaf's number): many
 * predicates test the same answer the same way ("fever: yes"), so each distinct leaf is tested once per case.
 */
const leafRef = (leaf: number): number => -1 - leaf;

export interface Program {
  /** Distinct leaves: the field's slot in a prepared case, the truth when it is missing (`whenUnknown`, else
   * UNKNOWN), and whether an answer satisfies it (logic.ts's one leaf test). */
  leafSlot: Int32Array;
  leafMissing: Uint8Array;
  leafTest: ((v: unknown) => boolean)[];
  /**
   * The same leaves by field: the slots the program reads, and for each the leaves that read it (`bySlot` from
   * `slotFirst[i]` to `slotFirst[i + 1]`). A run starts every leaf from its missing-answer truth (`leafMissing`,
   * one copy), then looks each answer up once for all the leaves that read it.
   */
  slots: Int32Array;
  slotFirst: Int32Array;
  bySlot: Int32Array;
  /**
   * Per field (by its place in `slots`), the leaves' truths for an answer already seen, when the answer is a
   * single value (a choice, yes/no, a number): the tests are pure, so one answer always gives the same truths.
   * Lists of choices (a multiple choice) likewise, apart. At most MAX_CACHED answers a field; beyond that, and
   * for anything else, the leaves are tested each time.
   */
  seen: Map<unknown, Uint8Array>[];
  seenLists: Map<unknown, Uint8Array>[];
  /** The context leaves (the assessment so far: its triage, its likely conditions), by a CONTEXT node's `child`. */
  contexts: ContextLeaf[];
  /** Nodes: CONTEXT, NOT or GROUP; a "not"'s child; a group's need and its children's place in `kids`. */
  size: number;
  kind: Uint8Array;
  child: Int32Array;
  need: Int32Array;
  first: Int32Array;
  count: Int32Array;
  kids: Int32Array;
  /** Each predicate's root (a node, or a leaf reference for a one-leaf predicate) and its first node. */
  roots: Int32Array;
  starts: Int32Array;
  /** Reused by every run (the engine is synchronous): the truths of the last case run. */
  leafOut: Uint8Array;
  out: Uint8Array;
  /** Scratch for the walk down the unknown nodes, and a stamp per slot to name each field once. */
  reach: Uint8Array;
  stamp: Uint32Array;
  epoch: number;
  /** Scratch for the answer of `unknownLeaves`: at most one entry per slot. */
  found: Int32Array;
  /** Scratch for `sharedRootTruths`. */
  truths: (boolean | null)[];
  /** The answers of the last run, and its context: `traceOf` reads that run's truths. */
  lastValues: readonly unknown[] | undefined;
  lastContext: EvalContext | undefined;
}

export function buildProgram(preds: readonly Predicate[]): Program {
  const leafSlot: number[] = [];
  const leafMissing: number[] = [];
  const tests: ((v: unknown) => boolean)[] = [];
  const leafByKey = new Map<string, number>();
  const contexts: ContextLeaf[] = [];
  const kind: number[] = [];
  const child: number[] = [];
  const need: number[] = [];
  const first: number[] = [];
  const count: number[] = [];
  const kids: number[] = [];
  const roots: number[] = [];
  const starts: number[] = [];
  let maxSlot = 0;
  const emit = (k: number): number => {
    kind.push(k);
    child.push(0);
    need.push(0);
    first.push(0);
    count.push(0);
    return kind.length - 1;
  };
  // Post-order: a node's children get their numbers first.
  const add = (p: Predicate): number => {
    const n = nodeOf(p);
    if (n.kind === "leaf") {
      const key = JSON.stringify(n.leaf);
      let i = leafByKey.get(key);
      if (i === undefined) {
        i = leafSlot.length;
        leafByKey.set(key, i);
        const slot = slotOf(n.leaf.field);
        maxSlot = Math.max(maxSlot, slot);
        leafSlot.push(slot);
        leafMissing.push(n.leaf.whenUnknown === undefined ? UNKNOWN : n.leaf.whenUnknown ? TRUE : FALSE);
        tests.push(leafTest(n.leaf));
      }
      return leafRef(i);
    }
    if (n.kind === "context") {
      const i = emit(CONTEXT);
      child[i] = contexts.length;
      contexts.push(n.context);
      return i;
    }
    if (n.kind === "not") {
      const c = add(n.child);
      const i = emit(NOT);
      child[i] = c;
      return i;
    }
    const children = n.children.map(add);
    const i = emit(GROUP);
    need[i] = n.need;
    first[i] = kids.length;
    count[i] = children.length;
    kids.push(...children);
    return i;
  };
  for (const p of preds) {
    starts.push(kind.length);
    roots.push(add(p));
  }
  const size = kind.length;
  const slots = [...new Set(leafSlot)];
  const bySlot: number[] = [];
  const slotFirst: number[] = [];
  for (const slot of slots) {
    slotFirst.push(bySlot.length);
    leafSlot.forEach((s, l) => {
      if (s === slot) bySlot.push(l);
    });
  }
  slotFirst.push(bySlot.length);
  return {
    leafSlot: Int32Array.from(leafSlot),
    slots: Int32Array.from(slots),
    slotFirst: Int32Array.from(slotFirst),
    bySlot: Int32Array.from(bySlot),
    seen: slots.map(() => new Map<unknown, Uint8Array>()),
    seenLists: slots.map(() => new Map<unknown, Uint8Array>()),
    leafMissing: Uint8Array.from(leafMissing),
    leafTest: tests,
    contexts,
    size,
    kind: Uint8Array.from(kind),
    child: Int32Array.from(child),
    need: Int32Array.from(need),
    first: Int32Array.from(first),
    count: Int32Array.from(count),
    kids: Int32Array.from(kids),
    roots: Int32Array.from(roots),
    starts: Int32Array.from(starts),
    leafOut: new Uint8Array(leafSlot.length),
    out: new Uint8Array(size),
    reach: new Uint8Array(size),
    stamp: new Uint32Array(maxSlot + 1),
    epoch: 0,
    found: new Int32Array(maxSlot + 1),
    truths: new Array<boolean | null>(roots.length).fill(null),
    lastValues: undefined,
    lastContext: undefined,
  };
}

/**
 * Every leaf's and node's truth for a prepared case's values, into the program's scratch (see `truthAt`).
 * Context leaves read `ctx` (advice is chosen once the assessment exists); without it they are unknown.
 */
export function run(p: Program, values: readonly unknown[], ctx?: EvalContext): void {
  const { leafMissing, leafOut, slots, slotFirst, bySlot, size, kind, child, need, first, count, kids, out } = p;
  p.lastValues = values;
  p.lastContext = ctx;
  // Every leaf as if its answer were missing (one copy), then the answered fields' leaves.
  leafOut.set(leafMissing);
  for (let s = 0; s < slots.length; s++) {
    const v = values[slots[s]!];
    if (v === undefined) continue;
    const from = slotFirst[s]!;
    const to = slotFirst[s + 1]!;
    // A list of choices is known by its choices in order, kept apart from single values.
    const list = v !== null && typeof v === "object";
    const seen = list ? p.seenLists[s]! : p.seen[s]!;
    const key = list ? (Array.isArray(v) ? listKey(v) : undefined) : v;
    const truths = key === undefined ? testAll(p, s, v) : (seen.get(key) ?? keep(seen, key, testAll(p, s, v)));
    for (let j = from; j < to; j++) leafOut[bySlot[j]!] = truths[j - from]!;
  }
  for (let i = 0; i < size; i++) {
    const k = kind[i];
    if (k === GROUP) {
      let t = 0;
      let f = 0;
      const from = first[i]!;
      const n = count[i]!;
      for (let j = from; j < from + n; j++) {
        const r = kids[j]!;
        const c = r < 0 ? leafOut[-1 - r] : out[r];
        if (c === TRUE) t++;
        else if (c === FALSE) f++;
      }
      const m = need[i]!;
      out[i] = t >= m ? TRUE : n - f < m ? FALSE : UNKNOWN;
    } else if (k === NOT) {
      const r = child[i]!;
      const c = r < 0 ? leafOut[-1 - r]! : out[r]!;
      out[i] = c === UNKNOWN ? UNKNOWN : 1 - c;
    } else out[i] = ctx ? asByte(contextTruth(p.contexts[child[i]!]!, ctx)) : UNKNOWN;
  }
}

/** The most answers of one field whose leaf truths are kept (a number field could have many). */
const MAX_CACHED = 64;

/** The truths of every leaf of field `s` (its place in `slots`) for answer v. */
function testAll(p: Program, s: number, v: unknown): Uint8Array {
  const from = p.slotFirst[s]!;
  const truths = new Uint8Array(p.slotFirst[s + 1]! - from);
  for (let j = 0; j < truths.length; j++) truths[j] = p.leafTest[p.bySlot[from + j]!]!(v) ? TRUE : FALSE;
  return truths;
}

function keep(seen: Map<unknown, Uint8Array>, key: unknown, truths: Uint8Array): Uint8Array {
  if (seen.size < MAX_CACHED) seen.set(key, truths);
  return truths;
}

/**
 * A list of strings as one key, each string with its length first (two different lists never share a key,
 * whatever the strings hold); undefined for a list holding anything else. Answers are kept by it here and in
 * shared-parts.ts.
 */
export function listKey(v: readonly unknown[]): string | undefined {
  let key = "";
  for (const x of v) {
    if (typeof x !== "string") return undefined;
    key += `${x.length}:${x}`;
  }
  return key;
}

const asByte = (t: boolean | null): number => (t === null ? UNKNOWN : t ? TRUE : FALSE);

/** A node's or leaf's truth after `run`. */
const truthAt = (p: Program, r: number): number => (r < 0 ? p.leafOut[-1 - r]! : p.out[r]!);

/** Predicate `index`'s truth after `run`: FALSE, TRUE or UNKNOWN. */
export const rootTruth = (p: Program, index: number): number => truthAt(p, p.roots[index]!);

/**
 * The slots of the missing fields that leave predicate `index` unknown, after `run` on the case: the leaves
 * under its unknown nodes (only an unknown child leaves its parent unknown, under a "not" too), written to
 * `into` from 0, each slot once; returns how many. The order is not part of the answer. Walks the predicate's
 * range from its root down: a child's number is lower than its parent's, so every node is reached before it
 * is visited.
 */
export function unknownLeaves(p: Program, index: number, into: Int32Array): number {
  const { kind, child, first, count, kids, out, reach } = p;
  const epoch = ++p.epoch;
  const root = p.roots[index]!;
  if (root < 0) return leafInto(p, -1 - root, epoch, into, 0);
  let n = 0;
  const start = p.starts[index]!;
  reach[root] = 1;
  for (let i = root; i >= start; i--) {
    if (reach[i] === 0) continue;
    reach[i] = 0;
    if (out[i] !== UNKNOWN) continue;
    const k = kind[i];
    if (k === GROUP) {
      const from = first[i]!;
      for (let j = from; j < from + count[i]!; j++) {
        const r = kids[j]!;
        if (r < 0) n = leafInto(p, -1 - r, epoch, into, n);
        else if (out[r] === UNKNOWN) reach[r] = 1;
      }
    } else if (k === NOT) {
      const r = child[i]!;
      if (r < 0) n = leafInto(p, -1 - r, epoch, into, n);
      else reach[r] = 1;
    }
  }
  return n;
}

/** An unknown leaf is a missing answer without `whenUnknown`: its field is a question, named once. */
function leafInto(p: Program, l: number, epoch: number, into: Int32Array, n: number): number {
  if (p.leafOut[l] !== UNKNOWN) return n;
  const slot = p.leafSlot[l]!;
  if (p.stamp[slot] === epoch) return n;
  p.stamp[slot] = epoch;
  into[n] = slot;
  return n + 1;
}

const AS_TRUTH = [false, true, null] as const;

/** The predicates' truths after `run`, as the rest of the engine reads them. */
export function rootTruths(p: Program): (boolean | null)[] {
  return fillRootTruths(p, new Array<boolean | null>(p.roots.length));
}

/**
 * The same in the program's own array, overwritten by the next call: for a caller that is done with them
 * before it runs the program again (an assessment), so no array is allocated per case.
 */
export const sharedRootTruths = (p: Program): readonly (boolean | null)[] => fillRootTruths(p, p.truths);

function fillRootTruths(p: Program, truths: (boolean | null)[]): (boolean | null)[] {
  for (let i = 0; i < truths.length; i++) truths[i] = AS_TRUTH[rootTruth(p, i)]!;
  return truths;
}

/**
 * Why predicate `index` has the truth it has for the case whose answers are `values`: the fields of
 * the leaves that decided it, in the order the tree evaluation of logic.ts (`evaluate`) names them (depth
 * first, left to right, each once): answered fields as facts, missing ones read with their `whenUnknown` as
 * assumed. Only the children that agree with their node decided it (the true children of a true "any", ...).
 */
export function traceOf(p: Program, index: number, values: readonly unknown[]): { facts: string[]; assumed: string[] } {
  // Usually the run just made for this case (the triage's, the assessment's features); else run it now.
  if (p.lastValues !== values || p.lastContext !== undefined) run(p, values);
  const facts: string[] = [];
  const assumed: string[] = [];
  // A stack of (reference, the truth it must have to be followed): children pushed last first.
  const stack: number[] = [p.roots[index]!];
  while (stack.length > 0) {
    const r = stack.pop()!;
    if (r < 0) {
      const l = -1 - r;
      const slot = p.leafSlot[l]!;
      const field = fieldOfSlot(slot);
      if (values[slot] !== undefined) {
        if (!facts.includes(field)) facts.push(field);
      } else if (p.leafMissing[l] !== UNKNOWN && !assumed.includes(field)) assumed.push(field);
      continue;
    }
    const k = p.kind[r];
    if (k === NOT) stack.push(p.child[r]!);
    else if (k === GROUP) {
      const value = p.out[r];
      for (let j = p.first[r]! + p.count[r]! - 1; j >= p.first[r]!; j--) {
        const c = p.kids[j]!;
        if (truthAt(p, c) === value) stack.push(c);
      }
    }
  }
  return { facts, assumed };
}
