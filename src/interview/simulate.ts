import type { Assessment } from "../engine/assess.js";
import type { Case } from "../engine/types.js";
import type { Knowledge } from "../knowledge/schema.js";
import { answer, UNKNOWN } from "./answer.js";
import { nextStep } from "./next-step.js";
import { emptyState, type InterviewState } from "./state.js";

export interface Simulation {
  questions_asked: number;
  /** Field ids in the order they were asked (a checklist adds each of its findings). */
  asked: string[];
  result: Assessment;
}

/** A hard stop for a broken knowledge base: there are fewer findings than this. */
const MAX_STEPS = 200;

/**
 * How a missing field is answered: "unknown" says "I don't know" to everything the case lacks (the contract's
 * reading); "no" answers a missing yes/no finding "no" and every other missing field "I don't know", the way a
 * person who has none of the unmentioned symptoms answers.
 */
export type Absent = "unknown" | "no";

/**
 * Runs the interview against a known case: each question is answered from the case, "don't know"
 * where the case lacks the field (item by item for a checklist), or "no" for yes/no findings with `absent: "no"`.
 * `start`: answers already settled (e.g. confirmed from the person's own words); they are not counted.
 */
export function simulate(
  c: Case,
  k: Knowledge,
  absent: Absent = "unknown",
  start: InterviewState = emptyState(),
): Simulation {
  const kinds = new Map(k.findings.map((f) => [f.id, f.kind]));
  const missing = (field: string): unknown => (absent === "no" && kinds.get(field) === "boolean" ? false : UNKNOWN);
  let state: InterviewState = start;
  const before = start.steps.length;
  for (let i = 0; i < MAX_STEPS; i++) {
    const step = nextStep(state, k);
    if (step.done) {
      const steps = state.steps.slice(before);
      return { questions_asked: steps.length, asked: steps.flatMap((s) => s.fields), result: step.result };
    }
    const q = step.question;
    const from = c as unknown as Record<string, unknown>;
    const reply =
      q.kind === "checklist"
        ? Object.fromEntries(q.fields.map((f) => [f, from[f] ?? missing(f)]))
        : (from[q.id] ?? missing(q.id));
    const next = answer(state, q, reply, k);
    if (!next.ok) throw new Error(`simulation: the case's own answer was refused: ${JSON.stringify(next.problems)}`);
    state = next.value;
  }
  throw new Error("simulation: the interview did not end");
}
