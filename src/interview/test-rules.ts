// Test support for the next-step tests: small made-up knowledge bases over the project's findings, texts and
// settings, with a handful of triage rules and conditions written in each test.
import assert from "node:assert/strict";
import { defaultKnowledge } from "../knowledge/load.js";
import type { Predicate } from "../knowledge/predicate.js";
import type { Condition, Knowledge, TriageRule } from "../knowledge/schema.js";
import { answer } from "./answer.js";
import { nextStep } from "./next-step.js";
import type { InterviewState } from "./state.js";

export const k = defaultKnowledge();
export const strain = k.conditions.find((c) => c.id === "muscle_strain")!;

/** A triage rule of the test family, optionally about some causes. */
export const rule = (id: string, level: TriageRule["level"], when: Predicate, about?: string[]): TriageRule => ({
  id,
  family: "test",
  level,
  when,
  sources: ["clinical-facts"],
  ...(about ? { about } : {}),
});

/** The project's findings with only these rules; one condition (certain from the start) unless others are given. */
export const kb = (rules: TriageRule[], conditions: Condition[] = [strain], interview = {}): Knowledge => ({
  ...k,
  rules,
  conditions,
  settings: { ...k.settings, interview: { ...k.settings.interview, ...interview } },
});

export const is = (field: string, value: boolean | string = true): Predicate => ({ field, is: value });

/** An interview where an adult man has given his age and sex. */
export const adult: InterviewState = {
  version: 1,
  steps: [
    { question: "age", fields: ["age"], answers: { age: 30 } },
    { question: "sex", fields: ["sex"], answers: { sex: "male" } },
  ],
};

/** The next question's id and phase, or "done <level>". */
export function next(state: InterviewState, know: Knowledge): string {
  const s = nextStep(state, know);
  return s.done ? `done ${s.result.triage}` : `${s.question.id} ${s.phase}`;
}

/** The state after answering the question asked now. */
export function reply(state: InterviewState, know: Knowledge, input: unknown): InterviewState {
  const s = nextStep(state, know);
  assert.ok(!s.done);
  const r = answer(state, s.question, input, know);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  return r.value;
}
