import fc from "fast-check";
import type { Finding, Knowledge } from "../knowledge/schema.js";
import type { Predicate } from "../knowledge/predicate.js";
import type { Case } from "./types.js";

/** A value for one finding within its contract range (test helper). */
function valueOf(f: Finding): fc.Arbitrary<unknown> {
  switch (f.kind) {
    case "boolean":
      return fc.boolean();
    case "single":
      return fc.constantFrom(...(f.options ?? []));
    case "multi":
      return fc.uniqueArray(fc.constantFrom(...(f.options ?? [])), { minLength: f.id === "location" ? 1 : 0, maxLength: 4 });
    case "integer":
      return fc.integer({ min: f.min ?? 0, max: f.max ?? 100 });
    case "number":
      return fc.double({ min: f.min ?? 0, max: f.max ?? 400, noNaN: true, noDefaultInfinity: true });
  }
}

/** Valid cases: each field present or missing at random, with the contract's cross-field rules kept. */
export function caseArbitrary(k: Knowledge): fc.Arbitrary<Case> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of k.findings) fields[f.id] = valueOf(f);
  return fc.record(fields, { requiredKeys: ["age"] }).map((raw) => {
    const c = { ...raw } as Record<string, unknown>;
    if (c["sex"] === "male" && c["pregnant"] === true) delete c["pregnant"];
    if (c["pregnant"] !== true) delete c["pregnancy_weeks"];
    return c as unknown as Case;
  });
}

/**
 * Red-flag findings: yes/no answers that some urgent or emergency rule reads as "yes" and no rule reads
 * under a negation, so answering "yes" can only add reasons for urgency.
 */
export function redFlagFields(k: Knowledge): string[] {
  const positive = new Set<string>();
  const negated = new Set<string>();
  const walk = (p: Predicate, neg: boolean, urgent: boolean): void => {
    if ("field" in p) {
      if (neg) negated.add(p.field);
      else if (urgent && p.is === true) positive.add(p.field);
    } else if ("all" in p) p.all.forEach((q) => walk(q, neg, urgent));
    else if ("any" in p) p.any.forEach((q) => walk(q, neg, urgent));
    else if ("not" in p) walk(p.not, !neg, urgent);
    else if ("atLeast" in p) p.of.forEach((q) => walk(q, neg, urgent));
  };
  for (const r of k.rules) walk(r.when, false, r.level === "urgent" || r.level === "emergency");
  return [...positive].filter((f) => !negated.has(f)).sort();
}
