// Each threshold of the diary (knowledge/diary.json), tried from both sides. The expected answers are the
// numbers the knowledge documents, written here as literals: 0.5 pain points a day is a trend, two check-ins
// are the least that show one, pain of 3/10 within two days follows a session, an exercise is named after
// two sessions when at least 3 in 4 of them were followed by pain and half a point more often than the rest,
// a check-in is due after 24 hours, a beginner's trampoline session is long past half an hour (others past
// an hour), and the warm-up advice comes when at least half the sessions with an answer skipped it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultKnowledge } from "../knowledge/load.js";
import type { Case } from "../engine/types.js";
import type { Entry, EntryData } from "./entries.js";
import { followUp } from "./follow-up.js";
import { trainingInsight } from "./insight.js";
import { diaryDays } from "./test-entries.js";

const k = defaultKnowledge();
const BASE: Partial<Case> = { age: 30, sex: "female", injury: "none", location: ["lower_back"] };
// Day 0 is 1 October 2026.
const { day, checkin, workout } = diaryDays("2026-10-01", "t");

function course(entries: Entry[], today: number) {
  const r = followUp(entries, day(today), BASE, k);
  assert.ok(r.ok && r.value, JSON.stringify(r));
  return r.value;
}

test("the knowledge holds the thresholds these tests were written for", () => {
  // If a threshold is changed on purpose, this table is to be rewritten from the new guideline figure.
  assert.deepEqual(
    {
      slope: k.diary.trend_slope_per_day,
      checkins: k.diary.trend_min_checkins,
      pain: k.diary.pain_threshold,
      window: k.diary.pain_window_hours,
      sessions: k.diary.flag_min_sessions,
      rate: k.diary.flag_min_rate,
      difference: k.diary.flag_min_difference,
      due: k.diary.checkin_due_hours,
      trampoline: k.diary.trampoline_limit_hours,
    },
    {
      slope: 0.5,
      checkins: 2,
      pain: 3,
      window: 48,
      sessions: 2,
      rate: 0.75,
      difference: 0.5,
      due: 24,
      trampoline: { beginner: 0.5, other: 1 },
    },
  );
});

test("trend: half a point a day up is rising, just under it is flat; half a point down is falling", () => {
  // Two check-ins two days apart: the slope is the difference over two.
  const cases: [number, number, string][] = [
    [4, 5, "rising"], // +0.5 a day
    [4, 4.9, "flat"], // +0.45
    [4, 3, "falling"], // -0.5
    [4, 3.1, "flat"], // -0.45
    [4, 4, "flat"],
  ];
  for (const [first, second, trend] of cases) {
    const c = course([checkin(0, first), checkin(2, second)], 2);
    assert.equal(c.course.trend, trend, `${first} then ${second}`);
  }
});

test("trend: one check-in, or two on the same day, shows no trend and the case carries none", () => {
  const one = course([checkin(0, 6)], 1);
  assert.equal(one.course.trend, "unknown");
  assert.equal(one.course.slope_per_day, null);
  assert.equal(one.case.trend, undefined);
  const sameDay = course([checkin(0, 2), checkin(0, 8)], 0);
  assert.equal(sameDay.course.trend, "unknown");
  // A rising diary tells the engine "worsening"; a falling one "improving"; a flat one "stable".
  assert.equal(course([checkin(0, 2), checkin(1, 4)], 1).case.trend, "worsening");
  assert.equal(course([checkin(0, 4), checkin(1, 2)], 1).case.trend, "improving");
  assert.equal(course([checkin(0, 4), checkin(1, 4)], 1).case.trend, "stable");
});

test("duration: days since the first check-in plus the days before the diary began", () => {
  const r = followUp([checkin(0, 4), checkin(3, 4)], day(5), { ...BASE, duration_days: 2 }, k);
  assert.ok(r.ok && r.value);
  assert.equal(r.value.course.duration_days, 7);
  assert.equal(r.value.case.duration_days, 7);
  assert.equal(r.value.course.first_checkin, day(0));
  assert.equal(r.value.course.intensity, 4);
});

test("pain after a session: 3/10 within two days counts; 2/10, or three days later, does not", () => {
  const painAfter = (gap: number, intensity: number): number =>
    trainingInsight([workout(0, ["squat"]), checkin(gap, intensity)], k).exercises[0]!.pain_sessions;
  assert.equal(painAfter(0, 3), 1);
  assert.equal(painAfter(2, 3), 1);
  assert.equal(painAfter(3, 3), 0);
  assert.equal(painAfter(1, 2), 0);
  // A check-in before the session is not pain after it.
  assert.equal(trainingInsight([checkin(0, 6), workout(1, ["squat"])], k).exercises[0]!.pain_sessions, 0);
});

/** A diary of sessions, each followed the next day by a check-in with pain or without. */
function diary(sessions: [string, boolean][]): Entry[] {
  return sessions.flatMap(([exercise, pain], i) => [workout(4 * i, [exercise]), checkin(4 * i + 1, pain ? 5 : 0)]);
}

