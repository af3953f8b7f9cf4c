import { test } from "node:test";
import assert from "node:assert/strict";
import { Ajv2020 } from "ajv/dist/2020.js";
import { defaultKnowledge } from "../knowledge/load.js";
import { entryJsonSchema, validateEntry } from "./entries.js";

const k = defaultKnowledge();
const TODAY = "2026-11-27";

test("the entry's JSON Schema (the API's validation and documentation) is generated from the entry schema", () => {
  const s = entryJsonSchema(k);
  const branches = s["oneOf"] as {
    properties: Record<string, { const?: string; enum?: string[]; items?: { enum?: string[] } }>;
  }[];
  assert.deepEqual(
    branches.map((b) => b.properties["kind"]!.const),
    ["workout", "checkin"],
  );
  const activity = k.findings.find((f) => f.id === "activity")!.options;
  assert.deepEqual(
    branches[0]!.properties["activity"]!.enum,
    activity,
    "the activities are the knowledge's, not a copy",
  );
  assert.deepEqual(s["discriminator"], { propertyName: "kind" });
  assert.equal(s["$schema"], undefined, "the OpenAPI document holds the schema without its own $schema");
  const exported = entryJsonSchema(k, { exported: true })["oneOf"] as { properties: Record<string, unknown> }[];
  assert.ok(exported.every((b) => "id" in b.properties) && branches.every((b) => !("id" in b.properties)));
});

