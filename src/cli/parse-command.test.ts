import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "./main.js";
import { bufferIo } from "./test-io.js";

test("parse - --json prints the fields with their spans", async () => {
  const io = bufferIo("I'm 34; my lower back hurts since yesterday, no numbness, maybe a bit of tingling.");
  assert.equal(await main(["parse", "-", "--json"], io), 0);
  const r = JSON.parse(io.stdout()) as {
    fields: { field: string; value: unknown; certain: boolean; spans: { text: string }[] }[];
  };
  const by = new Map(r.fields.map((f) => [f.field, f]));
  assert.equal(by.get("age")?.value, 34);
  assert.equal(by.get("duration_days")?.value, 1);
  assert.equal(by.get("leg_numbness")?.value, false);
  assert.equal(by.get("leg_tingling")?.certain, false);
  assert.match(by.get("location")!.spans[0]!.text, /lower back/);
});

test("parse FILE --lang ru prints the confirmation list in Russian", async () => {
  const dir = mkdtempSync(join(tmpdir(), "bc-parse-"));
  const file = join(dir, "story.txt");
  writeFileSync(file, "Сыну 8 лет, после батута болит спина. Температуры нет.");
  const io = bufferIo();
  assert.equal(await main(["parse", file, "--lang", "ru"], io), 0);
  assert.match(io.stdout(), /Мы поняли:/);
  assert.match(io.stdout(), /Возраст: 8/);
  assert.match(io.stdout(), /Температура: Нет/);
});

test("parse refuses an unknown language and a missing file with exit code 2", async () => {
  assert.equal(await main(["parse", "-", "--lang", "xx"], bufferIo("text")), 2);
  const io = bufferIo();
  assert.equal(await main(["parse", "/nonexistent/story.txt"], io), 2);
  assert.match(io.stderr(), /file not found/);
});

const CASES = [
  { age: 30, sex: "male", location: ["lower_back"], intensity: 9, leg_numbness: false, saddle_numbness: false },
  { age: 44, saddle_numbness: true, location: ["lower_back"] },
];
const STORIES = [
  {
    id: "a",
    story: "I'm 30, bent down and my lower back went, 9 out of 10. Nothing in my legs.",
    story_ru: "Мне 30, нагнулся и заклинило поясницу, 9 из 10. В ногах ничего.",
  },
  {
    id: "b",
    story: "I'm 44, my back hurts and my privates feel numb.",
    story_ru: "Мне 44, болит спина и онемело между ног.",
  },
];

test("interview --simulate --stories starts each case from its story and asks fewer questions", async () => {
  const dir = mkdtempSync(join(tmpdir(), "bc-stories-"));
  writeFileSync(join(dir, "cases.json"), JSON.stringify(CASES));
  writeFileSync(join(dir, "stories.json"), JSON.stringify(STORIES));
  for (const lang of ["en", "ru"]) {
    const io = bufferIo();
    assert.equal(
      await main(
        [
          "interview",
          "--simulate",
          join(dir, "cases.json"),
          "--stories",
          join(dir, "stories.json"),
          "--lang",
          lang,
          "--json",
        ],
        io,
      ),
      0,
      io.stderr(),
    );
    const runs = JSON.parse(io.stdout()) as {
      extracted: Record<string, unknown>;
      questions_asked: number;
      asked: string[];
      result: { triage: string };
    }[];
    assert.equal(runs.length, 2);
    assert.equal(runs[0]!.extracted["age"], 30);
    assert.equal(runs[0]!.extracted["intensity"], 9);
    assert.ok(!runs[0]!.asked.includes("age"));
    assert.equal(runs[1]!.extracted["saddle_numbness"], true);
    assert.equal(runs[1]!.result.triage, "emergency");
    const plain = bufferIo();
    await main(["interview", "--simulate", join(dir, "cases.json"), "--json"], plain);
    const without = JSON.parse(plain.stdout()) as { questions_asked: number }[];
    assert.ok(
      runs[0]!.questions_asked < without[0]!.questions_asked,
      `${lang}: ${runs[0]!.questions_asked} vs ${without[0]!.questions_asked}`,
    );
  }
});

test("eval --stories prints the free-text figures; stories must align with the cases", async () => {
  const dir = mkdtempSync(join(tmpdir(), "bc-eval-"));
  const vignettes = CASES.map((c, i) => ({
    id: STORIES[i]!.id,
    story: STORIES[i]!.story,
    case: c,
    expect: { triage: "doctor", triage_ok: ["doctor"], condition: "muscle_strain", condition_ok: ["muscle_strain"] },
  }));
  writeFileSync(join(dir, "v.json"), JSON.stringify(vignettes));
  writeFileSync(join(dir, "ru.json"), JSON.stringify(STORIES.map((s) => ({ id: s.id, story_ru: s.story_ru }))));
  const io = bufferIo();
  assert.equal(await main(["eval", join(dir, "v.json"), "--stories"], io), 0, io.stderr());
  assert.match(io.stdout(), /extraction: \d+\.\d% of \d+ fields the case also has agree/);
  assert.match(io.stdout(), /questions: median/);
  assert.match(io.stdout(), /under-triage 0/);
  const ru = bufferIo();
  assert.equal(
    await main(["eval", join(dir, "v.json"), "--stories", join(dir, "ru.json"), "--lang", "ru", "--json"], ru),
    0,
    ru.stderr(),
  );
  assert.equal((JSON.parse(ru.stdout()) as { summary: { stories: number } }).summary.stories, 2);
  writeFileSync(join(dir, "short.json"), JSON.stringify(STORIES.slice(0, 1)));
  const bad = bufferIo();
  assert.equal(await main(["eval", join(dir, "v.json"), "--stories", join(dir, "short.json")], bad), 2);
});
