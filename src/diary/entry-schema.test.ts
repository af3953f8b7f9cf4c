import { test } from "node:test";
import assert from "node:assert/strict";
import { Ajv2020 } from "ajv/dist/2020.js";
import { defaultKnowledge } from "../knowledge/load.js";
import { entryJsonSchema, validateEntry } from "./entries.js";

const k = defaultKnowledge();
const TODAY = "2026-11-27";

test("the entry's JSON Schema (the API's validation and documentation) is generated from the entry schema", () => {
  const s = entryJsonSchema(k);
  const branches = s["oneOf"] as { properties: Record<string, { const?: string; enum?: string[]; items?: { enum?: string[] } }> }[];
  assert.deepEqual(
    branches.map((b) => b.properties["kind"]!.const),
    ["workout", "checkin"],
  );
  const activity = k.findings.find((f) => f.id === "activity")!.options;
  assert.deepEqual(branches[0]!.properties["activity"]!.enum, activity, "the activities are the knowledge's, not a copy");
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
    [{ kind: "checkin", date: "2026-11-20", intensity: 4, location: ["lower_back"], findings: { night_pain: true } }, true],
    [{ kind: "workout", date: "2026-11-20", activity: "weightlifting", exercises: [{ exercise: "deadlift", sets: 5, load_kg: 100 }] }, true],
    [{ kind: "checkin", date: "2026-11-20", intensity: 11 }, false],
    [{ kind: "checkin", date: "2026-11-20", intensity: 2.5 }, false],
    [{ kind: "checkin", date: "20-11-2026", intensity: 4 }, false],
    [{ kind: "checkin", date: "2026-11-20" }, false],
    [{ kind: "checkin", date: "2026-11-20", intensity: 4, note: "x" }, false],
    [{ kind: "checkin", date: "2026-11-20", intensity: 4, location: [] }, false],
    [{ kind: "checkin", date: "2026-11-20", intensity: 4, location: Array(21).fill("lower_back") }, false],
    [{ kind: "checkin", date: "2026-11-20", intensity: 4, findings: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`f${i}`, true])) }, false],
    [{ kind: "workout", date: "2026-11-20", activity: "weightlifting", exercises: [{ exercise: "kettlebell_juggling" }] }, false],
    [{ kind: "workout", date: "2026-11-20", activity: "weightlifting", exercises: Array(31).fill({ exercise: "deadlift" }) }, false],
    [{ kind: "workout", date: "2026-11-20", activity: "weightlifting", exercises: [], effort: 11 }, false],
    [{ kind: "nap", date: "2026-11-20" }, false],
  ];
  for (const [entry, valid] of cases) {
    assert.equal(check(entry), valid, `JSON Schema: ${JSON.stringify(entry).slice(0, 120)}`);
    assert.equal(validateEntry(entry, TODAY, k).ok, valid, `validateEntry: ${JSON.stringify(entry).slice(0, 120)}`);
  }
});
