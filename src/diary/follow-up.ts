import { assess, type Assessment } from "../engine/assess.js";
import { maxTriage, type Case, type Triage } from "../engine/types.js";
import { fail, ok, type Outcome } from "../errors/problem.js";
import type { Knowledge } from "../knowledge/schema.js";
import { byDate, daysBetween, type CheckInEntry, type Entry } from "./entries.js";
import { trainingInsight, type TrainingInsight } from "./insight.js";

export type Trend = "rising" | "flat" | "falling" | "unknown";

export interface FollowUp {
  triage: Triage;
  /** The triage after the previous check-in, when there was one. */
  previous_triage?: Triage;
  changed: boolean;
  course: {
    first_checkin: string;
    duration_days: number;
    intensity: number;
    trend: Trend;
    slope_per_day: number | null;
  };
  /** The case the follow-up assessed: the base case plus what the diary says now. */
  case: Case;
  assessment: Assessment;
  insight: TrainingInsight;
  /** The recurring-pain finding of the diary, when it raised the level. */
  recurring: boolean;
  checkin_due: boolean;
}

const isCheckIn = (e: Entry): e is Entry & CheckInEntry => e.kind === "checkin";

/** Least-squares slope of intensity per day; null with too few check-ins or all on one day. */
export function slope(points: { day: number; intensity: number }[]): number | null {
  if (points.length < 2) return null;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.day, 0) / n;
  const my = points.reduce((s, p) => s + p.intensity, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.day - mx) ** 2, 0);
  if (sxx === 0) return null;
  return points.reduce((s, p) => s + (p.day - mx) * (p.intensity - my), 0) / sxx;
}

const TREND_TO_CASE: Record<Trend, Case["trend"] | undefined> = {
  rising: "worsening",
  flat: "stable",
  falling: "improving",
  unknown: undefined,
};

/** The case the diary describes today: the base, the course over time, and the latest answers. */
function caseFromDiary(
  checkins: CheckInEntry[],
  today: string,
  base: Partial<Case>,
  k: Knowledge,
): Outcome<{ c: Case; trend: Trend; slope: number | null; duration: number }> {
  const first = checkins[0]!;
  const latest = checkins[checkins.length - 1]!;
  const age = [...checkins].reverse().find((c) => c.age !== undefined)?.age ?? base.age;
  if (age === undefined)
    return fail([
      {
        code: "diary.age_needed",
        path: "entry.age",
        message: "give your age once in a check-in (or do an assessment first)",
      },
    ]);
  const s = slope(checkins.map((c) => ({ day: daysBetween(first.date, c.date), intensity: c.intensity })));
  const trend: Trend =
    s === null || checkins.length < k.diary.trend_min_checkins
      ? "unknown"
      : s >= k.diary.trend_slope_per_day
        ? "rising"
        : s <= -k.diary.trend_slope_per_day
          ? "falling"
          : "flat";
  const duration = daysBetween(first.date, today) + (base.duration_days ?? 0);
  const findings = Object.assign({}, ...checkins.map((c) => c.findings ?? {})) as Partial<Case>;
  const c: Record<string, unknown> = {
    ...base,
    ...findings,
    age,
    intensity: latest.intensity,
    duration_days: duration,
  };
  const caseTrend = TREND_TO_CASE[trend];
  if (caseTrend) c["trend"] = caseTrend;
  else delete c["trend"];
  if (latest.location) c["location"] = latest.location;
  if (latest.character) c["character"] = latest.character;
  return ok({ c: c as unknown as Case, trend, slope: s, duration });
}

function levelOf(entries: Entry[], today: string, base: Partial<Case>, k: Knowledge) {
  const checkins = byDate(entries.filter(isCheckIn));
  if (checkins.length === 0) return undefined;
  const built = caseFromDiary(checkins, today, base, k);
  if (!built.ok) return built;
  const assessment = assess(built.value.c, k);
  const insight = trainingInsight(entries, k);
  const recurring = insight.flagged.length > 0;
  const triage = recurring ? maxTriage(assessment.triage, k.diary.recurring_level) : assessment.triage;
  return ok({ ...built.value, assessment, insight, recurring, triage, checkins });
}

/**
 * Re-assesses after each check-in with what is known now and the course over time: how long it has
 * lasted, the trend of the intensities, new red flags (night pain, weakness) from the check-ins, and pain
 * that keeps following one exercise. The time-course rules themselves are the knowledge base's triage
 * rules (pain not settling after three days, getting worse, at night); this module only builds the case.
 */
export function followUp(
  entries: Entry[],
  today: string,
  base: Partial<Case>,
  k: Knowledge,
): Outcome<FollowUp | undefined> {
  const now = levelOf(entries, today, base, k);
  if (!now) return ok(undefined);
  if (!now.ok) return now;
  const v = now.value;
  // The answer before the latest check-in, judged as it was then, so a change can be told and explained.
  const latest = v.checkins[v.checkins.length - 1]!;
  const earlier = entries.filter((e) => !(e.kind === "checkin" && e.id === (latest as Entry).id));
  const before = v.checkins.length > 1 ? levelOf(earlier, v.checkins[v.checkins.length - 2]!.date, base, k) : undefined;
  const previous = before?.ok ? before.value.triage : undefined;
  const hoursSince = daysBetween(latest.date, today) * 24;
  return ok({
    triage: v.triage,
    ...(previous ? { previous_triage: previous } : {}),
    changed: previous !== undefined && previous !== v.triage,
    course: {
      first_checkin: v.checkins[0]!.date,
      duration_days: v.duration,
      intensity: latest.intensity,
      trend: v.trend,
      slope_per_day: v.slope,
    },
    case: v.c,
    assessment: v.assessment,
    insight: v.insight,
    recurring: v.recurring,
    // While pain is being followed (not gone), a check-in is due once a day.
    checkin_due: latest.intensity > 0 && hoursSince >= k.diary.checkin_due_hours,
  });
}
