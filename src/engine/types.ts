export type { Case, Modifier } from "./case-type.js";

/**
 * Urgency levels, least urgent first; the index is the order used to compare them. The one list of levels:
 * schemas, validation and screens take theirs from here.
 */
export const TRIAGE_LEVELS = ["self_care", "doctor", "urgent", "emergency"] as const;
export type Triage = (typeof TRIAGE_LEVELS)[number];

/** The same levels, most urgent first: the order the contract, the schemas and the texts list them in. */
export const TRIAGE_URGENT_FIRST = [...TRIAGE_LEVELS].reverse() as [Triage, ...Triage[]];

const RANK = Object.fromEntries(TRIAGE_LEVELS.map((t, i) => [t, i])) as Record<Triage, number>;
export const triageRank = (t: Triage): number => RANK[t];
export const maxTriage = (a: Triage, b: Triage): Triage => (triageRank(a) >= triageRank(b) ? a : b);