test("the JSON Schema and validateEntry agree on entries that JSON Schema can judge", () => {
  const ajv = new Ajv2020({ strict: false, discriminator: true });
  const check = ajv.compile(entryJsonSchema(k));
  const cases: [unknown, boolean][] = [
    [{ kind: "checkin", date: "2026-11-20", intensity: 4 }, true],
    [
      { kind: "checkin", date: "2026-11-20", intensity: 4, location: ["lower_back"], findings: { night_pain: true } },
      true,
    ],
    [
      {
        kind: "workout",
        date: "2026-11-20",
        activity: "weightlifting",
        exercises: [{ exercise: "deadlift", sets: 5, load_kg: 100 }],
      },
      true,
    ],
    [{ kind: "checkin", date: "2026-11-20", intensity: 11 }, false],
    [{ kind: "checkin", date: "2026-11-20", intensity: 2.5 }, false],
    [{ kind: "checkin", date: "20-11-2026", intensity: 4 }, false],
    [{ kind: "checkin", date: "2026-11-20" }, false],
    [{ kind: "checkin", date: "2026-11-20", intensity: 4, note: "x" }, false],
    [{ kind: "checkin", date: "2026-11-20", intensity: 4, location: [] }, false],
    [{ kind: "checkin", date: "2026-11-20", intensity: 4, location: Array(21).fill("lower_back") }, false],
    [
      {
        kind: "checkin",
        date: "2026-11-20",
        intensity: 4,
        findings: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`f${i}`, true])),
      },
      false,
    ],
    [
      {
        kind: "workout",
        date: "2026-11-20",
        activity: "weightlifting",
        exercises: [{ exercise: "kettlebell_juggling" }],
      },
      false,
    ],
    [
      {
        kind: "workout",
        date: "2026-11-20",
        activity: "weightlifting",
        exercises: Array(31).fill({ exercise: "deadlift" }),
      },
      false,
    ],
    [{ kind: "workout", date: "2026-11-20", activity: "weightlifting", exercises: [], effort: 11 }, false],
    [{ kind: "nap", date: "2026-11-20" }, false],
    [null, false],
    [[{ kind: "checkin", date: "2026-11-20", intensity: 4 }], false],
    ["checkin", false],
    [{ date: "2026-11-20", intensity: 4 }, false],
    [
      {
        kind: "workout",
        date: "2026-11-20",
        activity: "weightlifting",
        exercises: [{ exercise: "deadlift", sets: 1 }],
      },
      true,
    ],
    [
      {
        kind: "workout",
        date: "2026-11-20",
        activity: "weightlifting",
        exercises: [{ exercise: "deadlift", sets: 100 }],
      },
      true,
    ],
    [
      {
        kind: "workout",
        date: "2026-11-20",
        activity: "weightlifting",
        exercises: [{ exercise: "deadlift", sets: 0 }],
      },
      false,
    ],
    [
      {
        kind: "workout",
        date: "2026-11-20",
        activity: "weightlifting",
        exercises: [{ exercise: "deadlift", sets: 101 }],
      },
      false,
    ],
    [
      {
        kind: "workout",
        date: "2026-11-20",
        activity: "weightlifting",
        exercises: [{ exercise: "deadlift", load_kg: 0 }],
      },
      true,
    ],
    [
      {
        kind: "workout",
        date: "2026-11-20",
        activity: "weightlifting",
        exercises: [{ exercise: "deadlift", load_kg: 1000 }],
      },
      true,
    ],
    [
      {
        kind: "workout",
        date: "2026-11-20",
        activity: "weightlifting",
        exercises: [{ exercise: "deadlift", load_kg: -1 }],
      },
      false,
    ],
    [
      {
        kind: "workout",
        date: "2026-11-20",
        activity: "weightlifting",
        exercises: [{ exercise: "deadlift", load_kg: 1001 }],
      },
      false,
    ],
    [
      {
        kind: "workout",
        date: "2026-11-20",
        activity: "weightlifting",
        exercises: [{ exercise: "deadlift", minutes: 0 }],
      },
      true,
    ],
    [
      {
        kind: "workout",
        date: "2026-11-20",
        activity: "weightlifting",
        exercises: [{ exercise: "deadlift", minutes: 1440 }],
      },
      true,
    ],
    [
      {
        kind: "workout",
        date: "2026-11-20",
        activity: "weightlifting",
        exercises: [{ exercise: "deadlift", minutes: -1 }],
      },
      false,
    ],
    [
      {
        kind: "workout",
        date: "2026-11-20",
        activity: "weightlifting",
        exercises: [{ exercise: "deadlift", minutes: 1441 }],
      },
      false,
    ],
    [{ kind: "workout", date: "2026-11-20", activity: "weightlifting", exercises: [], hours: 0 }, true],
    [{ kind: "workout", date: "2026-11-20", activity: "weightlifting", exercises: [], hours: 24 }, true],
    [{ kind: "workout", date: "2026-11-20", activity: "weightlifting", exercises: [], hours: -1 }, false],
    [{ kind: "workout", date: "2026-11-20", activity: "weightlifting", exercises: [], hours: 25 }, false],
    [{ kind: "workout", date: "2026-11-20", activity: "weightlifting", exercises: [], effort: 1 }, true],
    [{ kind: "workout", date: "2026-11-20", activity: "weightlifting", exercises: [], effort: 10 }, true],
    [{ kind: "workout", date: "2026-11-20", activity: "weightlifting", exercises: [], effort: 0 }, false],
    [{ kind: "workout", date: "2026-11-20", activity: "weightlifting", exercises: [], effort: 11 }, false],
    [{ kind: "checkin", date: "2026-11-20", intensity: 0 }, true],
    [{ kind: "checkin", date: "2026-11-20", intensity: 10 }, true],
    [{ kind: "checkin", date: "2026-11-20", intensity: -1 }, false],
    [{ kind: "checkin", date: "2026-11-20", intensity: 3, age: 0 }, true],
    [{ kind: "checkin", date: "2026-11-20", intensity: 3, age: 120 }, true],
    [{ kind: "checkin", date: "2026-11-20", intensity: 3, age: -1 }, false],
    [{ kind: "checkin", date: "2026-11-20", intensity: 3, age: 121 }, false],
    [
      {
        kind: "workout",
        date: "2026-11-20",
        activity: "weightlifting",
        exercises: [{ exercise: "deadlift", sets: 2.5 }],
      },
      false,
    ],
    [{ kind: "workout", date: "2026-11-20", activity: "weightlifting", exercises: [], experience: "beginner" }, true],
    [{ kind: "workout", date: "2026-11-20", activity: "weightlifting", exercises: [], experience: "wizard" }, false],
    [{ kind: "workout", date: "2026-11-20", activity: "weightlifting", exercises: [], warmed_up: "yes" }, false],
    [
      {
        kind: "workout",
        date: "2026-11-20",
        activity: "weightlifting",
        exercises: [{ exercise: "deadlift", reps: 5 }],
      },
      false,
    ],
    [{ kind: "checkin", date: "2026-11-20", intensity: 3, character: ["sharp"] }, true],
    [{ kind: "checkin", date: "2026-11-20", intensity: 3, character: ["fizzy"] }, false],
    [{ kind: "checkin", date: "2026-11-20", intensity: 3, location: Array(20).fill("lower_back") }, true],
    [{ kind: "checkin", date: "2026-11-20", intensity: 3, character: Array(21).fill("sharp") }, false],
    [{ kind: "checkin", date: "x2026-11-20", intensity: 3 }, false],
    [{ kind: "checkin", date: "2026-11-20x", intensity: 3 }, false],
    [
      {
        kind: "workout",
        date: "2026-11-20",
        activity: "weightlifting",
        exercises: Array(30).fill({ exercise: "deadlift" }),
      },
      true,
    ],
  ];
  for (const [entry, valid] of cases) {
    assert.equal(check(entry), valid, `JSON Schema: ${JSON.stringify(entry).slice(0, 120)}`);
    assert.equal(validateEntry(entry, TODAY, k).ok, valid, `validateEntry: ${JSON.stringify(entry).slice(0, 120)}`);
  }
});

