import type { AdviceKind } from "../knowledge/advice-kinds.js";
import type { Knowledge } from "../knowledge/schema.js";
import { compiledKnowledge, type CompiledAdvice, type CompiledKnowledge } from "./compiled.js";
import { rootTruth, run, TRUE } from "./program.js";
import { asPrepared, type EvalContext, type Prepared } from "./logic.js";
import type { Case } from "./types.js";

export interface SelectedAdvice {
  id: string;
  kind: AdviceKind;
  sources: string[];
  /** Shown only behind "more": it does not fit this urgency's first screen (settings.advice_by_triage). */
  more?: true;
}

/** The advice entries whose conditions hold for this person and this assessment, by kind then priority. */
export function selectAdvice(input: Case | Prepared, k: Knowledge, ctx: EvalContext): SelectedAdvice[] {
  return selectCompiledAdvice(asPrepared(input), compiledKnowledge(k), ctx).map((a) => a.plain);
}

/** The same, as the compiled entries (each has its result parts, see compiled.ts). */
export function selectCompiledAdvice(c: Prepared, ck: CompiledKnowledge, ctx: EvalContext): CompiledAdvice[] {
  const out: CompiledAdvice[] = [];
  // The compiled list is already in the order a result shows (kind, then priority, then knowledge order).
  run(ck.adviceProgram, c.values, ctx);
  for (let i = 0; i < ck.advice.length; i++) if (rootTruth(ck.adviceProgram, i) === TRUE) out.push(ck.advice[i]!);
  return out;
}
