import { z } from "zod";

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
    triage: z.array(z.enum(["emergency", "urgent", "doctor", "self_care"])).min(1).optional(),
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

/** Every leaf of a predicate, with its path inside it, for validation against the findings. */
export function* leaves(p: Predicate, path = ""): Generator<{ leaf: Leaf; path: string }> {
  if (isLeaf(p)) {
    yield { leaf: p, path };
  } else if ("all" in p) {
    for (const [i, c] of p.all.entries()) yield* leaves(c, `${path}.all[${i}]`);
  } else if ("any" in p) {
    for (const [i, c] of p.any.entries()) yield* leaves(c, `${path}.any[${i}]`);
  } else if ("not" in p) {
    yield* leaves(p.not, `${path}.not`);
  } else if ("atLeast" in p) {
    for (const [i, c] of p.of.entries()) yield* leaves(c, `${path}.of[${i}]`);
  }
}

/** The fields a predicate reads, each once, in the order they first appear. */
export function fieldsOf(p: Predicate): string[] {
  const out: string[] = [];
  for (const { leaf } of leaves(p)) if (!out.includes(leaf.field)) out.push(leaf.field);
  return out;
}

/** Whether a predicate reads the assessment context (triage, likely conditions). */
export function usesContext(p: Predicate): boolean {
  if ("context" in p) return true;
  if ("all" in p) return p.all.some(usesContext);
  if ("any" in p) return p.any.some(usesContext);
  if ("not" in p) return usesContext(p.not);
  if ("atLeast" in p) return p.of.some(usesContext);
  return false;
}
