import { ADVICE_KINDS, type AdviceKind, type Knowledge } from "../knowledge/schema.js";
import { evaluate, type EvalContext } from "./logic.js";
import type { Case } from "./types.js";

export interface SelectedAdvice {
  id: string;
  kind: AdviceKind;
  sources: string[];
}

/** The advice entries whose conditions hold for this person and this assessment, by kind then priority. */
export function selectAdvice(c: Case, k: Knowledge, ctx: EvalContext): SelectedAdvice[] {
  const kindOrder = (kind: AdviceKind): number => ADVICE_KINDS.indexOf(kind);
  return k.advice
    .map((a, index) => ({ a, index }))
    .filter(({ a }) => evaluate(a.when, c, ctx).value === true)
    .sort((x, y) => kindOrder(x.a.kind) - kindOrder(y.a.kind) || y.a.priority - x.a.priority || x.index - y.index)
    .map(({ a }) => ({ id: a.id, kind: a.kind, sources: a.sources }));
}
