import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultKnowledge } from "../knowledge/load.js";
import type { Case } from "../engine/types.js";
import { validateEntry, type Entry } from "./entries.js";
import { followUp, slope } from "./follow-up.js";
import { trainingInsight } from "./insight.js";
import { diaryDays } from "./test-entries.js";

const k = defaultKnowledge();
const BASE: Partial<Case> = {
  age: 28,
  sex: "male",
  activity: "weightlifting",
  onset: "next_day",
  injury: "none",
  location: ["lower_back"],
  side: "both_sides",
  character: ["dull_aching"],
  spreads_to: [],
};
// Day 0 is 10 November 2026.
const { day, entry: e, checkin, workout } = diaryDays("2026-11-10", "e");

function status(entries: Entry[], today: number, base = BASE) {
  const r = followUp(entries, day(today), base, k);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  assert.ok(r.value);
  return r.value;
}

test("soreness that fades by day 4 stays self-care", () => {
  const s = status([workout(0, ["squat"]), checkin(1, 5), checkin(2, 4), checkin(3, 2), checkin(4, 1)], 4);
  assert.equal(s.course.trend, "falling");
  assert.equal(s.triage, "self_care");
  assert.equal(s.changed, false);
});

test("pain flat after day 3 becomes a doctor's visit, and the change is told", () => {
  const entries = [workout(0, ["squat"]), checkin(1, 4), checkin(2, 4), checkin(3, 4), checkin(5, 4)];
  const s = status(entries, 5);
  assert.equal(s.course.trend, "flat");
  assert.equal(s.triage, "doctor");
  assert.ok(s.assessment.reasons.some((r) => r.rule === "not_settling"));
  assert.equal(s.previous_triage, "self_care");
  assert.equal(s.changed, true);
});

test("pain rising after day 3 becomes a doctor's visit", () => {
  const s = status([checkin(1, 3), checkin(2, 4), checkin(3, 5), checkin(4, 6)], 4);
  assert.equal(s.course.trend, "rising");
  assert.equal(s.triage, "doctor");
});

test("new night pain raises the level at once; new leg weakness raises it to today", () => {
  const night = status([checkin(1, 4), checkin(2, 3, { findings: { night_pain: true } })], 2);
  assert.equal(night.triage, "doctor");
  assert.ok(night.assessment.reasons.some((r) => r.rule === "night_pain"));
  const weak = status([checkin(1, 4), checkin(2, 3, { findings: { leg_weakness: true } })], 2);
  assert.equal(weak.triage, "urgent");
  assert.equal(weak.changed, true);
  const cauda = status([checkin(1, 4), checkin(2, 3, { findings: { saddle_numbness: true } })], 2);
  assert.equal(cauda.triage, "emergency");
});

test("a diary with pain after every deadlift session and not after others names the deadlift, with counts", () => {
  const entries = [
    workout(0, ["deadlift", "bench_press"]),
    checkin(1, 5),
    workout(3, ["squat", "bench_press"]),
    checkin(4, 0),
    workout(6, ["deadlift"]),
    checkin(7, 6),
    workout(9, ["bench_press"]),
    checkin(10, 1),
    workout(12, ["deadlift", "squat"]),
    checkin(13, 5),
  ];
  const insight = trainingInsight(entries, k);
  assert.deepEqual(
    insight.flagged.map((f) => f.exercise),
    ["deadlift"],
  );
  const dl = insight.exercises.find((x) => x.exercise === "deadlift")!;
  assert.deepEqual([dl.sessions, dl.pain_sessions], [3, 3]);
  const bench = insight.exercises.find((x) => x.exercise === "bench_press")!;
  assert.deepEqual([bench.sessions, bench.pain_sessions], [3, 1]);
  assert.ok(insight.advice.includes("lifting_technique"));
  const s = status(entries, 13);
  assert.equal(s.recurring, true);
  assert.ok(
    ["doctor", "urgent", "emergency"].includes(s.triage),
    "pain coming back with the same exercise is worth a doctor's look",
  );
});

test("no exercise is named when pain follows every session alike, or there is nothing to compare", () => {
  const alike = [
    workout(0, ["deadlift"]),
    checkin(1, 5),
    workout(3, ["squat"]),
    checkin(4, 5),
    workout(6, ["deadlift"]),
    checkin(7, 5),
    workout(9, ["squat"]),
    checkin(10, 5),
  ];
  assert.deepEqual(trainingInsight(alike, k).flagged, []);
  const only = [workout(0, ["deadlift"]), checkin(1, 5), workout(3, ["deadlift"]), checkin(4, 5)];
  assert.deepEqual(trainingInsight(only, k).flagged, []);
});

test("warm-up skipped and a long trampoline session bring their advice", () => {
  const entries = [
    e({
      kind: "workout",
      date: day(0),
      activity: "trampoline",
      exercises: [{ exercise: "jumping" }],
      hours: 3,
      experience: "beginner",
      warmed_up: false,
    }),
    checkin(1, 4),
  ];
  const insight = trainingInsight(entries, k);
  assert.deepEqual(insight.trampoline_overruns, [{ date: day(0), hours: 3, limit: 0.5 }]);
  assert.ok(insight.advice.includes("warm_up"));
  assert.ok(insight.advice.includes("trampoline_too_long"));
});

test("a check-in is due a day after the last one while there is pain", () => {
  assert.equal(status([checkin(1, 4)], 1).checkin_due, false);
  assert.equal(status([checkin(1, 4)], 2).checkin_due, true);
  assert.equal(status([checkin(1, 0)], 3).checkin_due, false);
});

test("the follow-up needs an age once, from a check-in or the base case", () => {
  const r = followUp([checkin(1, 4)], day(1), {}, k);
  assert.ok(!r.ok && r.problems[0]!.code === "diary.age_needed");
  const withAge = followUp([checkin(1, 4, { age: 15 })], day(1), {}, k);
  assert.ok(withAge.ok && withAge.value?.case.age === 15);
  assert.deepEqual(followUp([], day(1), BASE, k), { ok: true, value: undefined });
});

test("slope is the least-squares change per day", () => {
  assert.equal(
    slope([
      { day: 0, intensity: 2 },
      { day: 2, intensity: 6 },
    ]),
    2,
  );
  assert.equal(slope([{ day: 0, intensity: 2 }]), null);
});

test("bad entries are refused with their paths: a future date, intensity 12, an unknown exercise", () => {
  const today = day(5);
  const future = validateEntry({ kind: "checkin", date: day(6), intensity: 3 }, today, k);
  assert.ok(!future.ok && future.problems[0]!.path === "entry.date" && /after today/.test(future.problems[0]!.message));
  const high = validateEntry({ kind: "checkin", date: today, intensity: 12 }, today, k);
  assert.ok(!high.ok && high.problems[0]!.path === "entry.intensity");
  const unknown = validateEntry(
    { kind: "workout", date: today, activity: "weightlifting", exercises: [{ exercise: "kettlebell_juggling" }] },
    today,
    k,
  );
  assert.ok(!unknown.ok && unknown.problems[0]!.path === "entry.exercises[0].exercise");
  const finding = validateEntry({ kind: "checkin", date: today, intensity: 3, findings: { flying: true } }, today, k);
  assert.ok(!finding.ok && finding.problems[0]!.path === "entry.findings.flying");
  const bad = validateEntry({ kind: "checkin", date: "2026-13-45", intensity: 3 }, today, k);
  assert.ok(!bad.ok);
  assert.ok(validateEntry({ kind: "checkin", date: today, intensity: 3, findings: { night_pain: true } }, today, k).ok);
});
