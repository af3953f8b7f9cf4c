import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import type { Problem } from "../errors/problem.js";
import { fail, ok, type Outcome } from "../errors/problem.js";
import type { Case } from "../engine/types.js";

/** The contract lives beside the code (a copy of shared/contract; a test keeps them equal). */
export const CONTRACT_DIR = fileURLToPath(new URL("../../contract/", import.meta.url));

let validator: ValidateFunction | undefined;

/** The contract's case schema. */
export function caseJsonSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(`${CONTRACT_DIR}case.schema.json`, "utf8")) as Record<string, unknown>;
}

/** Ajv errors as problems, each path and message once (oneOf and enum branches can repeat them). */
export function ajvProblems(errors: ErrorObject[], root: string): Problem[] {
  const seen = new Set<string>();
  return errors
    .map((e) => toProblem(e, root))
    .filter((p) => {
      const key = `${p.path}\u0000${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

function caseValidator(): ValidateFunction {
  if (!validator) {
    const schema = caseJsonSchema();
    // allErrors: a person fixing a file wants every problem at once, not one per run.
    validator = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  }
  return validator;
}

/** One ajv error as a problem with a readable path (`case[3].intensity`). */
export function toProblem(e: ErrorObject, root: string): Problem {
  const segments = e.instancePath
    .split("/")
    .slice(1)
    .map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`))
    .join("");
  const path = `${root}${segments}`;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "additionalProperties":
      return { code: "case.unknown_field", path: `${path}.${String(params["additionalProperty"])}`, message: "unknown field" };
    case "required":
      return { code: "case.required", path: `${path}.${String(params["missingProperty"])}`, message: "is required" };
    case "enum":
      return { code: "case.enum", path, message: `must be one of: ${(params["allowedValues"] as unknown[]).join(", ")}` };
    default:
      return { code: `case.${e.keyword}`, path, message: e.message ?? "is invalid" };
  }
}

/** Rules the JSON schema states in words only; checked here so the engine never sees a contradiction. */
export function semanticProblems(c: Case, root: string): Problem[] {
  const problems: Problem[] = [];
  if (c.pregnancy_weeks !== undefined && c.pregnant !== true) {
    problems.push({ code: "case.pregnancy_weeks", path: `${root}.pregnancy_weeks`, message: "only allowed with pregnant: true" });
  }
  if (c.pregnant === true && c.sex === "male") {
    problems.push({ code: "case.pregnant", path: `${root}.pregnant`, message: "cannot be true with sex: male" });
  }
  return problems;
}

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
