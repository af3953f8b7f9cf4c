import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultKnowledge } from "../knowledge/load.js";
import { main } from "./main.js";
import { planCommand } from "./plan-command.js";
import { bufferIo } from "./test-io.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const example = `${root}examples/beginner-after-squats.json`;
const k = defaultKnowledge();
const dir = mkdtempSync(join(tmpdir(), "backcheck-plan-"));
test.after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, data: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(data));
  return path;
};

const day = (n: number): string =>
  new Date(Date.parse("2026-11-01T00:00:00Z") + n * 86_400_000).toISOString().slice(0, 10);
const easyDiary = {
  entries: [
    { kind: "checkin", date: day(0), intensity: 2, age: 28 },
    ...[1, 3, 5].flatMap((d) => [
      { kind: "workout", date: day(d), activity: "weightlifting", exercises: [{ exercise: "deadlift" }] },
      { kind: "checkin", date: day(d), intensity: 2 },
      { kind: "checkin", date: day(d + 1), intensity: 1 },
    ]),
  ],
};

test("plan --json without a diary: stage 1 with the issue's fields", async () => {
  const io = bufferIo();
  assert.equal(await main(["plan", example, "--json"], io), 0);
  const v = JSON.parse(io.stdout()) as Record<string, unknown> & {
    stage: { index: number; id: string };
    stages: {
      id: string;
      goal: string;
      exercises: { id: string; dose: unknown }[];
      move_on: string;
      hold: string;
      step_back: string;
    }[];
  };
  assert.equal(v["available"], true);
  assert.equal(v["activity"], "weightlifting");
  assert.deepEqual({ index: v.stage.index, id: v.stage.id }, { index: 1, id: "relief" });
  assert.equal(v.stages.length, 6);
  for (const s of v.stages)
    assert.ok(s.goal && s.move_on && s.hold && s.step_back && s.exercises.every((e) => e.id && e.dose));
  assert.ok(v["today"] && Array.isArray(v["sources"]));
  assert.equal(v["change"], undefined);
});

test("plan with the diary's export moves on to stage 2 and says why, in Russian too", async () => {
  const diary = file("easy.json", easyDiary);
  const io = bufferIo();
  assert.equal(await planCommand(example, { diary, lang: "en", json: true, today: day(7) }, k, io), 0);
  const v = JSON.parse(io.stdout()) as {
    stage: { index: number };
    change: { from: { index: number }; to: { index: number }; why: string };
  };
  assert.equal(v.stage.index, 2);
  assert.deepEqual([v.change.from.index, v.change.to.index], [1, 2]);
  assert.match(v.change.why, /3 sessions with pain at most 3\/10 that settled by the next morning: on to stage 2/);
  const ru = bufferIo();
  assert.equal(await planCommand(example, { diary, lang: "ru", today: day(7) }, k, ru), 0);
  assert.match(ru.stdout(), /Этап 2 из 6/);
  assert.match(ru.stdout(), /переход к этапу 2/);
});

test("an emergency case prints no plan but the reason, and exits 0", async () => {
  const c = file("emergency.json", {
    age: 40,
    activity: "weightlifting",
    saddle_numbness: true,
    bladder_problem: true,
  });
  const io = bufferIo();
  assert.equal(await main(["plan", c, "--json"], io), 0);
  const v = JSON.parse(io.stdout()) as { available: boolean; reason: { code: string; text: string } };
  assert.equal(v.available, false);
  assert.equal(v.reason.code, "emergency");
  const text = bufferIo();
  assert.equal(await main(["plan", c], text), 0);
  assert.match(text.stdout(), /No training plan now/);
});

test("a bad diary entry is refused with its path; an unknown language too", async () => {
  const diary = file("bad.json", { entries: [{ kind: "checkin", date: day(0), intensity: 12 }] });
  const io = bufferIo();
  assert.equal(await main(["plan", example, "--diary", diary], io), 2);
  assert.match(io.stderr(), /entries\[0\]\.intensity/);
  const lang = bufferIo();
  assert.equal(await main(["plan", example, "--lang", "xx"], lang), 2);
  assert.match(lang.stderr(), /unknown language xx/);
});
