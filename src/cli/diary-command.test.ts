import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "./main.js";
import { bufferIo } from "./test-io.js";

const dir = mkdtempSync(join(tmpdir(), "backcheck-diary-cli-"));
process.env["BACKCHECK_DB"] = join(dir, "diary.db");
after(() => {
  delete process.env["BACKCHECK_DB"];
  rmSync(dir, { recursive: true, force: true });
});
const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test("diary add, list, status and export in the terminal, in the same SQLite file as the server", async () => {
  const run = async (...args: string[]) => {
    const io = bufferIo();
    const code = await main(["diary", ...args], io);
    return { code, out: io.stdout(), err: io.stderr() };
  };
  assert.equal(
    (
      await run(
        "add",
        "workout",
        "--date",
        day(-3),
        "--activity",
        "weightlifting",
        "--exercises",
        "deadlift:5:100",
        "--warmed-up",
        "no",
      )
    ).code,
    0,
  );
  assert.equal((await run("add", "checkin", "--date", day(-2), "--intensity", "4", "--age", "30")).code, 0);
  const status = await run("add", "checkin", "--intensity", "5", "--leg-weakness");
  assert.equal(status.code, 0);
  assert.match(status.out, /│████·+│ +4/);
  assert.match(status.out, /See a doctor today/);
  assert.match(status.out, /Deadlift: pain after 1 of 1 sessions/);

  const list = await run("list", "--json");
  assert.equal((JSON.parse(list.out) as unknown[]).length, 3);
  const csv = await run("export", "--format", "csv");
  assert.match(csv.out, /^id,kind,date/);
  assert.match(csv.out, /leg_weakness=yes/);
});

test("bad diary input is refused with exit 2 and nothing is stored", async () => {
  const before = bufferIo();
  await main(["diary", "list", "--json"], before);
  const count = (JSON.parse(before.stdout()) as unknown[]).length;
  for (const args of [
    ["add", "checkin", "--intensity", "12"],
    ["add", "checkin", "--intensity", "3", "--date", day(3)],
    ["add", "workout", "--activity", "weightlifting", "--exercises", "kettlebell_juggling"],
    ["add", "workout", "--activity", "weightlifting", "--warmed-up", "maybe"],
  ]) {
    const io = bufferIo();
    assert.equal(await main(["diary", ...args], io), 2, args.join(" "));
    assert.match(io.stderr(), /invalid input/);
  }
  const afterwards = bufferIo();
  await main(["diary", "list", "--json"], afterwards);
  assert.equal((JSON.parse(afterwards.stdout()) as unknown[]).length, count);
});
