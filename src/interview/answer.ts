import { validateCase } from "../case/validate-case.js";
import type { Problem } from "../errors/problem.js";
import { fail, ok, type Outcome } from "../errors/problem.js";
import type { Knowledge } from "../knowledge/schema.js";
import type { Question } from "./questions.js";
import { caseOf, type InterviewState } from "./state.js";

/** "Don't know": allowed for every question, and for each item of a checklist. */
export const UNKNOWN = "unknown";

/**
 * An answer as an interface sends it:
 * - a value of the finding's type (boolean, option, array of options, number), or "unknown";
 * - for a checklist: an array of the chosen finding ids (the others are "no"), "unknown" for the whole
 *   list, or an object finding id -> true | false | "unknown" for item-by-item answers.
 */
export type AnswerInput = unknown;

function checklistAnswers(q: Question, input: unknown, problems: Problem[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (input === UNKNOWN) return out;
  if (Array.isArray(input)) {
    input.forEach((v: unknown, i) => {
      // Not String(v): an object such as {"toString":1} cannot be turned into text and would throw.
      if (typeof v !== "string" || !q.fields.includes(v))
        problems.push({
          code: "answer.option",
          path: typeof v === "string" ? `answer.${v}` : `answer[${i}]`,
          message: `not one of: ${q.fields.join(", ")}`,
        });
    });
    for (const f of q.fields) out[f] = input.includes(f);
    return out;
  }
  if (input && typeof input === "object") {
    for (const [f, v] of Object.entries(input)) {
      if (!q.fields.includes(f))
        problems.push({ code: "answer.option", path: `answer.${f}`, message: `not one of: ${q.fields.join(", ")}` });
      else if (v === true || v === false) out[f] = v;
      else if (v !== UNKNOWN)
        problems.push({ code: "answer.type", path: `answer.${f}`, message: 'must be true, false or "unknown"' });
    }
    return out;
  }
  problems.push({
    code: "answer.type",
    path: "answer",
    message: 'must be a list of chosen items, an object of items, or "unknown"',
  });
  return out;
}

/**
 * Records the answer to the current question. The merged answers are checked against the case
 * contract, so an out-of-range value is refused with the contract's message and nothing is stored.
 */
export function answer(state: InterviewState, q: Question, input: AnswerInput, k: Knowledge): Outcome<InterviewState> {
  const problems: Problem[] = [];
  let answers: Record<string, unknown> = {};
  if (q.kind === "checklist") {
    answers = checklistAnswers(q, input, problems);
  } else if (input !== UNKNOWN && input !== undefined && input !== null) {
    // Text interfaces send "true"/"false" and numbers as strings; accept those spellings.
    let value = input;
    const finding = k.findings.find((f) => f.id === q.id);
    if (finding?.kind === "boolean" && (input === "true" || input === "false")) value = input === "true";
    // Decimal spellings only: Number("0x1e") is 30, and "1e1" or "Infinity" are not what a person types.
    if (
      (finding?.kind === "number" || finding?.kind === "integer") &&
      typeof input === "string" &&
      /^\s*-?\d+(\.\d+)?\s*$/.test(input)
    )
      value = Number(input);
    answers[q.id] = value;
  }
  if (q.fields.includes("age") && answers["age"] === undefined) {
    // Age is the one field the contract requires; an estimate is better than nothing.
    problems.push({ code: "answer.required", path: "answer.age", message: "age is needed; an estimate is fine" });
  }
  if (problems.length) return fail(problems);
  const next: InterviewState = { version: 1, steps: [...state.steps, { question: q.id, fields: q.fields, answers }] };
  const merged = caseOf(next) as unknown as Record<string, unknown>;
  // Before age is asked the contract's required field is absent; check everything else meanwhile.
  const check = validateCase("age" in merged ? merged : { ...merged, age: 0 });
  if (!check.ok) return fail(check.problems.map((p) => ({ ...p, path: p.path.replace(/^case/, "answer") })));
  return ok(next);
}