test("an exercise is named after two painful sessions of two, not after one of one", () => {
  const two = trainingInsight(
    diary([
      ["deadlift", true],
      ["squat", false],
      ["deadlift", true],
      ["squat", false],
    ]),
    k,
  );
  assert.deepEqual(
    two.flagged.map((f) => [f.exercise, f.sessions, f.pain_sessions, f.rate]),
    [["deadlift", 2, 2, 1]],
  );
  const one = trainingInsight(
    diary([
      ["deadlift", true],
      ["squat", false],
      ["squat", false],
    ]),
    k,
  );
  assert.deepEqual(one.flagged, []);
});

test("an exercise is named at 3 painful sessions in 4, not at 2 in 3", () => {
  const threeInFour = diary([
    ["deadlift", true],
    ["deadlift", true],
    ["deadlift", true],
    ["deadlift", false],
    ["squat", false],
  ]);
  assert.deepEqual(
    trainingInsight(threeInFour, k).flagged.map((f) => f.exercise),
    ["deadlift"],
  );
  const twoInThree = diary([
    ["deadlift", true],
    ["deadlift", true],
    ["deadlift", false],
    ["squat", false],
  ]);
  assert.deepEqual(trainingInsight(twoInThree, k).flagged, []);
});

test("an exercise is named only when its sessions hurt half again as often as the others", () => {
  // Deadlift 4 of 4 painful; squat 1 of 2 (0.5 less often): named. Squat 2 of 3 (0.33 less): not named.
  const clear = diary([
    ["deadlift", true],
    ["deadlift", true],
    ["deadlift", true],
    ["deadlift", true],
    ["squat", true],
    ["squat", false],
  ]);
  assert.deepEqual(
    trainingInsight(clear, k).flagged.map((f) => f.exercise),
    ["deadlift"],
  );
  const close = diary([
    ["deadlift", true],
    ["deadlift", true],
    ["deadlift", true],
    ["deadlift", true],
    ["squat", true],
    ["squat", true],
    ["squat", false],
  ]);
  assert.deepEqual(trainingInsight(close, k).flagged, []);
});

test("a named exercise brings its own advice and raises the follow-up to a doctor's visit", () => {
  const entries = diary([
    ["deadlift", true],
    ["squat", false],
    ["deadlift", true],
    ["squat", false],
  ]);
  const insight = trainingInsight(entries, k);
  assert.deepEqual(insight.advice, ["lifting_technique", "load_progression", "antagonists"]);
  const c = course(entries, 14);
  assert.equal(c.recurring, true);
  assert.equal(c.triage, "doctor");
});

test("a check-in is due 24 hours after the last one while there is pain", () => {
  assert.equal(course([checkin(0, 3)], 0).checkin_due, false);
  assert.equal(course([checkin(0, 3)], 1).checkin_due, true);
  assert.equal(course([checkin(0, 1)], 1).checkin_due, true);
  assert.equal(course([checkin(0, 0)], 1).checkin_due, false);
});

test("trampoline: a beginner's session is long past half an hour, anyone else's past an hour", () => {
  const session = (hours: number, experience: string): Entry =>
    workout(0, ["jumping"], { activity: "trampoline", hours, experience } as Partial<EntryData>);
  const over = (hours: number, experience: string) => trainingInsight([session(hours, experience)], k);
  assert.deepEqual(over(0.5, "beginner").trampoline_overruns, []);
  assert.deepEqual(over(0.75, "beginner").trampoline_overruns, [{ date: day(0), hours: 0.75, limit: 0.5 }]);
  assert.ok(over(0.75, "beginner").advice.includes("trampoline_too_long"));
  assert.deepEqual(over(1, "regular").trampoline_overruns, []);
  assert.deepEqual(over(1.5, "regular").trampoline_overruns, [{ date: day(0), hours: 1.5, limit: 1 }]);
  assert.ok(!over(1, "regular").advice.includes("trampoline_too_long"));
  // Another sport's long session is not a trampoline overrun.
  assert.deepEqual(
    trainingInsight([workout(0, ["running"], { hours: 3 } as Partial<EntryData>)], k).trampoline_overruns,
    [],
  );
});

test("warm-up advice: when at least half the sessions with an answer skipped it", () => {
  const sessions = (...warmed: (boolean | undefined)[]): Entry[] =>
    warmed.map((w, i) => workout(i, ["squat"], w === undefined ? {} : { warmed_up: w }));
  const advised = (entries: Entry[]): boolean => trainingInsight(entries, k).advice.includes("warm_up");
  assert.equal(advised(sessions(false, true)), true);
  assert.equal(advised(sessions(false, true, true)), false);
  assert.equal(advised(sessions(false, undefined, undefined)), true);
  assert.equal(advised(sessions(true, undefined)), false);
  assert.equal(advised(sessions(undefined, undefined)), false);
});
