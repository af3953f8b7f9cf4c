import { readFileSync } from "node:fs";
import { validateCases } from "../case/validate-case.js";
import type { Case } from "../engine/types.js";
import { fail, ok, type Outcome } from "../errors/problem.js";

/** Reads JSON from a file or, for "-", from standard input; every failure is a problem value. */
export function readJsonInput(file: string, stdin: () => string = () => readFileSync(0, "utf8")): Outcome<unknown> {
  let raw: string;
  try {
    raw = file === "-" ? stdin() : readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "file not found" : code === "EISDIR" ? "is a folder, not a file" : (e as Error).message;
    return fail([{ code: "input.read", path: file, message: why }]);
  }
  try {
    return ok(JSON.parse(raw) as unknown);
  } catch (e) {
    return fail([
      { code: "input.json", path: file === "-" ? "stdin" : file, message: `not valid JSON (${(e as Error).message})` },
    ]);
  }
}

/** A case file (one case or an array) read and checked against the contract. */
export function readCases(file: string, stdin: () => string): Outcome<{ cases: Case[]; array: boolean }> {
  const input = readJsonInput(file, stdin);
  return input.ok ? validateCases(input.value) : input;
}
