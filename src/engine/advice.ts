import type { AdviceKind } from "../knowledge/advice-kinds.js";
import type { Knowledge } from "../knowledge/schema.js";
import { compiledKnowledge } from "./compiled.js";
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
  const c = asPrepared(input);
  const out: SelectedAdvice[] = [];
  // The compiled list is already in the order a result shows (kind, then priority, then knowledge order).
  for (const { advice: a, fn } of compiledKnowledge(k).advice)
    if (fn(c, ctx) === true) out.push({ id: a.id, kind: a.kind, sources: a.sources });
  return out;
}
