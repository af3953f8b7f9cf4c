import type { Knowledge } from "../knowledge/schema.js";
import { byDate, daysBetween, type CheckInEntry, type Entry, type WorkoutEntry } from "./entries.js";

export interface ExerciseStat {
  exercise: string;
  sessions: number;
  /** Sessions followed by a check-in with pain within the window (two days). */
  pain_sessions: number;
  rate: number;
}

export interface TrampolineOverrun {
  date: string;
  hours: number;
  limit: number;
}

export interface TrainingInsight {
  exercises: ExerciseStat[];
  /** Exercises followed by pain clearly more often than the sessions without them. */
  flagged: ExerciseStat[];
  /** Advice entries that fit what the diary shows (technique, load, warm-up, session length). */
  advice: string[];
  trampoline_overruns: TrampolineOverrun[];
}

const isWorkout = (e: Entry): e is Entry & WorkoutEntry => e.kind === "workout";
const isCheckIn = (e: Entry): e is Entry & CheckInEntry => e.kind === "checkin";

/**
 * Which exercises are followed by pain, with the counts, not only a verdict. An exercise is named only
 * when it has enough sessions, most of them are followed by pain, and sessions without it much less so.
 */
export function trainingInsight(entries: Entry[], k: Knowledge): TrainingInsight {
  const s = k.diary;
  const workouts = byDate(entries.filter(isWorkout));
  const checkins = byDate(entries.filter(isCheckIn));
  const windowDays = s.pain_window_hours / 24;
  const painAfter = (w: WorkoutEntry): boolean =>
    checkins.some((c) => {
      const d = daysBetween(w.date, c.date);
      return d >= 0 && d <= windowDays && c.intensity >= s.pain_threshold;
    });
  const painful = new Map(workouts.map((w) => [w, painAfter(w)]));

  const names = [...new Set(workouts.flatMap((w) => w.exercises.map((x) => x.exercise)))].sort();
  const exercises: ExerciseStat[] = names.map((exercise) => {
    const with_ = workouts.filter((w) => w.exercises.some((x) => x.exercise === exercise));
    const pain = with_.filter((w) => painful.get(w)).length;
    return { exercise, sessions: with_.length, pain_sessions: pain, rate: with_.length ? pain / with_.length : 0 };
  });
  const flagged = exercises.filter((e) => {
    const without = workouts.filter((w) => !w.exercises.some((x) => x.exercise === e.exercise));
    if (without.length === 0) return false; // nothing to compare with: the diary cannot single it out
    const otherRate = without.filter((w) => painful.get(w)).length / without.length;
    return (
      e.sessions >= s.flag_min_sessions && e.rate >= s.flag_min_rate && e.rate - otherRate >= s.flag_min_difference
    );
  });

  const trampoline_overruns = workouts
    .filter((w) => w.activity === "trampoline" && w.hours !== undefined)
    .map((w) => ({
      date: w.date,
      hours: w.hours!,
      limit: w.experience === "beginner" ? s.trampoline_limit_hours.beginner : s.trampoline_limit_hours.other,
    }))
    .filter((t) => t.hours > t.limit);

  const advice: string[] = [];
  const add = (id: string): void => {
    if (!advice.includes(id)) advice.push(id);
  };
  for (const f of flagged) for (const id of s.exercise_advice[f.exercise] ?? []) add(id);
  const known = workouts.filter((w) => w.warmed_up !== undefined);
  if (known.length && known.filter((w) => w.warmed_up === false).length * 2 >= known.length) add(s.no_warm_up_advice);
  if (trampoline_overruns.length) add(s.long_trampoline_advice);
  return { exercises, flagged, advice, trampoline_overruns };
}
