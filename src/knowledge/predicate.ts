import { z } from "zod";
import { TRIAGE_URGENT_FIRST } from "../engine/types.js";

/**
 * The condition language of the knowledge base. A predicate is data, so a rule can be read, validated and
 * traced without running code. Leaves test one finding of the case; the combinators follow Kleene's
 * three-valued logic (see src/engine/logic.ts), because a finding nobody asked about is unknown, not "no".
 */
export interface Leaf {
  /** A field of case.schema.json. */
  field: string;
  /** Boolean or single-choice equality. */
  is?: boolean | string;
  /** Single-choice field: one of these. */
  in?: string[];
  /** Multi-choice field: contains at least one of these. */
  includes?: string[];
  /** Multi-choice field: the person said it is empty (e.g. the pain does not spread). */
  empty?: boolean;
  lt?: number;
  lte?: number;
  gt?: number;
  gte?: number;
  /**
   * The truth value to use when the field is missing. Only for qualifiers of safety rules, where the
   * cautious reading must win (e.g. "recent" when the duration is not known); the trace records it.
   */
  whenUnknown?: boolean;
}

/** Facts about the assessment itself, usable by advice but not by triage rules (which decide them). */
export interface ContextLeaf {
  /** The triage level is one of these. */
  triage?: string[];
  /** One of these conditions is among the likely ones (top three). */
  likely?: string[];
  /** The condition ranked first is one of these. */
  top?: string[];
}

export type Predicate =
  | Leaf
  | { context: ContextLeaf }
  | { all: Predicate[] }
  | { any: Predicate[] }
  | { not: Predicate }
  | { atLeast: number; of: Predicate[] };

const leafSchema = z
  .object({
    field: z.string().min(1),
    is: z.union([z.boolean(), z.string()]).optional(),
    in: z.array(z.string()).min(1).optional(),
    includes: z.array(z.string()).min(1).optional(),
    empty: z.boolean().optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
    gt: z.number().optional(),
    gte: z.number().optional(),
    whenUnknown: z.boolean().optional(),
  })
  .strict()
  .refine(
    (l) =>
      [l.is, l.in, l.includes, l.empty, l.lt, l.lte, l.gt, l.gte].some((v) => v !== undefined),
    { message: "a leaf must test something (is, in, includes, empty, lt, lte, gt or gte)" },
  );

const contextSchema = z
  .object({
    triage: z.array(z.enum(TRIAGE_URGENT_FIRST)).min(1).optional(),
    likely: z.array(z.string()).min(1).optional(),
    top: z.array(z.string()).min(1).optional(),
  })
  .strict();

export const predicateSchema: z.ZodType<Predicate> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(predicateSchema).min(1) }).strict(),
    z.object({ any: z.array(predicateSchema).min(1) }).strict(),
    z.object({ not: predicateSchema }).strict(),
    z.object({ atLeast: z.number().int().min(1), of: z.array(predicateSchema).min(1) }).strict(),
    z.object({ context: contextSchema }).strict(),
    leafSchema,
  ]),
) as z.ZodType<Predicate>;

export function isLeaf(p: Predicate): p is Leaf {
  return "field" in p;
}

/**
 * A predicate node's parts. The one place that knows how the combinators are spelt: every walk over a
 * predicate (evaluation, trace, look-ahead, validation) goes through `nodeOf`, `nodes` or `leaves`.
 */
export type PredicateNode =
  | { kind: "leaf"; leaf: Leaf }
  | { kind: "context"; context: ContextLeaf }
  | { kind: "not"; child: Predicate }
  | { kind: "group"; op: "all" | "any" | "of"; children: Predicate[]; /** How many children must be true. */ need: number };

export function nodeOf(p: Predicate): PredicateNode {
  // Knowledge is immutable once loaded, and the look-ahead walks the same predicates at every step.
  let node = nodeCache.get(p);
  if (!node) nodeCache.set(p, (node = partsOf(p)));
  return node;
}

const nodeCache = new WeakMap<Predicate, PredicateNode>();

function partsOf(p: Predicate): PredicateNode {
  if ("field" in p) return { kind: "leaf", leaf: p };
  if ("context" in p) return { kind: "context", context: p.context };
  if ("not" in p) return { kind: "not", child: p.not };
  if ("all" in p) return { kind: "group", op: "all", children: p.all, need: p.all.length };
  if ("any" in p) return { kind: "group", op: "any", children: p.any, need: 1 };
  return { kind: "group", op: "of", children: p.of, need: p.atLeast };
}

/** Every node of a predicate, depth first, with its path and whether it sits under an odd number of "not"s. */
export function* nodes(p: Predicate, path = "", negated = false): Generator<{ node: PredicateNode; path: string; negated: boolean }> {
  const node = nodeOf(p);
  yield { node, path, negated };
  if (node.kind === "not") yield* nodes(node.child, `${path}.not`, !negated);
  else if (node.kind === "group") for (const [i, c] of node.children.entries()) yield* nodes(c, `${path}.${node.op}[${i}]`, negated);
}

/** Every leaf of a predicate, with its path inside it (for validation against the findings) and its negation. */
export function* leaves(p: Predicate, path = ""): Generator<{ leaf: Leaf; path: string; negated: boolean }> {
  for (const { node, path: at, negated } of nodes(p, path)) if (node.kind === "leaf") yield { leaf: node.leaf, path: at, negated };
}

/** Whether a predicate reads the assessment context (triage, likely conditions). */
export function usesContext(p: Predicate): boolean {
  for (const { node } of nodes(p)) if (node.kind === "context") return true;
  return false;
}

/** The fields a predicate reads, each once, in the order they first appear. */
export function fieldsOf(p: Predicate): string[] {
  const out: string[] = [];
  for (const { leaf } of leaves(p)) if (!out.includes(leaf.field)) out.push(leaf.field);
  return out;
}

