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
  .refine((l) => [l.is, l.in, l.includes, l.empty, l.lt, l.lte, l.gt, l.gte].some((v) => v !== undefined), {
    message: "a leaf must test something (is, in, includes, empty, lt, lte, gt or gte)",
  });

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

// The walker lives in a module without zod, so the engine can use it without loading the schemas.
export { fieldsOf, leaves, nodeOf, nodes, usesContext, type PredicateNode } from "./predicate-walk.js";
