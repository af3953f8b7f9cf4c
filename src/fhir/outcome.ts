import type { OperationOutcome } from "@medplum/fhirtypes";
import type { Problem } from "../errors/problem.js";

const ISSUE_CODES = new Set([
  "structure",
  "required",
  "value",
  "invariant",
  "invalid",
  "not-found",
  "conflict",
  "not-supported",
]);

/** Problems as an OperationOutcome: one issue per problem, with its FHIRPath/JSON path as the expression. */
export function operationOutcome(problems: Problem[]): OperationOutcome {
  return {
    resourceType: "OperationOutcome",
    issue: problems.map((p) => {
      const code = p.code.replace(/^fhir\./, "");
      return {
        severity: "error" as const,
        code: (ISSUE_CODES.has(code) ? code : "invalid") as "invalid",
        details: { text: p.message },
        diagnostics: p.code,
        ...(p.path ? { expression: [p.path] } : {}),
      };
    }),
  };
}
