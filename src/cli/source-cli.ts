import { fileURLToPath } from "node:url";

/** The repository's root folder (test helper). */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * The node arguments that run `backcheck ARGS...` from the TypeScript sources through tsx (test helper):
 * tests spawn the sources, never dist/, so a test run after an edit tests the edit.
 */
export function sourceCli(...args: string[]): string[] {
  return ["--import", "tsx", `${ROOT}src/cli/entry.ts`, ...args];
}
