import { PassThrough, Writable } from "node:stream";
import type { Terminal } from "./interview-command.js";
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

export type FakeTerminal = Terminal & {
  screen: () => string;
  type: (keys: string) => void;
  waitFor: (re: RegExp, from: number) => Promise<number>;
};

/** A fake terminal of this size: the test reads the screen and types keys, as a person would. */
export function fakeTerminal(columns = 100, rows = 40): FakeTerminal {
  const input = new PassThrough();
  let screen = "";
  const output = new Writable({
    write(chunk, _enc, done) {
      screen += chunk.toString();
      done();
    },
  }) as Writable & { columns: number; rows: number };
  output.columns = columns;
  output.rows = rows;
  return {
    input,
    output,
    interactive: true,
    screen: () => screen,
    type: (keys) => input.write(keys),
    // Resolves with the screen position after the match, once the prompt is drawn (within 3 s).
    waitFor: async (re, from) => {
      for (let i = 0; i < 600; i++) {
        const m = re.exec(screen.slice(from));
        if (m) return from + m.index + m[0].length;
        await new Promise((r) => setTimeout(r, 5));
      }
      throw new Error(`timed out waiting for ${re} in:\n${screen.slice(from).slice(-800)}`);
    },
  };
}
