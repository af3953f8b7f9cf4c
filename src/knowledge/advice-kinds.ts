/**
 * The kinds of advice, in the order a result shows them. Kept apart from schema.ts so the engine and the
 * reports can read it without loading zod (a cold start of the terminal program pays for every import).
 */
export const ADVICE_KINDS = [
  "first_aid",
  "now",
  "self_care",
  "training",
  "technique",
  "prevention",
  "parent_plan",
  "watch_for",
] as const;

export type AdviceKind = (typeof ADVICE_KINDS)[number];
