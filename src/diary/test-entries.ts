// Test support for the diary tests: entries written by day number from a first date, each with its own id.
import type { Entry, EntryData } from "./entries.js";

export interface DiaryDays {
  /** The date of day d (day 0 is the first date). */
  day: (d: number) => string;
  /** An entry with a fresh id. */
  entry: (x: EntryData) => Entry;
  checkin: (d: number, intensity: number, extra?: Partial<EntryData>) => Entry;
  /** A weightlifting session of these exercises. */
  workout: (d: number, exercises: string[], extra?: Partial<EntryData>) => Entry;
}

/** Diary entries from `first` (an ISO date), with ids `${prefix}1`, `${prefix}2`, ... */
export function diaryDays(first: string, prefix: string): DiaryDays {
  let n = 0;
  const start = Date.parse(`${first}T00:00:00Z`);
  const day = (d: number): string => new Date(start + d * 86_400_000).toISOString().slice(0, 10);
  const entry = (x: EntryData): Entry => ({ ...x, id: `${prefix}${++n}` });
  return {
    day,
    entry,
    checkin: (d, intensity, extra = {}) => entry({ kind: "checkin", date: day(d), intensity, ...extra } as EntryData),
    workout: (d, exercises, extra = {}) =>
      entry({
        kind: "workout",
        date: day(d),
        activity: "weightlifting",
        exercises: exercises.map((exercise) => ({ exercise })),
        ...extra,
      } as EntryData),
  };
}
