import { test } from "node:test";
import assert from "node:assert/strict";
import { assess } from "../engine/assess.js";
import type { Case } from "../engine/types.js";
import { defaultKnowledge } from "../knowledge/load.js";
import { fewestQuestions, targetOf } from "./beam.js";
import { simulate } from "./simulate.js";

const k = defaultKnowledge();
const cases: [string, Case][] = [
  [
    "a sore beginner after squats",
    {
      age: 28,
      sex: "male",
      activity: "weightlifting",
      experience: "beginner",
      onset: "next_day",
      injury: "none",
      location: ["lower_back"],
      intensity: 4,
      duration_days: 1,
      spreads_to: [],
    },
  ],
  ["back pain with chest pain", { age: 55, sex: "male", chest_pain: true, location: ["upper_back"], intensity: 7 }],
];

for (const [name, c] of cases) {
  test(`the beam search finds no more questions than the interview asks, and its answers reach the same result: ${name}`, () => {
    const run = simulate(c, k, "no");
    const target = targetOf(run.result);
    const found = fewestQuestions(c, k, target, { maxDepth: run.questions_asked });
    assert.ok(found, "the interview's own sequence is within reach");
    assert.ok(found.questions <= run.questions_asked, `${found.questions} <= ${run.questions_asked}`);
    assert.equal(found.asked.length, found.questions);
    assert.equal(found.asked[0], "age", "age comes first: no result without it");
    assert.equal(new Set(found.asked).size, found.asked.length, "no question twice");
  });
}

test("the beam search answers from the case: the emergency is found after age and the sign itself", () => {
  const c: Case = { age: 55, sex: "male", chest_pain: true };
  const target = targetOf(simulate(c, k, "no").result);
  assert.equal(target.triage, "emergency");
  const found = fewestQuestions(c, k, target, { maxDepth: 10 });
  assert.ok(found);
  // Two answers cannot be enough unless one of them is the chest pain question (or its checklist).
  assert.ok(found.questions >= 2);
  const r = assess({ age: 55 } as Case, k);
  assert.notEqual(r.triage, "emergency", "age alone is not the target");
});

test("the beam search gives up beyond its depth", () => {
  const c: Case = { age: 55, sex: "male", chest_pain: true };
  assert.equal(
    fewestQuestions(c, k, { triage: "emergency", must_rule_out: ["not_a_condition"] }, { maxDepth: 2 }),
    undefined,
  );
});
