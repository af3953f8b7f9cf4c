import { test } from "node:test";
import assert from "node:assert/strict";
import type { Predicate } from "../knowledge/predicate.js";
import type { Condition, Knowledge } from "../knowledge/schema.js";
import { nextStep } from "./next-step.js";
import type { InterviewState } from "./state.js";
import { k, strain, rule, kb, is, adult, reply } from "./test-rules.js";

// More of the warning-sign order and of when the interview ends, on small made-up rule sets over the project's
// findings (as in next-step.test.ts): how close a rule is to firing counts only its open answers and its
// closest rule; a sign that can never be asked promotes nothing; an emergency ends the interview as soon as one
// reason stands on answers; an assumption is asked about only when the level stands on assumptions alone.

const other = { ...strain, id: "postural_overload" };
const recent: Predicate = { field: "duration_days", lt: 42, whenUnknown: true };
/** Two causes that only "recurrent" tells apart: the condition phase has a question to ask. */
const separable: Condition[] = [
  { ...strain, prior: 0, features: [{ when: is("recurrent"), weight: 5 }] },
  { ...other, prior: 0, features: [{ when: is("recurrent", false), weight: 5 }] },
];

function next(state: InterviewState, know: Knowledge, lang?: string): string {
  const s = nextStep(state, know, lang);
  return s.done ? `done ${s.result.triage} after ${s.asked}` : `${s.question.id} ${s.phase} after ${s.asked}`;
}

test("closeness counts only the answers still open: an answered part of a rule is not missing", () => {
  // fever_after_fall needs fever once the fall is answered (1 open answer); worse_constant needs trend and
  // pattern (2). Trend comes before the checklist in the knowledge, so only closeness puts the checklist first.
  const know = kb([
    rule("fever_after_fall", "emergency", { all: [is("fever"), is("injury", "fall_from_height")] }),
    rule("worse_constant", "emergency", { all: [is("trend", "worsening"), is("pattern", "constant")] }),
  ]);
  const fell = reply(adult, know, "fall_from_height");
  assert.equal(next(fell, know), "group.body_signs red_flag after 3");
});

test("closeness of a question is that of its closest rule at the top level", () => {
  // Injury fires "fall" alone (1 answer) and helps "tackle_worse_constant" (3 answers): its closest is 1, the
  // same as the checklist's two one-answer rules, and injury comes first in the knowledge.
  const know = kb([
    rule("fall", "emergency", is("injury", "fall_from_height")),
    rule("tackle_worse_constant", "emergency", {
      all: [is("injury", "collision_or_tackle"), is("trend", "worsening"), is("pattern", "constant")],
    }),
    rule("fever", "emergency", is("fever")),
    rule("chest", "emergency", is("chest_pain")),
  ]);
  assert.equal(next(adult, know), "injury red_flag after 2");
});

test("a sign that can never be asked (what it waits on does not apply) has nothing asked for it", () => {
  // Tightenings wait on "pregnant"; here "pregnant" applies only to a child who runs, so for an adult it is
  // never asked, and neither are tightenings: asking about running would serve nothing.
  const findings = k.findings.map((f) =>
    f.id === "pregnant" ? { ...f, applies: { all: [is("activity", "running"), { field: "age", lt: 10 }] } } : f,
  );
  const know: Knowledge = { ...kb([rule("tightenings", "emergency", is("tightenings"))]), findings };
  assert.equal(next(adult, know), "done self_care after 2");
});

test("an emergency with one reason on answers ends the interview, even if another rests on an assumption", () => {
  const know = kb(
    [rule("fever", "emergency", is("fever")), rule("chest_recent", "emergency", { all: [is("chest_pain"), recent] })],
    separable,
  );
  const both = reply(adult, know, ["fever", "chest_pain"]);
  assert.equal(next(both, know), "done emergency after 3");
  // On the assumption alone, the duration is asked first.
  const chest = reply(adult, know, ["chest_pain"]);
  assert.equal(next(chest, know), "duration_days triage after 3");
});

test("an assumption is asked about only when the level stands on assumptions alone", () => {
  // Urgent from the fever (an answer) and from chest pain taken as recent (an assumption): the duration cannot
  // change the level, so it is not asked; the causes are told apart instead.
  const know = kb(
    [rule("fever", "urgent", is("fever")), rule("chest_recent", "urgent", { all: [is("chest_pain"), recent] })],
    separable,
  );
  const both = reply(adult, know, ["fever", "chest_pain"]);
  assert.equal(next(both, know), "recurrent condition after 3");
  const chest = reply(adult, know, ["chest_pain"]);
  assert.equal(next(chest, know), "duration_days triage after 3");
});

test("questions come in the requested language, English by default", () => {
  const know = kb([rule("fever", "emergency", is("fever"))]);
  const en = nextStep({ version: 1, steps: [] }, know);
  const ru = nextStep({ version: 1, steps: [] }, know, "ru");
  assert.ok(!en.done && !ru.done);
  assert.equal(en.question.text, "How old is the person with back pain?");
  assert.equal(ru.question.text, "Сколько лет человеку, у которого болит спина?");
  assert.equal(next({ version: 1, steps: [] }, know), "age first after 0");
});

test("the limits looked at are those of every rule and every condition feature", () => {
  // Only 42 < duration < 42.5 raises the level; a rule at the default level tests the duration at 100 too.
  const between: Predicate = {
    not: {
      any: [
        { field: "duration_days", lte: 42 },
        { field: "duration_days", gte: 42.5 },
      ],
    },
  };
  const rules = [rule("between", "urgent", between), rule("long", "self_care", { field: "duration_days", gt: 100 })];
  assert.equal(next(adult, kb(rules)), "duration_days triage after 2");
  // A cause that only an intensity of 7 or more makes likely: its limit comes from the condition alone.
  const causes: Condition[] = [
    { ...strain, prior: 0, features: [{ when: { field: "intensity", gte: 7 }, weight: 8 }] },
    { ...other, prior: 0.1, features: [{ when: is("recurrent"), weight: 0 }] },
  ];
  assert.equal(next(adult, kb([], causes)), "intensity condition after 2");
});
