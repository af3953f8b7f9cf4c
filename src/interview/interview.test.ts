import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { assess } from "../engine/assess.js";
import { truthOf } from "../engine/logic.js";
import { caseArbitrary } from "../engine/test-arbitraries.js";
import { triageRank, type Case } from "../engine/types.js";
import { defaultKnowledge } from "../knowledge/load.js";
import { answer, UNKNOWN } from "./answer.js";
import { nextStep, type NextStep } from "./next-step.js";
import { simulate } from "./simulate.js";
import { back, caseOf, emptyState, parseState, reviseFrom, type InterviewState } from "./state.js";

const k = defaultKnowledge();

function reply(s: Extract<NextStep, { done: false }>, c: Record<string, unknown>): unknown {
  const q = s.question;
  return q.kind === "checklist" ? Object.fromEntries(q.fields.map((f) => [f, c[f] ?? UNKNOWN])) : (c[q.id] ?? UNKNOWN);
}

function step(state: InterviewState, value: unknown): InterviewState {
  const s = nextStep(state, k);
  assert.ok(!s.done);
  const r = answer(state, s.question, value, k);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  return r.value;
}

/** Cases whose answers are consistent with when each question applies (no weakness "getting worse" without weakness). */
const consistentCases = caseArbitrary(k).map((c) => {
  const out = { ...c } as Record<string, unknown>;
  for (let pass = 0; pass < 3; pass++) {
    for (const f of k.findings)
      if (f.applies && f.id in out && truthOf(f.applies, out as unknown as Case) !== true) delete out[f.id];
  }
  return out as unknown as Case;
});

test("age comes first, then the red-flag questions, before any other kind", () => {
  const run: string[] = [];
  let state = emptyState();
  const c: Record<string, unknown> = { age: 30, sex: "male", intensity: 3 };
  for (;;) {
    const s = nextStep(state, k);
    if (s.done) break;
    run.push(s.phase);
    const r = answer(state, s.question, reply(s, c), k);
    assert.ok(r.ok);
    state = r.value;
  }
  assert.equal(run[0], "first");
  const lastRedFlag = run.lastIndexOf("red_flag");
  const firstOther = run.findIndex((p) => p === "triage" || p === "condition");
  assert.ok(lastRedFlag > 0);
  assert.ok(firstOther === -1 || firstOther > lastRedFlag, run.join(","));
});

test("the cauda equina questions are among the first three red-flag questions", () => {
  let state = step(emptyState(), 30);
  const seen: string[] = [];
  for (let i = 0; i < 4; i++) {
    const s = nextStep(state, k);
    if (s.done) break;
    seen.push(...s.question.fields);
    state = step(state, s.question.kind === "checklist" ? [] : UNKNOWN);
  }
  for (const f of ["saddle_numbness", "bladder_problem", "bowel_problem"]) assert.ok(seen.includes(f), f);
});

test("an emergency answer ends the interview with an emergency at once", () => {
  let state = step(emptyState(), 45);
  for (let i = 0; i < 30; i++) {
    const s = nextStep(state, k);
    if (s.done) {
      assert.equal(s.result.triage, "emergency");
      assert.ok(state.steps.length <= 4, `${state.steps.length} questions`);
      return;
    }
    const value = s.question.fields.includes("saddle_numbness")
      ? ["saddle_numbness"]
      : s.question.kind === "checklist"
        ? []
        : UNKNOWN;
    state = step(state, value);
  }
  assert.fail("the interview did not end");
});

test("no pregnancy question for a man or a child under ten", () => {
  for (const c of [
    { age: 40, sex: "male" },
    { age: 8, sex: "female" },
  ]) {
    const run = simulate(c as Case, k);
    assert.ok(!run.asked.includes("pregnant") && !run.asked.includes("vaginal_bleeding"), JSON.stringify(c));
  }
  assert.ok(simulate({ age: 30, sex: "female" }, k).asked.includes("pregnant"));
});

test("no trauma follow-up after 'no injury'", () => {
  const run = simulate({ age: 30, sex: "male", injury: "none", onset: "next_day" }, k);
  assert.ok(!run.asked.includes("headache_after_injury"));
});

