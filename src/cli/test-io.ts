import type { Io } from "./io.js";

/** An Io that records what a command writes (test helper). */
export function bufferIo(stdin = ""): Io & { stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    stdin: () => stdin,
    color: false,
    width: 100,
    stdout: () => out.join("\n"),
    stderr: () => err.join("\n"),
  };
}
