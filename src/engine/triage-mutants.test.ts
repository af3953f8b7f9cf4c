import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultKnowledge } from "../knowledge/load.js";
import type { Knowledge } from "../knowledge/schema.js";
import { assess } from "./assess.js";
import type { Case, Triage } from "./types.js";

// Issue 17: "letting the first fired rule win instead of the most urgent one" passed every test. The result is
// the most urgent level among everything that fired, whichever sign the knowledge happens to list first.
// Expected levels are the guidelines' (clinical-facts.md), written here, never read from a rule.

const k = defaultKnowledge();

/** Several warning signs of different urgency in one person: the most urgent decides. */
const MIXED: [string, Case, Triage][] = [
  [
    "night pain (see a doctor) with saddle numbness (cauda equina: emergency)",
    { age: 40, night_pain: true, saddle_numbness: true },
    "emergency",
  ],
  [
    "unexplained weight loss (see a doctor) with chest pain (heart: emergency)",
    { age: 55, sex: "male", unexplained_weight_loss: true, chest_pain: true },
    "emergency",
  ],
  [
    "pain below the knee (sciatica: see a doctor) with a fever (see a doctor today)",
    { age: 35, spreads_to: ["below_knee"], fever: true },
    "urgent",
  ],
  [
    "a history of cancer (today) with new bladder trouble (emergency)",
    { age: 62, sex: "female", history_of_cancer: true, bladder_problem: true },
    "emergency",
  ],
  [
    "blood in the urine (today) with dark urine and very painful muscles after the gym (rhabdomyolysis: emergency)",
    {
      age: 24,
      sex: "male",
      activity: "weightlifting",
      blood_in_urine: true,
      dark_urine: true,
      severe_muscle_pain_swelling: true,
    },
    "emergency",
  ],
  [
    "a fever (today) with new bowel incontinence (emergency)",
    { age: 45, fever: true, bowel_problem: true },
    "emergency",
  ],
];

for (const [name, c, level] of MIXED) {
  test(`the most urgent sign decides: ${name} -> ${level}`, () => {
    assert.equal(assess(c, k).triage, level);
  });
}

/** The same knowledge with its rules in another order: the answer must not change. */
const reordered = (order: (rules: Knowledge["rules"]) => Knowledge["rules"]): Knowledge => ({
  ...k,
  rules: order([...k.rules]),
});

test("the triage level does not depend on the order of the rules in the knowledge", () => {
  const variants = [
    reordered((r) => r.reverse()),
    reordered((r) => r.sort((a, b) => a.level.localeCompare(b.level))),
    reordered((r) => r.sort((a, b) => b.id.localeCompare(a.id))),
  ];
  for (const [name, c, level] of MIXED) {
    for (const v of variants) assert.equal(assess(c, v).triage, level, name);
  }
});
