import { test } from "node:test";
import assert from "node:assert/strict";
import {
  askedUnknownFields,
  back,
  caseOf,
  emptyState,
  type InterviewState,
  parseState,
  reviseFrom,
  settledFields,
} from "./state.js";
import { questionsAsked, startFrom, STORY_STEP } from "./start.js";

// The interview state is plain JSON that the server stores and the browser posts back. Every function here is
// a small fold over its steps; each expected value is written from the steps by hand.

const state: InterviewState = {
  version: 1,
  steps: [
    { question: "age", fields: ["age"], answers: { age: 30 } },
    { question: "sex", fields: ["sex"], answers: {} },
    {
      question: "group.body_signs",
      fields: ["fever", "chest_pain", "rash"],
      answers: { fever: false, chest_pain: true },
    },
    { question: "intensity", fields: ["intensity"], answers: { intensity: 4 } },
  ],
};

test("the empty state has no steps", () => {
  assert.deepEqual(emptyState(), { version: 1, steps: [] });
});

test("caseOf: every answer, 'don't know' left out; a later answer to the same field wins", () => {
  assert.deepEqual(caseOf(state), { age: 30, fever: false, chest_pain: true, intensity: 4 });
  const twice: InterviewState = {
    version: 1,
    steps: [...state.steps, { question: "intensity", fields: ["intensity"], answers: { intensity: 7 } }],
  };
  assert.equal(caseOf(twice).intensity, 7);
  assert.deepEqual(caseOf(emptyState()), {});
});

test("settled fields are every field asked, answered or not; asked-unknown are those without an answer", () => {
  assert.deepEqual([...settledFields(state)].sort(), ["age", "chest_pain", "fever", "intensity", "rash", "sex"]);
  assert.deepEqual(askedUnknownFields(state), ["sex", "rash"]);
  assert.deepEqual(askedUnknownFields(emptyState()), []);
});

test("back drops only the last step; reviseFrom drops the named step and all after it", () => {
  assert.deepEqual(
    back(state).steps.map((s) => s.question),
    ["age", "sex", "group.body_signs"],
  );
  assert.equal(back(state).version, 1);
  assert.deepEqual(back(emptyState()), emptyState());
  assert.deepEqual(
    reviseFrom(state, "sex").steps.map((s) => s.question),
    ["age"],
  );
  assert.equal(reviseFrom(state, "sex").version, 1);
  assert.deepEqual(reviseFrom(state, "age").steps, []);
  // A question never asked changes nothing.
  assert.deepEqual(reviseFrom(state, "pregnant"), state);
});

test("parseState accepts a stored state as it is", () => {
  const r = parseState(JSON.parse(JSON.stringify(state)));
  assert.ok(r.ok);
  assert.deepEqual(r.value, state);
  assert.deepEqual(parseState({ version: 1, steps: [] }), { ok: true, value: { version: 1, steps: [] } });
});

test("parseState refuses each kind of tampering, with the path of what is wrong", () => {
  const paths = (input: unknown): string[] => {
    const r = parseState(input);
    assert.ok(!r.ok, JSON.stringify(input));
    for (const p of r.problems) {
      assert.equal(p.code, "interview.state");
      assert.ok(p.message.length > 0);
    }
    return r.problems.map((p) => p.path);
  };
  const good = { question: "age", fields: ["age"], answers: { age: 30 } };
  assert.deepEqual(paths({ version: 2, steps: [] }), ["state.version"]);
  assert.deepEqual(paths({ version: 1 }), ["state.steps"]);
  assert.deepEqual(paths({ version: 1, steps: [], extra: 1 }), ["state"]);
  assert.deepEqual(paths({ version: 1, steps: [good, { ...good, question: "" }] }), ["state.steps.1.question"]);
  assert.deepEqual(paths({ version: 1, steps: [{ ...good, fields: [] }] }), ["state.steps.0.fields"]);
  assert.deepEqual(paths({ version: 1, steps: [{ ...good, fields: [""] }] }), ["state.steps.0.fields.0"]);
  assert.deepEqual(paths({ version: 1, steps: [{ ...good, answers: [] }] }), ["state.steps.0.answers"]);
  assert.deepEqual(paths({ version: 1, steps: [{ ...good, asked_at: "now" }] }), ["state.steps.0"]);
  assert.deepEqual(paths(null), ["state"]);
});

test("startFrom: the confirmed answers make one story step, checked against the contract", () => {
  const r = startFrom({ age: 30, fever: false, intensity: undefined, sex: null });
  assert.ok(r.ok);
  assert.deepEqual(r.value, {
    version: 1,
    steps: [{ question: STORY_STEP, fields: ["age", "fever"], answers: { age: 30, fever: false } }],
  });
  assert.equal(STORY_STEP, "story");
  // Nothing confirmed: an empty interview, not a story step with no fields.
  assert.deepEqual(startFrom({}), { ok: true, value: emptyState() });
  assert.deepEqual(startFrom({ intensity: undefined }), { ok: true, value: emptyState() });
  // Without age the rest is still checked; age is asked later.
  const noAge = startFrom({ fever: true });
  assert.ok(noAge.ok);
  assert.deepEqual(noAge.value.steps[0]!.answers, { fever: true });
  // A wrong value is refused with a path under "answers".
  const bad = startFrom({ age: 30, intensity: 11 });
  assert.ok(!bad.ok);
  assert.deepEqual(
    bad.problems.map((p) => p.path),
    ["answers.intensity"],
  );
  // A wrong age itself is refused too, not replaced by a stand-in.
  const badAge = startFrom({ age: 130 });
  assert.ok(!badAge.ok);
  assert.deepEqual(
    badAge.problems.map((p) => p.path),
    ["answers.age"],
  );
  const badNoAge = startFrom({ intensity: 11 });
  assert.ok(!badNoAge.ok);
  assert.deepEqual(
    badNoAge.problems.map((p) => p.path),
    ["answers.intensity"],
  );
});

test("questionsAsked does not count the story", () => {
  const story = startFrom({ age: 30, fever: false });
  assert.ok(story.ok);
  assert.equal(questionsAsked(story.value), 0);
  const more: InterviewState = {
    version: 1,
    steps: [...story.value.steps, { question: "sex", fields: ["sex"], answers: { sex: "male" } }],
  };
  assert.equal(questionsAsked(more), 1);
  assert.equal(questionsAsked(state), 4);
});
