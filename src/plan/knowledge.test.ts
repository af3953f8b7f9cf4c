import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultKnowledge } from "../knowledge/load.js";
import { FILES, PLAN_DIR, defaultPlanKnowledge, validatePlanKnowledge } from "./knowledge.js";

const k = defaultKnowledge();
const pk = defaultPlanKnowledge(k);
const raw = (): Record<keyof typeof FILES, unknown> =>
  Object.fromEntries(
    Object.entries(FILES).map(([key, f]) => [key, JSON.parse(readFileSync(join(PLAN_DIR, f), "utf8"))]),
  ) as Record<keyof typeof FILES, unknown>;

/** Every item a person is asked to do: the general exercises and each activity's steps. */
const items = [
  ...pk.exercises.map((e) => ({
    id: e.id,
    key: `plan.exercise.${e.id}`,
    fields: ["name", "how", "feel", "avoid"],
    illustration: e.illustration,
    sources: e.sources,
  })),
  ...pk.plans.flatMap((p) =>
    Object.values(p.steps).flatMap((steps) =>
      (steps ?? []).map((s) => ({
        id: s.id,
        key: `plan.step.${s.id}`,
        fields: ["name", "how", "avoid"],
        illustration: p.illustration,
        sources: s.sources,
      })),
    ),
  ),
];

test("every exercise and step has its texts in English and Russian, a drawn illustration and a known source", () => {
  assert.ok(items.length >= 30, `${items.length} items`);
  const sourceIds = new Set([...k.sources, ...pk.sources].map((s) => s.id));
  for (const item of items) {
    for (const f of item.fields) {
      assert.ok(k.locales["en"]![`${item.key}.${f}`], `en ${item.key}.${f}`);
      assert.match(k.locales["ru"]![`${item.key}.${f}`] ?? "", /[А-Яа-яЁё]/, `ru ${item.key}.${f}`);
    }
    const svg = readFileSync(join(PLAN_DIR, "illustrations", item.illustration), "utf8");
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, item.illustration);
    assert.match(svg, /<title>[^<]+<\/title>/, `${item.illustration} has a title`);
    // Drawn for the project with lines and circles: no embedded or linked pictures.
    assert.doesNotMatch(svg, /<image|href=|base64|<script/i, item.illustration);
    assert.ok(item.sources.length > 0, item.id);
    for (const s of item.sources) assert.ok(sourceIds.has(s), `${item.id}: ${s}`);
  }
});

test("every activity of the case contract maps to exactly one plan", () => {
  const schema = JSON.parse(
    readFileSync(fileURLToPath(new URL("../../contract/case.schema.json", import.meta.url)), "utf8"),
  ) as { properties: { activity: { enum: string[] } } };
  for (const a of schema.properties.activity.enum) {
    assert.equal(pk.plans.filter((p) => p.activities.includes(a)).length, 1, a);
  }
});

test("the rules follow the pain-monitoring model and cite it", () => {
  assert.ok(
    pk.rules.pain.easy_max <= 3 && pk.rules.pain.acceptable_max <= 5,
    "pain during exercise at most about 3 to 5 out of 10",
  );
  assert.ok(pk.rules.pain.sources.includes("silbernagel-2007") && pk.rules.pain.sources.includes("thomee-1997"));
  assert.ok(pk.rules.move_on.sources.includes("nice-ng59"));
  assert.deepEqual(pk.rules.offer.triage.sort(), ["doctor", "self_care"]);
});

test("the plan's texts name no medicine and no dose of one", () => {
  for (const [key, value] of Object.entries(k.locales["en"]!).filter(([key]) => key.startsWith("plan."))) {
    assert.doesNotMatch(value, /\b\d+\s?(mg|ml|mcg|µg|g)\b/i, key);
    assert.doesNotMatch(value, /ibuprofen|paracetamol|diclofenac|naproxen|tablet|pill|injection|ointment/i, key);
  }
});

test("a broken file is reported with the file's name and the place in it", () => {
  const r1 = raw();
  (r1.stages as { stages: { exercises: { exercise: string }[] }[] }).stages[0]!.exercises[0]!.exercise = "handstand";
  const v1 = validatePlanKnowledge(r1, k, PLAN_DIR);
  assert.ok(
    !v1.ok && v1.problems.some((p) => p.code === "plan.unknown_exercise" && p.path.startsWith("plan/stages.json")),
    JSON.stringify(v1),
  );

  const r2 = raw();
  (r2.exercises as { exercises: { sources: string[] }[] }).exercises[0]!.sources = ["made-up-2020"];
  const v2 = validatePlanKnowledge(r2, k, PLAN_DIR);
  assert.ok(
    !v2.ok && v2.problems.some((p) => p.code === "plan.unknown_source" && p.path.startsWith("plan/exercises.json")),
    JSON.stringify(v2),
  );

  const r3 = raw();
  (r3.rules as { pain: { easy_max: unknown } }).pain.easy_max = "three";
  const v3 = validatePlanKnowledge(r3, k, PLAN_DIR);
  assert.ok(
    !v3.ok && v3.problems.some((p) => p.code === "plan.schema" && p.path === "plan/rules.json.pain.easy_max"),
    JSON.stringify(v3),
  );

  const r4 = raw();
  const plans = (r4.activities as { plans: { activities: string[] }[] }).plans;
  plans[0]!.activities = ["running"];
  const v4 = validatePlanKnowledge(r4, k, PLAN_DIR);
  assert.ok(
    !v4.ok && v4.problems.some((p) => p.code === "plan.unmapped_activity" && /weightlifting/.test(p.message)),
    JSON.stringify(v4),
  );

  const r5 = raw();
  (r5.exercises as { exercises: { illustration: string }[] }).exercises[0]!.illustration = "missing.svg";
  const v5 = validatePlanKnowledge(r5, k, PLAN_DIR);
  assert.ok(!v5.ok && v5.problems.some((p) => p.code === "plan.illustration"), JSON.stringify(v5));
});
