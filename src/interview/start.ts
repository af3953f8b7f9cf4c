import { validateCase } from "../case/validate-case.js";
import { fail, ok, type Outcome } from "../errors/problem.js";
import type { Knowledge } from "../knowledge/schema.js";
import { emptyState, type InterviewState } from "./state.js";

/** The step that holds what the person confirmed from their own words; it is not a question asked. */
export const STORY_STEP = "story";

/**
 * An interview that starts from answers the person has seen and confirmed (from their own words): one
 * step holds them, so they are settled and not asked again, and going back from the first question drops
 * them like any answer. Every other field, warning signs above all, is still asked. The answers are checked
 * against the case contract like any answer.
 */
export function startFrom(confirmed: Record<string, unknown>, _k?: Knowledge): Outcome<InterviewState> {
  // Unknown fields and wrong values are refused by the contract below, like any answer.
  const answers = Object.fromEntries(Object.entries(confirmed).filter(([, v]) => v !== undefined && v !== null));
  const fields = Object.keys(answers);
  if (fields.length === 0) return ok(emptyState());
  const check = validateCase("age" in answers ? answers : { ...answers, age: 0 });
  if (!check.ok) return fail(check.problems.map((p) => ({ ...p, path: p.path.replace(/^case/, "answers") })));
  return ok({ version: 1, steps: [{ question: STORY_STEP, fields, answers }] });
}

/** Questions actually asked: the confirmed story is not one. */
export const questionsAsked = (state: InterviewState): number =>
  state.steps.filter((s) => s.question !== STORY_STEP).length;
