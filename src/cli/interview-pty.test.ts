import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sourceCli } from "./source-cli.js";

/**
 * The real program in a real pseudo-terminal (util-linux `script`), keys typed as a person types them:
 * pressing Enter through the safety questions must not answer them.
 */
const root = fileURLToPath(new URL("../../", import.meta.url));
// util-linux is part of every Debian system; CI must not skip this test.
const skip = existsSync("/usr/bin/script")
  ? false
  : process.env["CI"]
    ? assert.fail("no /usr/bin/script (util-linux)")
    : "no /usr/bin/script (util-linux)";

// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC opens the escape sequences this strips.
const plain = (s: string): string => s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "").replace(/\r/g, "");

test("pseudo-terminal: Enter alone answers no safety question; a checklist waits for a choice", {
  skip,
  timeout: 60_000,
}, async () => {
  const proc = spawn(
    "/usr/bin/script",
    ["-qfec", `stty cols 72 rows 60; exec ${process.execPath} ${sourceCli("interview").join(" ")}`, "/dev/null"],
    {
      cwd: root,
      env: { ...process.env, TERM: "xterm-256color", NO_COLOR: "1" },
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  let screen = "";
  proc.stdout.on("data", (d: Buffer) => (screen += d.toString()));
  const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
  const waitFor = async (re: RegExp, from = 0): Promise<number> => {
    for (let i = 0; i < 400; i++) {
      const m = re.exec(plain(screen).slice(from));
      if (m) return from + m.index + m[0].length;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`timed out waiting for ${re}:\n${plain(screen).slice(-1500)}`);
  };
  const type = async (keys: string): Promise<void> => {
    proc.stdin.write(keys);
    await new Promise((r) => setTimeout(r, 150));
  };
  try {
    // The optional story first: Enter alone skips it.
    await waitFor(/in your own words/);
    await type("\r");
    let pos = await waitFor(/Question 1:/);
    await type("30\r");
    pos = await waitFor(/Question 2: What is their sex\?/, pos);
    // Enter, Enter, Enter: the sex question records "I don't know", not the first option.
    await type("\r");
    pos = await waitFor(/Question 3:/, pos);
    const afterSex = plain(screen).slice(0, pos);
    const answered = afterSex.slice(afterSex.lastIndexOf("What is their sex?"));
    assert.match(answered, /I don.t know/);
    assert.doesNotMatch(answered.split("\n").slice(-4).join("\n"), /Female/);
    // The next question is a checklist of warning signs: Enter alone does not pass it.
    await waitFor(/None of these/, pos);
    await type("\r");
    await type("\r");
    await new Promise((r) => setTimeout(r, 400));
    assert.doesNotMatch(
      plain(screen).slice(pos),
      /Question 4:/,
      "Enter with nothing ticked must not answer the checklist",
    );
    // Choosing "None of these" (up past Back and "I don't know") and Enter moves on.
    await type("\u001b[A\u001b[A\u001b[A \r");
    await waitFor(/Question 4:/, pos);
    // Every line fits the 72 columns: prompts are wrapped at word boundaries before the terminal would.
    // (A cursor movement starts a new piece of a line, so each piece is measured on its own.)
    const lines = screen
      // biome-ignore lint/suspicious/noControlCharactersInRegex: ESC opens a cursor movement.
      .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "\n")
      .replace(/\r/g, "")
      .split("\n")
      .map((l) => l.replace(/\s+$/, ""));
    assert.ok(
      lines.every((l) => l.length <= 72),
      lines.filter((l) => l.length > 72).join("\n"),
    );
  } finally {
    proc.stdin.write("\u0003");
    const code = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
    if (code === null) proc.kill("SIGKILL");
  }
});
