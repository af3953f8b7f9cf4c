import { test } from "node:test";
import assert from "node:assert/strict";
import type { Case } from "../engine/types.js";
import { defaultKnowledge } from "../knowledge/load.js";
import { fewestQuestions, targetOf } from "./beam.js";
import { simulate } from "./simulate.js";
import { startFrom } from "./start.js";

// Running the interview against a known case, and the beam search for the fewest questions. The expected
// questions follow from the knowledge: age first (the contract requires it), sex while it applies, and saddle
// numbness and chest pain are items of the nerve-signs and body-signs checklists.

const k = defaultKnowledge();
const NERVE_SIGNS = [
  "leg_numbness",
  "leg_tingling",
  "leg_weakness",
  "saddle_numbness",
  "bladder_problem",
  "bowel_problem",
  "sexual_dysfunction",
  "arm_symptoms",
  "unsteady_walking",
  "unable_to_walk",
];

test("simulate: saddle numbness ends the interview at emergency after age, sex and the nerve-signs checklist", () => {
  for (const absent of ["no", "unknown"] as const) {
    const run = simulate({ age: 40, saddle_numbness: true } as Case, k, absent);
    assert.equal(run.result.triage, "emergency");
    assert.equal(run.questions_asked, 3);
    assert.deepEqual(run.asked, ["age", "sex", ...NERVE_SIGNS]);
  }
  // The default is "don't know" to what the case lacks.
  assert.equal(simulate({ age: 40, saddle_numbness: true } as Case, k).questions_asked, 3);
});

test("simulate: answers confirmed beforehand are neither asked nor counted", () => {
  const start = startFrom({ age: 40, sex: "male" });
  assert.ok(start.ok);
  const run = simulate({ age: 40, sex: "male", saddle_numbness: true } as Case, k, "no", start.value);
  assert.equal(run.questions_asked, 1);
  assert.deepEqual(run.asked, NERVE_SIGNS);
  assert.equal(run.result.triage, "emergency");
});

test("simulate: 'no' to unmentioned signs is not 'don't know' to them", () => {
  // A healthy 30-year-old man: with "no" to every sign, self-care; with "don't know" to the emergency-level
  // signs they cannot be ruled out, and the result is at least a doctor (knowledge settings: uncertainty).
  assert.equal(simulate({ age: 30, sex: "male" } as Case, k, "no").result.triage, "self_care");
  assert.equal(simulate({ age: 30, sex: "male" } as Case, k, "unknown").result.triage, "doctor");
  assert.equal(simulate({ age: 30, sex: "male" } as Case, k).result.triage, "doctor");
});

test("simulate: a case the contract refuses stops the run with the problem", () => {
  assert.throws(
    () => simulate({ age: 30, sex: "male", intensity: 11 } as Case, k, "no"),
    /simulation: the case's own answer was refused: .*answer\.intensity.*must be <= 10/,
  );
});

test("beam: the fewest questions to an emergency are age and the checklist that holds the sign", () => {
  const chest = { age: 55, sex: "male", chest_pain: true } as Case;
  // The target is where the interview itself ends for this case (an emergency; its list of causes to rule out).
  const target = targetOf(simulate(chest, k, "no").result);
  assert.equal(target.triage, "emergency");
  assert.deepEqual(fewestQuestions(chest, k, target, { maxDepth: 2 }), {
    questions: 2,
    asked: ["age", "group.body_signs"],
  });
  assert.deepEqual(fewestQuestions(chest, k, target, { maxDepth: 2, width: 1 }), {
    questions: 2,
    asked: ["age", "group.body_signs"],
  });
  // One question is not enough: age alone is not an emergency, and nothing is known without age.
  assert.equal(fewestQuestions(chest, k, target, { maxDepth: 1 }), undefined);
  const saddle = { age: 40, saddle_numbness: true } as Case;
  assert.deepEqual(
    fewestQuestions(saddle, k, { triage: "emergency", must_rule_out: ["cauda_equina_syndrome"] }, { maxDepth: 3 }),
    { questions: 2, asked: ["age", "group.nerve_signs"] },
  );
  // The must-rule-out list must match too: cauda equina is always listed after saddle numbness.
  assert.equal(fewestQuestions(saddle, k, { triage: "emergency", must_rule_out: [] }, { maxDepth: 3 }), undefined);
  assert.equal(
    fewestQuestions(
      saddle,
      k,
      { triage: "emergency", must_rule_out: ["cauda_equina_syndrome", "spinal_infection"] },
      { maxDepth: 3 },
    ),
    undefined,
  );
  // The level must match: saddle numbness is never only urgent.
  assert.equal(
    fewestQuestions(saddle, k, { triage: "urgent", must_rule_out: ["cauda_equina_syndrome"] }, { maxDepth: 3 }),
    undefined,
  );
});
