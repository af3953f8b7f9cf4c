import type { Knowledge } from "../knowledge/schema.js";
import { compiledKnowledge, conditionOf } from "./compiled.js";
import type { Triage } from "./types.js";

const EMERGENCY = "emergency_services";
/** How many specialists to name: enough to choose, few enough to act on. */
const MAX_SPECIALISTS = 4;

/**
 * Who to see, from the likely conditions in order (the child list for children). The ambulance leads an
 * emergency result and is left out of any other, so the list never contradicts the urgency.
 */
export function chooseSpecialists(
  likely: readonly { id: string }[],
  k: Knowledge,
  triage: Triage,
  child: boolean,
): string[] {
  const ck = compiledKnowledge(k);
  const out: string[] = [];
  if (triage === "emergency") out.push(EMERGENCY);
  // The first three conditions are the ones the person is asked to consider; later ones are background.
  for (const r of likely.slice(0, 3)) {
    const cond = conditionOf(ck, r.id);
    if (!cond) continue;
    for (const s of child ? cond.specialists.child : cond.specialists.adult) {
      if (s === EMERGENCY && triage !== "emergency") continue;
      if (!out.includes(s)) out.push(s);
    }
  }
  if (out.length === 0 && triage !== "self_care") out.push(child ? "pediatrician" : "gp");
  return out.slice(0, MAX_SPECIALISTS);
}
