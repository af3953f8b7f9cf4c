import fc from "fast-check";
import type { Finding, Knowledge } from "../knowledge/schema.js";
import { leaves } from "../knowledge/predicate.js";
import { triageRank, type Case } from "./types.js";

/** A value for one finding within its contract range (test helper). */
function arbitraryValue(f: Finding): fc.Arbitrary<unknown> {
  switch (f.kind) {
    case "boolean":
      return fc.boolean();
    case "single":
      return fc.constantFrom(...(f.options ?? []));
    case "multi":
      return fc.uniqueArray(fc.constantFrom(...(f.options ?? [])), {
        minLength: f.id === "location" ? 1 : 0,
        maxLength: 4,
      });
    case "integer":
      return fc.integer({ min: f.min ?? 0, max: f.max ?? 100 });
    case "number":
      return fc.double({ min: f.min ?? 0, max: f.max ?? 400, noNaN: true, noDefaultInfinity: true });
  }
}

/** Valid cases: each field present or missing at random, with the contract's cross-field rules kept. */
export function caseArbitrary(k: Knowledge): fc.Arbitrary<Case> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of k.findings) fields[f.id] = arbitraryValue(f);
  return fc.record(fields, { requiredKeys: ["age"] }).map((raw) => {
    const c = { ...raw } as Record<string, unknown>;
    if (c["sex"] === "male" && c["pregnant"] === true) delete c["pregnant"];
    if (c["pregnant"] !== true) delete c["pregnancy_weeks"];
    return c as unknown as Case;
  });
}

/**
 * Warning signs: yes/no findings that some urgent or emergency rule reads as "yes". Every one of them is
 * covered by the monotonicity property: answering "yes" to a warning sign may never lower the urgency.
 */
export function redFlagFields(k: Knowledge): string[] {
  const positive = new Set<string>();
  for (const r of k.rules) {
    if (triageRank(r.level) < triageRank("urgent")) continue;
    for (const { leaf, negated } of leaves(r.when)) if (!negated && leaf.is === true) positive.add(leaf.field);
  }
  return [...positive].sort();
}

/**
 * Cases as people fill in the form: each field present or missing at random, but at most two warning signs
 * answered "yes" (the others "no" or unknown), so most cases are not already emergencies and a property
 * about adding a sign has something to test.
 */
export function realisticCaseArbitrary(k: Knowledge): fc.Arbitrary<Case> {
  const signs = redFlagFields(k);
  return fc
    .tuple(caseArbitrary(k), fc.uniqueArray(fc.constantFrom(...signs), { maxLength: 2 }), fc.boolean())
    .map(([c, yes, unknownRest]) => {
      const out = { ...c } as Record<string, unknown>;
      for (const s of signs) {
        if (yes.includes(s)) out[s] = true;
        else if (unknownRest) delete out[s];
        else out[s] = false;
      }
      if (out["sex"] === "male" && out["pregnant"] === true) delete out["pregnant"];
      if (out["pregnant"] !== true) delete out["pregnancy_weeks"];
      // Single-choice answers that are warning signs in themselves are drawn on their ordinary side.
      if (out["leg_symptoms_side"] === "both_legs") out["leg_symptoms_side"] = "one_leg";
      if (out["injury"] === "fall_from_height" || out["injury"] === "traffic_accident") out["injury"] = "none";
      if (Array.isArray(out["character"]))
        out["character"] = (out["character"] as string[]).filter((x) => x !== "tearing");
      // Severity is drawn low to moderate: a random 9/10 with a random collapse is not how most forms look.
      if (typeof out["intensity"] === "number") out["intensity"] = Math.min(out["intensity"] as number, 6);
      return out as unknown as Case;
    });
}
