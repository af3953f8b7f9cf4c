export type { Case, Modifier } from "./case-type.js";

/** Urgency levels, least urgent first; the index is the order used to compare them. */
export const TRIAGE_LEVELS = ["self_care", "doctor", "urgent", "emergency"] as const;
export type Triage = (typeof TRIAGE_LEVELS)[number];

const RANK: Record<Triage, number> = { self_care: 0, doctor: 1, urgent: 2, emergency: 3 };
export const triageRank = (t: Triage): number => RANK[t];
export const maxTriage = (a: Triage, b: Triage): Triage => (triageRank(a) >= triageRank(b) ? a : b);
