import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultKnowledge } from "../knowledge/load.js";
import { answer, UNKNOWN } from "./answer.js";
import { buildQuestion, type Question } from "./questions.js";
import { emptyState, type InterviewState } from "./state.js";

// Every spelling of an answer an interface may send, and what is stored for it. The questions are built
// directly (not reached through the interview), so each case names its own question.

const k = defaultKnowledge();
const q = (id: string, askable: string[] = [id]): Question => buildQuestion(id, askable, k, "en");
const aged: InterviewState = { version: 1, steps: [{ question: "age", fields: ["age"], answers: { age: 30 } }] };
const body = q("group.body_signs", ["fever", "chest_pain", "rash"]);

/** The answers the new last step holds, or the paths of the problems. */
function stored(state: InterviewState, question: Question, input: unknown): Record<string, unknown> {
  const r = answer(state, question, input, k);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  assert.equal(r.value.version, 1);
  assert.equal(r.value.steps.length, state.steps.length + 1);
  assert.deepEqual(r.value.steps.slice(0, -1), state.steps, "earlier steps are kept as they were");
  const last = r.value.steps.at(-1)!;
  assert.equal(last.question, question.id);
  assert.deepEqual(last.fields, question.fields);
  return last.answers;
}
function refused(state: InterviewState, question: Question, input: unknown): string[] {
  const r = answer(state, question, input, k);
  assert.ok(!r.ok, `${JSON.stringify(input)} must be refused`);
  return r.problems.map((p) => `${p.code} ${p.path}: ${p.message}`);
}

test("a checklist: a list of chosen items (the others are 'no'), 'unknown' for all, or item by item", () => {
  assert.equal(body.kind, "checklist");
  assert.deepEqual([...body.fields].sort(), ["chest_pain", "fever", "rash"]);
  assert.deepEqual(stored(aged, body, ["chest_pain"]), { fever: false, chest_pain: true, rash: false });
  assert.deepEqual(stored(aged, body, []), { fever: false, chest_pain: false, rash: false });
  assert.deepEqual(stored(aged, body, UNKNOWN), {});
  assert.deepEqual(stored(aged, body, { fever: true, chest_pain: UNKNOWN, rash: false }), { fever: true, rash: false });
  assert.deepEqual(stored(aged, body, {}), {});
});

test("a checklist refuses what is not one of its items, and answers of the wrong shape", () => {
  const items = `not one of: ${body.fields.join(", ")}`;
  assert.deepEqual(refused(aged, body, ["fever", "stiff_neck"]), [`answer.option answer.stiff_neck: ${items}`]);
  assert.deepEqual(refused(aged, body, ["fever", 7]), [`answer.option answer[1]: ${items}`]);
  assert.deepEqual(refused(aged, body, { stiff_neck: true }), [`answer.option answer.stiff_neck: ${items}`]);
  assert.deepEqual(refused(aged, body, { fever: "yes" }), [
    'answer.type answer.fever: must be true, false or "unknown"',
  ]);
  assert.deepEqual(refused(aged, body, { fever: 1, rash: null }), [
    'answer.type answer.fever: must be true, false or "unknown"',
    'answer.type answer.rash: must be true, false or "unknown"',
  ]);
  const shape = 'answer.type answer: must be a list of chosen items, an object of items, or "unknown"';
  for (const input of [true, "fever", 3, null, undefined]) assert.deepEqual(refused(aged, body, input), [shape]);
});

test("yes/no: true and false, also spelt as text; 'unknown', null and nothing store no answer", () => {
  const fever = q("fever");
  assert.equal(fever.kind, "boolean");
  assert.deepEqual(stored(aged, fever, true), { fever: true });
  assert.deepEqual(stored(aged, fever, false), { fever: false });
  assert.deepEqual(stored(aged, fever, "true"), { fever: true });
  assert.deepEqual(stored(aged, fever, "false"), { fever: false });
  for (const none of [UNKNOWN, undefined, null]) assert.deepEqual(stored(aged, fever, none), {});
  // Other text is not a yes: the contract refuses it.
  assert.deepEqual(refused(aged, fever, "yes"), ["case.type answer.fever: must be boolean"]);
});

test("numbers: decimal text is a number; other text is kept as text and refused by the contract", () => {
  const intensity = q("intensity");
  const days = q("duration_days");
  assert.deepEqual(stored(aged, intensity, "7"), { intensity: 7 });
  assert.deepEqual(stored(aged, intensity, " 4 "), { intensity: 4 });
  assert.deepEqual(stored(aged, intensity, 5), { intensity: 5 });
  assert.deepEqual(stored(aged, days, "2.5"), { duration_days: 2.5 });
  assert.deepEqual(stored(aged, days, "0"), { duration_days: 0 });
  assert.deepEqual(refused(aged, days, "-1"), ["case.minimum answer.duration_days: must be >= 0"]);
  assert.deepEqual(refused(aged, intensity, "11"), ["case.maximum answer.intensity: must be <= 10"]);
  assert.deepEqual(refused(aged, intensity, "seven"), ["case.type answer.intensity: must be integer"]);
  // A choice that happens to look like a number is not turned into one.
  assert.deepEqual(refused(aged, q("sex"), "1"), ["case.enum answer.sex: must be one of: female, male"]);
  assert.deepEqual(stored(aged, q("sex"), "female"), { sex: "female" });
});

test("age is required; every other field can be answered before it", () => {
  const age = q("age");
  assert.deepEqual(refused(emptyState(), age, UNKNOWN), [
    "answer.required answer.age: age is needed; an estimate is fine",
  ]);
  assert.deepEqual(refused(emptyState(), age, null), [
    "answer.required answer.age: age is needed; an estimate is fine",
  ]);
  assert.deepEqual(stored(emptyState(), age, "30"), { age: 30 });
  assert.deepEqual(stored(emptyState(), q("intensity"), 3), { intensity: 3 });
  assert.deepEqual(refused(emptyState(), q("intensity"), 12), ["case.maximum answer.intensity: must be <= 10"]);
  // "Don't know" to anything else is fine.
  assert.deepEqual(stored(emptyState(), q("intensity"), UNKNOWN), {});
});
