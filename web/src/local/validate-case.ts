// The browser's case validator: the contract's schema compiled ahead of time by ajv (scripts/build-web.mjs
// puts it in the virtual module), with the same problems as Node's validate-case.ts (the shared half).
import validate from "virtual:case-validator";
import { ajvProblems, semanticProblems } from "../../../src/case/case-problems.js";
import { fail, ok, type Outcome } from "../../../src/errors/problem.js";
import type { Case } from "../../../src/engine/types.js";

export function validateCase(input: unknown, root = "case"): Outcome<Case> {
  if (!validate(input)) return fail(ajvProblems(validate.errors ?? [], root));
  const c = input as Case;
  const semantic = semanticProblems(c, root);
  return semantic.length > 0 ? fail(semantic) : ok(c);
}