test("what only validateEntry can judge: a real date, not after today, yes/no findings of the case; problems name their path", () => {
  const problems = (entry: unknown, root?: string) => {
    const r = root === undefined ? validateEntry(entry, TODAY, k) : validateEntry(entry, TODAY, k, root);
    return r.ok ? [] : r.problems.map((p) => `${p.code} ${p.path}`);
  };
  assert.deepEqual(problems({ kind: "checkin", date: "2026-13-01", intensity: 3 }), ["diary.custom entry.date"]);
  assert.deepEqual(problems({ kind: "checkin", date: TODAY, intensity: 3 }), []);
  assert.deepEqual(problems({ kind: "checkin", date: "2026-11-28", intensity: 3 }, "body"), [
    "diary.future_date body.date",
  ]);
  assert.deepEqual(
    problems({ kind: "checkin", date: TODAY, intensity: 3, findings: { night_pain: true, age: true } }),
    ["diary.custom entry.findings.age"],
  );
  assert.deepEqual(problems({ kind: "checkin", date: TODAY, intensity: 3, note: "x", mood: 1 }), [
    "diary.unrecognized_keys entry.note",
    "diary.unrecognized_keys entry.mood",
  ]);
  assert.deepEqual(
    problems(
      { kind: "workout", date: TODAY, activity: "weightlifting", exercises: [{ exercise: "deadlift", sets: 0 }] },
      "body.entries[3]",
    ),
    ["diary.too_small body.entries[3].exercises[0].sets"],
  );
  const r = validateEntry({ kind: "checkin", date: TODAY, intensity: 3, location: ["lower_back"] }, TODAY, k);
  assert.ok(r.ok);
  assert.deepEqual(r.value, { kind: "checkin", date: TODAY, intensity: 3, location: ["lower_back"] });
  const future = validateEntry({ kind: "checkin", date: "2026-11-28", intensity: 3 }, TODAY, k);
  assert.equal(future.ok ? "" : future.problems[0]!.message, "is after today (2026-11-27)");
  const unreal = validateEntry({ kind: "checkin", date: "2026-13-01", intensity: 3 }, TODAY, k);
  assert.equal(unreal.ok ? "" : unreal.problems[0]!.message, "is not a real date");
  const wrong = validateEntry({ kind: "checkin", date: "1.1.2026", intensity: 3 }, TODAY, k);
  assert.equal(wrong.ok ? "" : wrong.problems[0]!.message, "must be a date like 2026-11-26");
});
