import { ADVICE_KINDS, type AdviceKind } from "../knowledge/advice-kinds.js";
import type { Knowledge } from "../knowledge/schema.js";
import { truthOf, type EvalContext, asPrepared, type Prepared } from "./logic.js";
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
  const kindOrder = (kind: AdviceKind): number => ADVICE_KINDS.indexOf(kind);
  return k.advice
    .map((a, index) => ({ a, index }))
    .filter(({ a }) => truthOf(a.when, c, ctx) === true)
    .sort((x, y) => kindOrder(x.a.kind) - kindOrder(y.a.kind) || y.a.priority - x.a.priority || x.index - y.index)
    .map(({ a }) => ({ id: a.id, kind: a.kind, sources: a.sources }));
}
