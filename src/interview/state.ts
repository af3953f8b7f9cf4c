import { z } from "zod";
import type { Problem } from "../errors/problem.js";
import { fail, ok, type Outcome } from "../errors/problem.js";
import type { Case } from "../engine/types.js";

/**
 * The whole interview as plain JSON: what was asked, in order, and what was answered. The server can store
 * it, the browser can run the same engine on it, and going back is just dropping the last step.
 */
export interface InterviewState {
  version: 1;
  steps: Step[];
}

/** One question and its answer. `fields` are the findings it asked about (several for a checklist). */
export interface Step {
  question: string;
  fields: string[];
  /** The answer per field; a field missing here was answered "don't know". */
  answers: Record<string, unknown>;
}

export const emptyState = (): InterviewState => ({ version: 1, steps: [] });

const stepSchema = z
  .object({
    question: z.string().min(1),
    fields: z.array(z.string().min(1)).min(1),
    answers: z.record(z.string(), z.unknown()),
  })
  .strict();

export const stateSchema = z.object({ version: z.literal(1), steps: z.array(stepSchema) }).strict();

/** Parses stored or posted state; every problem comes back with its path. */
export function parseState(input: unknown): Outcome<InterviewState> {
  const r = stateSchema.safeParse(input);
  if (r.success) return ok(r.data as InterviewState);
  const problems: Problem[] = r.error.issues.map((i) => ({
    code: "interview.state",
    path: ["state", ...i.path.map(String)].join("."),
    message: i.message,
  }));
  return fail(problems);
}

/** The case the answers so far describe: "don't know" stays absent, as the contract wants. */
export function caseOf(state: InterviewState): Case {
  const c: Record<string, unknown> = {};
  for (const s of state.steps) Object.assign(c, s.answers);
  return c as unknown as Case;
}

/** Fields already settled, by an answer or by "don't know": they are not asked again. */
export function settledFields(state: InterviewState): Set<string> {
  return new Set(state.steps.flatMap((s) => s.fields));
}

/** Fields the person was asked and answered "I don't know": not the same as never asked. */
export function askedUnknownFields(state: InterviewState): string[] {
  return state.steps.flatMap((s) => s.fields.filter((f) => !(f in s.answers)));
}

/** Drops the last step, so its question is asked again. */
export function back(state: InterviewState): InterviewState {
  return { version: 1, steps: state.steps.slice(0, -1) };
}

/**
 * Goes back to an earlier question: that step and everything after it are dropped, because later
 * questions were chosen in the light of the old answer and may no longer apply.
 */
export function reviseFrom(state: InterviewState, question: string): InterviewState {
  const i = state.steps.findIndex((s) => s.question === question);
  return i < 0 ? state : { version: 1, steps: state.steps.slice(0, i) };
}
