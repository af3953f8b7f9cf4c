import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ValidateFunction } from "ajv";
import { ajvProblems, semanticProblems } from "./case-problems.js";
import type { Problem } from "../errors/problem.js";
import { fail, ok, type Outcome } from "../errors/problem.js";
import type { Case } from "../engine/types.js";
// Compiled ahead of time from the contract (npm run generate:validators), so no schema is compiled at start.
import generatedCaseValidator from "./case-validator.generated.js";

/** The contract lives beside the code (a copy of shared/contract; a test keeps them equal). */
export const CONTRACT_DIR = fileURLToPath(new URL("../../contract/", import.meta.url));

export { ajvProblems, semanticProblems, toProblem } from "./case-problems.js";

/** The contract's case schema. */
export function caseJsonSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(`${CONTRACT_DIR}case.schema.json`, "utf8")) as Record<string, unknown>;
}

const caseValidator = (): ValidateFunction => generatedCaseValidator as ValidateFunction;

/** Validates one case against the contract; `root` names it in messages, e.g. `case[3]`. */
export function validateCase(input: unknown, root = "case"): Outcome<Case> {
  const validate = caseValidator();
  if (!validate(input)) {
    return fail(ajvProblems(validate.errors ?? [], root));
  }
  const c = input as Case;
  const semantic = semanticProblems(c, root);
  return semantic.length > 0 ? fail(semantic) : ok(c);
}

/** One case or an array of cases, as the command line and the API accept them. */
export function validateCases(input: unknown): Outcome<{ cases: Case[]; array: boolean }> {
  if (Array.isArray(input)) {
    const problems: Problem[] = [];
    const cases: Case[] = [];
    input.forEach((item, i) => {
      const r = validateCase(item, `case[${i}]`);
      if (r.ok) cases.push(r.value);
      else problems.push(...r.problems);
    });
    return problems.length > 0 ? fail(problems) : ok({ cases, array: true });
  }
  const r = validateCase(input);
  return r.ok ? ok({ cases: [r.value], array: false }) : r;
}
