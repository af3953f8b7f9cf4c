import type { ErrorObject } from "ajv/dist/2020.js";
import type { Problem } from "../errors/problem.js";
import type { Case } from "../engine/types.js";

// The case validator's pure half: ajv errors and the contract's rules in words, as problems. Node and the
// browser share it (the browser runs a validator compiled ahead of time; see scripts/build-web.mjs).

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
      return {
        code: "case.unknown_field",
        path: `${path}.${String(params["additionalProperty"])}`,
        message: "unknown field",
      };
    case "required":
      return { code: "case.required", path: `${path}.${String(params["missingProperty"])}`, message: "is required" };
    case "enum":
      return {
        code: "case.enum",
        path,
        message: `must be one of: ${(params["allowedValues"] as unknown[]).join(", ")}`,
      };
    default:
      return { code: `case.${e.keyword}`, path, message: e.message ?? "is invalid" };
  }
}

/** Rules the JSON schema states in words only; checked here so the engine never sees a contradiction. */
export function semanticProblems(c: Case, root: string): Problem[] {
  const problems: Problem[] = [];
  if (c.pregnancy_weeks !== undefined && c.pregnant !== true) {
    problems.push({
      code: "case.pregnancy_weeks",
      path: `${root}.pregnancy_weeks`,
      message: "only allowed with pregnant: true",
    });
  }
  if (c.pregnant === true && c.sex === "male") {
    problems.push({ code: "case.pregnant", path: `${root}.pregnant`, message: "cannot be true with sex: male" });
  }
  return problems;
}
