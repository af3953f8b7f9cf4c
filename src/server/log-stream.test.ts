import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { batchedLog } from "./log-stream.js";

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test("log lines of one turn of the event loop go out in one write, in order", async () => {
  const writes: string[] = [];
  const log = batchedLog({ write: (s: string) => writes.push(s) });
  log.write("a\n");
  log.write("b\n");
  log.write("c\n");
  assert.deepEqual(writes, []);
  await tick();
  assert.deepEqual(writes, ["a\nb\nc\n"]);
  log.write("d\n");
  log.flush();
  assert.deepEqual(writes, ["a\nb\nc\n", "d\n"]);
  await tick();
  assert.equal(writes.length, 2, "nothing is written twice");
});

test("64 KB gathered are written at once, without waiting for the turn to end", () => {
  const writes: string[] = [];
  const log = batchedLog({ write: (s: string) => writes.push(s) });
  const line = `${"x".repeat(1023)}\n`;
  for (let i = 0; i < 64; i++) log.write(line);
  assert.equal(writes.length, 1);
  assert.equal(writes[0]!.length, 64 * 1024);
});

test("what is gathered when the process exits is written", () => {
  const src = new URL("./log-stream.ts", import.meta.url).pathname;
  const script = `import { batchedLog } from ${JSON.stringify(src)}; const log = batchedLog(); log.write("last words\\n"); process.exit(0);`;
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, "last words\n");
});
