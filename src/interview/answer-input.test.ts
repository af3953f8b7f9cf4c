import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultKnowledge } from "../knowledge/load.js";
import { answer } from "./answer.js";
import { nextStep } from "./next-step.js";
import { emptyState, type InterviewState } from "./state.js";

const k = defaultKnowledge();

/** The first question (age) and, after it, the next questions until a checklist. */
function untilChecklist(): { state: InterviewState; q: ReturnType<typeof current> } {
  let state = emptyState();
  for (let n = 0; n < 10; n++) {
    const q = current(state);
    if (q.kind === "checklist") return { state, q };
    const r = answer(
      state,
      q,
      q.id === "age" ? 30 : q.kind === "boolean" ? false : (q.options?.[0]?.value ?? "unknown"),
      k,
    );
    assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
    state = r.value;
  }
  throw new Error("no checklist among the first questions");
}

function current(state: InterviewState) {
  const s = nextStep(state, k);
  assert.ok(!s.done);
  return s.question;
}

test("a checklist item that is not text is a problem with its index, not a crash", () => {
  const { state, q } = untilChecklist();
  for (const hostile of [
    [{ toString: 1 }],
    [{ valueOf: null, toString: null }],
    [Object.create(null)],
    [[1]],
    [null],
  ]) {
    const r = answer(state, q, hostile, k);
    assert.ok(!r.ok, JSON.stringify(hostile));
    assert.deepEqual(
      r.problems.map((p) => p.path),
      ["answer[0]"],
    );
  }
  const named = answer(state, q, ["no_such_item"], k);
  assert.ok(!named.ok && named.problems[0]!.path === "answer.no_such_item");
});

test("a number typed as text is accepted in decimal only: 0x1e is not 30", () => {
  const q = current(emptyState());
  assert.equal(q.id, "age");
  const decimal = answer(emptyState(), q, " 30 ", k);
  assert.ok(decimal.ok);
  assert.equal(decimal.value.steps[0]!.answers["age"], 30);
  assert.ok(answer(emptyState(), q, "42.5", k).ok);
  for (const spelled of ["0x1e", "0b11110", "0o36", "3e1", "Infinity", "30abc", "1_0"]) {
    const r = answer(emptyState(), q, spelled, k);
    assert.ok(!r.ok, `${spelled} must be refused`);
  }
});
