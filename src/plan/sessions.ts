import { byDate, daysBetween, type Entry } from "../diary/entries.js";
import type { PlanRules } from "./knowledge.js";

/**
 * How the back answered one day of training, read the way the pain-monitoring model reads it: the pain
 * on the day of the session (the day's check-in), and whether it was back to its usual level (the last
 * check-in before that day) by the next morning (the next day's check-in).
 */
export interface SessionResponse {
  date: string;
  /** Highest pain logged on the day of the session. */
  during?: number;
  /** Pain logged the day after. */
  next?: number;
  /** The pain before the session: the last check-in on an earlier day. */
  usual?: number;
  verdict: Verdict;
}

/**
 * easy: pain at most the model's safe level and settled overnight; acceptable: above that but within the
 * acceptable level and settled; too_much: above the acceptable level; not_settled: higher the next morning
 * than before the session; unknown: a check-in on the day or the next day is missing.
 */
export type Verdict = "easy" | "acceptable" | "too_much" | "not_settled" | "unknown";

const nextDay = (d: string): string => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * One response per day with a workout, in date order. A session whose next morning has not come yet
 * (its date is today) is left out: it cannot be judged until then.
 */
export function sessionResponses(entries: Entry[], today: string, rules: PlanRules): SessionResponse[] {
  const checkins = byDate(entries.filter((e) => e.kind === "checkin")) as (Entry & { kind: "checkin" })[];
  const days = [...new Set(entries.filter((e) => e.kind === "workout").map((e) => e.date))].sort();
  const on = (d: string): number[] => checkins.filter((c) => c.date === d).map((c) => c.intensity);
  const out: SessionResponse[] = [];
  for (const date of days) {
    if (daysBetween(date, today) < 1) continue;
    const day = on(date);
    const after = on(nextDay(date));
    const before = checkins.filter((c) => c.date < date);
    const during = day.length ? Math.max(...day) : undefined;
    // The morning after: the lowest check-in of the next day (an evening check-in may follow a new session).
    const next = after.length ? Math.min(...after) : undefined;
    const usual = before.length ? before[before.length - 1]!.intensity : undefined;
    let verdict: Verdict;
    if (during === undefined || next === undefined) verdict = "unknown";
    else if (during > rules.pain.acceptable_max) verdict = "too_much";
    // Without a check-in before the session, "settled" means it did not grow overnight.
    else if (next > (usual ?? during)) verdict = "not_settled";
    else verdict = during <= rules.pain.easy_max ? "easy" : "acceptable";
    out.push({
      date,
      ...(during !== undefined ? { during } : {}),
      ...(next !== undefined ? { next } : {}),
      ...(usual !== undefined ? { usual } : {}),
      verdict,
    });
  }
  return out;
}
