import { formatProblem, type Problem } from "../errors/problem.js";

/** Where a command writes; tests pass buffers, the real CLI passes the process streams. */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  stdin: () => string;
  color: boolean;
  width: number;
}

export const EXIT = { ok: 0, failure: 1, invalid: 2 } as const;

/** Invalid input: every problem on its own line, then exit code 2. No stack trace, nothing written. */
export function reportProblems(io: Io, problems: Problem[], what = "invalid input"): number {
  io.err(`backcheck: ${what}: ${problems.length} problem${problems.length === 1 ? "" : "s"}`);
  for (const p of problems) io.err(`  ${formatProblem(p)}`);
  return EXIT.invalid;
}