test("no question is asked twice, every run ends, and the result fits the answers", () => {
  fc.assert(
    fc.property(consistentCases, (c) => {
      const run = simulate(c, k);
      assert.equal(new Set(run.asked).size, run.asked.length);
      assert.ok(run.questions_asked <= run.asked.length);
      assert.ok(run.result.conditions.length > 0);
    }),
    { numRuns: 60 },
  );
});

test("the interview never ends below the full case's urgency when that urgency is 'today' or 'emergency'", () => {
  fc.assert(
    fc.property(consistentCases, (c) => {
      const full = assess(c, k).triage;
      if (triageRank(full) < triageRank("urgent")) return;
      const run = simulate(c, k);
      assert.ok(
        triageRank(run.result.triage) >= triageRank(full),
        `${run.result.triage} < ${full}: ${JSON.stringify(c)}`,
      );
    }),
    { numRuns: 80 },
  );
});

test("the state is plain JSON: a round trip continues the same interview", () => {
  let state = step(emptyState(), 30);
  state = step(state, "female");
  const copy = parseState(JSON.parse(JSON.stringify(state)));
  assert.ok(copy.ok);
  assert.deepEqual(copy.value, state);
  assert.deepEqual(nextStep(copy.value, k), nextStep(state, k));
});

test("a tampered state is refused with paths", () => {
  const r = parseState({ version: 2, steps: [{ question: "", fields: [] }] });
  assert.ok(!r.ok);
  assert.ok(r.problems.some((p) => p.path === "state.version"));
  assert.ok(r.problems.some((p) => p.path.startsWith("state.steps.0")));
});

test("going back asks the same question again; changing an earlier answer recomputes what follows", () => {
  const s0 = step(emptyState(), 30);
  const asked = nextStep(s0, k);
  assert.ok(!asked.done);
  const s1 = step(s0, "female");
  assert.deepEqual(nextStep(back(s1), k), asked);

  // Answer the questions for a woman until pregnancy is asked, then revise sex: pregnancy disappears.
  let state = s1;
  const c = { sex: "female", saddle_numbness: false, injury: "none", intensity: 3 } as Record<string, unknown>;
  for (let i = 0; i < 25; i++) {
    const s = nextStep(state, k);
    assert.ok(!s.done);
    if (s.question.id === "pregnant") break;
    state = step(state, reply(s, c));
  }
  assert.equal((nextStep(state, k) as { question: { id: string } }).question.id, "pregnant");
  const revised = step(reviseFrom(state, "sex"), "male");
  assert.equal(caseOf(revised).sex, "male");
  const after = simulateFrom(revised, { ...c, sex: "male" });
  assert.ok(!after.includes("pregnant"));
});

function simulateFrom(state: InterviewState, c: Record<string, unknown>): string[] {
  const ids: string[] = [];
  for (let i = 0; i < 60; i++) {
    const s = nextStep(state, k);
    if (s.done) return ids;
    ids.push(s.question.id);
    state = step(state, reply(s, c));
  }
  return ids;
}

test("'don't know' is accepted for every question but age, and out-of-range answers are refused", () => {
  let state = emptyState();
  const ageQ = nextStep(state, k);
  assert.ok(!ageQ.done);
  const noAge = answer(state, ageQ.question, UNKNOWN, k);
  assert.ok(!noAge.ok && noAge.problems[0]!.path === "answer.age");
  const tooOld = answer(state, ageQ.question, 130, k);
  assert.ok(!tooOld.ok && /must be <= 120/.test(tooOld.problems[0]!.message));
  state = step(state, 30);
  for (let i = 0; i < 40; i++) {
    const s = nextStep(state, k);
    if (s.done) return;
    state = step(state, UNKNOWN);
  }
});

test("a checklist answer can name the chosen items, or answer item by item", () => {
  let state = step(emptyState(), 30);
  state = step(state, "male");
  const s = nextStep(state, k);
  assert.ok(!s.done && s.question.kind === "checklist");
  const chosen = answer(state, s.question, [s.question.fields[0]], k);
  assert.ok(chosen.ok);
  assert.equal(caseOf(chosen.value)[s.question.fields[0] as keyof Case], true);
  assert.equal(caseOf(chosen.value)[s.question.fields[1] as keyof Case], false);
  const bad = answer(state, s.question, ["not_a_field"], k);
  assert.ok(!bad.ok);
});
