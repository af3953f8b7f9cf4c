import { test } from "node:test";
import assert from "node:assert/strict";
import type { Knowledge } from "../knowledge/schema.js";
import { UNKNOWN } from "./answer.js";
import { nextStep, type NextStep } from "./next-step.js";
import type { InterviewState } from "./state.js";
import { rule, kb, is, adult, reply } from "./test-rules.js";

// How the interview chooses its next question, on small knowledge bases written here: the findings, texts and
// settings are the project's, the triage rules and the conditions are a handful made up for each test. With
// two or three rules the right question follows from the order the interview promises (doc of `nextStep`), so
// every expected question is written down by hand.

function asked(s: NextStep): { id: string; phase: string; left: number } {
  assert.ok(!s.done, `ended at ${s.done && s.result.triage}`);
  return { id: s.question.id, phase: s.phase, left: s.red_flags_left };
}
/** "No" to every item of the checklist asked now. */
const noneOf = (state: InterviewState, know: Knowledge): InterviewState => reply(state, know, []);

test("age first, then sex, whatever the rules", () => {
  const know = kb([rule("fever", "emergency", is("fever"))]);
  assert.deepEqual(asked(nextStep({ version: 1, steps: [] }, know)), { id: "age", phase: "first", left: 0 });
  const aged: InterviewState = { version: 1, steps: [adult.steps[0]!] };
  assert.deepEqual(asked(nextStep(aged, know)), { id: "sex", phase: "first", left: 0 });
  // Sex does not apply from 56 on: the warning signs come straight after age.
  const older: InterviewState = { version: 1, steps: [{ question: "age", fields: ["age"], answers: { age: 60 } }] };
  assert.deepEqual(asked(nextStep(older, know)), { id: "group.body_signs", phase: "red_flag", left: 1 });
});

test("warning signs: the most urgent level first, even when it comes later in the knowledge", () => {
  // The injury question comes before the body-signs checklist in the knowledge.
  const know = kb([rule("fall", "urgent", is("injury", "fall_from_height")), rule("fever", "emergency", is("fever"))]);
  assert.deepEqual(asked(nextStep(adult, know)), { id: "group.body_signs", phase: "red_flag", left: 2 });
  const after = noneOf(adult, know);
  assert.deepEqual(asked(nextStep(after, know)), { id: "injury", phase: "red_flag", left: 1 });
  const done = nextStep(reply(after, know, "none"), know);
  assert.ok(done.done);
  assert.equal(done.result.triage, "self_care");
  assert.equal(done.asked, 4);
});

test("warning signs at one level: the question that touches the most rules at that level first", () => {
  // The checklist touches two emergency rules; injury one emergency rule and two urgent ones (three in all).
  const know = kb([
    rule("fall", "emergency", is("injury", "fall_from_height")),
    rule("tackle", "urgent", is("injury", "collision_or_tackle")),
    rule("landing", "urgent", is("injury", "failed_landing")),
    rule("fever", "emergency", is("fever")),
    rule("chest", "emergency", is("chest_pain")),
  ]);
  assert.deepEqual(asked(nextStep(adult, know)), { id: "group.body_signs", phase: "red_flag", left: 2 });
});

test("warning signs at one level touching as many rules: the closest to firing first, then the knowledge's order", () => {
  // A rule that needs injury and trend (two answers) against one that needs fever alone.
  const know = kb([
    rule("fall_worse", "emergency", { all: [is("injury", "fall_from_height"), is("trend", "worsening")] }),
    rule("fever", "emergency", is("fever")),
  ]);
  assert.deepEqual(asked(nextStep(adult, know)), { id: "group.body_signs", phase: "red_flag", left: 3 });
  let state = noneOf(adult, know);
  // Injury and trend: the same key; injury comes first in the knowledge.
  assert.deepEqual(asked(nextStep(state, know)), { id: "injury", phase: "red_flag", left: 2 });
  state = reply(state, know, "fall_from_height");
  assert.deepEqual(asked(nextStep(state, know)), { id: "trend", phase: "red_flag", left: 1 });
  const worse = nextStep(reply(state, know, "worsening"), know);
  assert.ok(worse.done);
  assert.equal(worse.result.triage, "emergency");
});

test("a warning sign that waits on another answer has that answer asked first, with the sign's urgency", () => {
  // "A dangerous mechanism" is asked only after an injury other than none or a lift: injury is asked first,
  // before the less urgent checklist, and then the sign itself.
  const know = kb([rule("mechanism", "emergency", is("dangerous_mechanism")), rule("fever", "urgent", is("fever"))]);
  assert.deepEqual(asked(nextStep(adult, know)), { id: "injury", phase: "red_flag", left: 2 });
  const fell = reply(adult, know, "fall_from_height");
  assert.deepEqual(asked(nextStep(fell, know)), { id: "dangerous_mechanism", phase: "red_flag", left: 2 });
  const yes = nextStep(reply(fell, know, true), know);
  assert.ok(yes.done);
  assert.equal(yes.result.triage, "emergency");
  assert.equal(yes.asked, 4);
  // "No injury": the sign no longer applies, and only the checklist is left.
  const none = reply(adult, know, "none");
  assert.deepEqual(asked(nextStep(none, know)), { id: "group.body_signs", phase: "red_flag", left: 1 });
});

test("an emergency that stands on answers ends the interview; one that stands on an assumption asks it", () => {
  // Emergency when there is fever and the pain is recent (unknown counts as recent).
  const know = kb([
    rule("fever_recent", "emergency", { all: [is("fever"), { field: "duration_days", lt: 42, whenUnknown: true }] }),
    rule("fall", "urgent", is("injury", "fall_from_height")),
  ]);
  // The duration can only stop the rule (its unknown already counts as recent): not a warning-sign question.
  assert.deepEqual(asked(nextStep(adult, know)), { id: "group.body_signs", phase: "red_flag", left: 2 });
  const fever = reply(adult, know, ["fever"]);
  // Emergency on the assumption that the pain is recent: ask how long, not the less urgent injury.
  assert.deepEqual(asked(nextStep(fever, know)), { id: "duration_days", phase: "triage", left: 0 });
  const recent = nextStep(reply(fever, know, 3), know);
  assert.ok(recent.done);
  assert.equal(recent.result.triage, "emergency");
  assert.equal(recent.asked, 4);
  // Long-standing: no longer an emergency, and the injury question is back.
  const old = reply(fever, know, 60);
  assert.deepEqual(asked(nextStep(old, know)), { id: "injury", phase: "red_flag", left: 1 });
  // "Don't know" how long: the cautious reading stands, and the interview ends at emergency.
  const unknown = nextStep(reply(fever, know, UNKNOWN), know);
  assert.ok(unknown.done);
  assert.equal(unknown.result.triage, "emergency");
});
