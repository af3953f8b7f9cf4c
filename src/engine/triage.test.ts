import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultKnowledge } from "../knowledge/load.js";
import { triage } from "./triage.js";
import { triageRank, type Case, type Triage } from "./types.js";

const k = defaultKnowledge();
const adult = (x: Partial<Case>): Case => ({ age: 35, ...x });

// Each rule's own cases (fires / does_not_fire) live beside it in knowledge/rules/*.yaml and run in
// src/knowledge/rule-examples.test.ts; the levels the guidelines demand are checked, independently of the
// rules, by the conformance table (knowledge/conformance/, src/knowledge/conformance.test.ts).

/** Cases that must not be sent higher than a level: the over-triage side of safety. */
const AT_MOST: [string, Case, Triage][] = [
  [
    "soreness the day after a first gym session",
    adult({
      activity: "weightlifting",
      experience: "beginner",
      onset: "next_day",
      injury: "none",
      intensity: 4,
      duration_days: 1,
      spreads_to: [],
    }),
    "self_care",
  ],
  [
    "a sudden strain during a lift without red flags",
    adult({
      activity: "weightlifting",
      onset: "during_activity",
      injury: "sudden_lift_or_twist",
      character: ["sharp"],
      intensity: 6,
      duration_days: 0,
      spreads_to: [],
    }),
    "self_care",
  ],
  [
    "leg pain on walking that eases on sitting, for months",
    adult({
      age: 66,
      duration_days: 200,
      leg_symptoms_side: "both_legs",
      leg_numbness: true,
      better_with: ["sitting"],
    }),
    "doctor",
  ],
  [
    "monthly period pain of 8/10 for a year",
    adult({ sex: "female", abdominal_pain: true, pain_with_periods: true, intensity: 8, duration_days: 365 }),
    "doctor",
  ],
  ["a single weak flag: age over 50", adult({ age: 55, duration_days: 2, trend: "improving" }), "self_care"],
  [
    "normal pregnancy ache: tell the midwife, nothing more",
    adult({
      sex: "female",
      pregnant: true,
      pregnancy_weeks: 28,
      vaginal_bleeding: false,
      abdominal_pain: false,
      tightenings: false,
      headache_or_vision_change: false,
    }),
    "doctor",
  ],
];

for (const [name, c, max] of AT_MOST) {
  test(`not over-triaged: ${name} stays at most ${max}`, () => {
    assert.ok(triageRank(triage(c, k).triage) <= triageRank(max), `got ${triage(c, k).triage}`);
  });
}

test("an unknown finding never fires a rule, and is listed when it could raise the urgency", () => {
  const t = triage(adult({ activity: "weightlifting", onset: "next_day", intensity: 3 }), k);
  assert.equal(t.triage, "self_care");
  const saddle = t.open_questions.find((q) => q.field === "saddle_numbness");
  assert.ok(saddle);
  assert.equal(saddle.could_raise_to, "emergency");
  assert.ok(t.open_questions.every((q) => triageRank(q.could_raise_to) > triageRank("self_care")));
});

test("an answered 'no' removes the question", () => {
  const t = triage(adult({ saddle_numbness: false, bladder_problem: false, bowel_problem: false }), k);
  assert.ok(!t.open_questions.some((q) => ["saddle_numbness", "bladder_problem", "bowel_problem"].includes(q.field)));
});

test("open questions are ordered by what they could raise to", () => {
  const t = triage(adult({}), k);
  const ranks = t.open_questions.map((q) => triageRank(q.could_raise_to));
  assert.deepEqual(
    ranks,
    [...ranks].sort((a, b) => b - a),
  );
});

test("reasons are ordered most urgent first", () => {
  const t = triage(adult({ saddle_numbness: true, fever: true, night_pain: true }), k);
  assert.deepEqual(t.reasons.map((r) => r.level).slice(0, 1), ["emergency"]);
  assert.equal(t.reasons.at(-1)?.level, "doctor");
});

test("a cautious assumption is recorded in the reason", () => {
  const t = triage(adult({ injury: "failed_landing", spine_tenderness: true }), k);
  const r = t.reasons.find((x) => x.rule === "trauma_spinal_signs");
  assert.ok(r);
  assert.deepEqual(r.assumed, ["duration_days"]);
});
