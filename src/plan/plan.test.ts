import { test } from "node:test";
import assert from "node:assert/strict";
import type { Entry, EntryData } from "../diary/entries.js";
import type { Case } from "../engine/types.js";
import { defaultKnowledge } from "../knowledge/load.js";
import { describePlan } from "./describe.js";
import { defaultPlanKnowledge } from "./knowledge.js";
import { makePlan } from "./plan.js";

const k = defaultKnowledge();
const pk = defaultPlanKnowledge(k);

/** A beginner sore the day after deadlifts: self-care. */
const BEGINNER: Case = {
  age: 28,
  sex: "male",
  activity: "weightlifting",
  exercises: ["deadlift"],
  experience: "beginner",
  onset: "next_day",
  injury: "none",
  intensity: 3,
  duration_days: 1,
  trend: "improving",
  location: ["lower_back"],
  character: ["dull_aching"],
  spreads_to: [],
  side: "both_sides",
} as Case;

/** Diaries are built day by day from 2026-11-01: day(3) is 2026-11-04. */
const day = (n: number): string =>
  new Date(Date.parse("2026-11-01T00:00:00Z") + n * 86_400_000).toISOString().slice(0, 10);
function diary(...items: [number, Omit<EntryData, "date">][]): Entry[] {
  return items.map(([d, e], i) => ({ ...(e as EntryData), date: day(d), id: `e${i}` }));
}
const workout = { kind: "workout", activity: "weightlifting", exercises: [] } as Omit<EntryData, "date">;
const pain = (intensity: number, extra: Record<string, unknown> = {}): Omit<EntryData, "date"> =>
  ({ kind: "checkin", intensity, ...extra }) as Omit<EntryData, "date">;

/** Three sessions (days 1, 3, 5), each with its day's pain and the next morning's. */
function sessions(during: number[], next: number[], usual = 2): Entry[] {
  const items: [number, Omit<EntryData, "date">][] = [[0, pain(usual, { age: 28 })]];
  during.forEach((p, i) => {
    items.push([1 + 2 * i, workout], [1 + 2 * i, pain(p)], [2 + 2 * i, pain(next[i]!)]);
  });
  return diary(...items);
}

function plan(c: Case, entries: Entry[] | undefined, today: string, lang = "en") {
  const p = makePlan({ case: c, ...(entries ? { entries } : {}), today }, k, pk);
  assert.ok(p.ok, p.ok ? "" : JSON.stringify(p.problems));
  return { plan: p.value, view: describePlan(p.value, k, pk, lang) };
}

test("without a diary, a self-care result starts at stage 1 with its exercises, doses, rules and sources", () => {
  const { view } = plan(BEGINNER, undefined, day(0));
  assert.equal(view.available, true);
  assert.deepEqual(view.stage && { index: view.stage.index, id: view.stage.id }, { index: 1, id: "relief" });
  assert.equal(view.stages.length, 6);
  assert.equal(view.activity_plan.id, "gym");
  assert.ok(view.today!.exercises.length >= 2);
  for (const e of view.today!.exercises) assert.ok(e.dose_text.length > 0 && e.sources.length > 0, e.id);
  for (const s of view.stages) assert.ok(s.move_on && s.hold && s.step_back, s.id);
  assert.ok(view.sources.some((s) => s.id === "silbernagel-2007") && view.sources.some((s) => s.id === "nice-ng59"));
  assert.equal(view.change, undefined, "nothing moved it yet");
  assert.match(view.wording!, /own pace/);
});

test("steady low pain that settles by the next morning moves the plan on, and says why", () => {
  const { plan: p, view } = plan(BEGINNER, sessions([2, 2, 1], [1, 1, 1]), day(7));
  assert.equal(p.stage, 1);
  assert.equal(view.stage!.index, 2);
  assert.deepEqual(view.change && { from: view.change.from.index, to: view.change.to.index, rule: view.change.rule }, {
    from: 1,
    to: 2,
    rule: "move_on",
  });
  assert.equal(view.change!.why, "3 sessions with pain at most 3/10 that settled by the next morning: on to stage 2.");
  assert.deepEqual(
    view.history.map((h) => h.rule),
    ["hold", "hold", "move_on"],
  );
});

test("two easy sessions are not enough: the plan holds and counts", () => {
  const { view } = plan(BEGINNER, sessions([2, 2], [1, 1]), day(7));
  assert.equal(view.stage!.index, 1);
  assert.equal(view.change!.rule, "hold");
  assert.match(view.change!.why, /2 of 3 easy sessions/);
  assert.match(view.today!.next, /^1 more session/);
});

test("pain within the acceptable band holds the plan and starts the count again", () => {
  const { view } = plan(BEGINNER, sessions([2, 4, 2], [1, 1, 1]), day(7));
  assert.equal(view.stage!.index, 1, "the 4/10 session broke the run of easy sessions");
  assert.deepEqual(
    view.history.map((h) => h.rule),
    ["hold", "hold", "hold"],
  );
  assert.match(view.history[1]!.why, /reached 4\/10/);
});

test("pain that has not settled by the next morning steps the plan back", () => {
  // Three easy sessions reach stage 2; then a session whose next morning is worse than before it.
  const entries = diary(
    [0, pain(2, { age: 28 })],
    ...[1, 3, 5].flatMap((d): [number, Omit<EntryData, "date">][] => [
      [d, workout],
      [d, pain(2)],
      [d + 1, pain(1)],
    ]),
    [7, workout],
    [7, pain(3)],
    [8, pain(4)],
  );
  const { view } = plan(BEGINNER, entries, day(9));
  assert.equal(view.stage!.index, 1);
  assert.deepEqual(view.change && { from: view.change.from.index, to: view.change.to.index, rule: view.change.rule }, {
    from: 2,
    to: 1,
    rule: "step_back",
  });
  assert.match(view.change!.why, /4\/10 the next morning, above its usual 1\/10/);
});

test("pain that rises above the acceptable level on the day steps the plan back", () => {
  const entries = diary(
    [0, pain(2, { age: 28 })],
    ...[1, 3, 5].flatMap((d): [number, Omit<EntryData, "date">][] => [
      [d, workout],
      [d, pain(1)],
      [d + 1, pain(1)],
    ]),
    [7, workout],
    [7, pain(6)],
    [8, pain(1)],
  );
  const { view } = plan(BEGINNER, entries, day(9));
  assert.equal(view.stage!.index, 1);
  assert.equal(view.change!.rule, "step_back");
  assert.match(view.change!.why, /6\/10, more than 5\/10/);
});

test("a session is judged only once its next morning has come; without check-ins it holds", () => {
  const today = plan(BEGINNER, diary([0, pain(2, { age: 28 })], [1, workout], [1, pain(1)]), day(1)).view;
  assert.equal(today.history.length, 0, "today's session waits for tomorrow's check-in");
  const missing = plan(BEGINNER, diary([0, pain(2, { age: 28 })], [1, workout]), day(3)).view;
  assert.equal(missing.change!.rule, "hold");
  assert.match(missing.change!.why, /no pain check-in/);
});

test("a new warning sign in a check-in stops the plan with the new urgency", () => {
  const entries = sessions([2, 2, 1], [1, 1, 1]);
  entries.push({ id: "flag", kind: "checkin", date: day(7), intensity: 3, findings: { leg_weakness: true } });
  const { view } = plan(BEGINNER, entries, day(7));
  assert.equal(view.available, false);
  assert.equal(view.reason!.code, "new_sign");
  assert.equal(view.reason!.triage, "urgent");
  assert.equal(view.triage, "urgent");
  assert.deepEqual(view.reason!.signs, ["leg_weakness"]);
  assert.equal(view.reason!.date, day(7));
  assert.match(view.reason!.text, /new warning sign/);
  assert.equal(view.urgency.label, "See a doctor today");
  assert.equal(view.stages.length, 0);
  assert.equal(view.today, null);
});

test("a new sign that only calls for a doctor's visit still stops the plan: a doctor decides", () => {
  const entries = sessions([2], [1]);
  entries.push({ id: "night", kind: "checkin", date: day(3), intensity: 2, findings: { night_pain: true } });
  const { view } = plan(BEGINNER, entries, day(3));
  assert.equal(view.available, false);
  assert.equal(view.reason!.code, "new_sign");
  assert.equal(view.reason!.triage, "doctor");
});

test("an emergency gets no plan, and the reason says why", () => {
  const c = { age: 35, activity: "weightlifting", saddle_numbness: true, bladder_problem: true } as Case;
  const { view } = plan(c, undefined, day(0));
  assert.equal(view.available, false);
  assert.equal(view.reason!.code, "emergency");
  assert.equal(view.triage, "emergency");
  assert.match(view.urgency.label, /Emergency/);
  assert.match(view.reason!.text, /No training plan now/);
  assert.ok(!view.sources.some((s) => s.id === "mcgill-2015"), "no exercise sources without exercises");
  assert.ok(view.reason!.because.length >= 1, "the fired rules are named");
  assert.equal(view.stage, null);
  const ru = plan(c, undefined, day(0), "ru").view;
  assert.match(ru.reason!.text, /[А-Яа-я]/);
});

test("an urgent result gets no plan either", () => {
  const { view } = plan({ age: 30, activity: "running", fever: true } as Case, undefined, day(0));
  assert.equal(view.available, false);
  assert.equal(view.reason!.code, "urgent");
});

test("a doctor's-visit result gets the plan worded 'until you are seen, and as your doctor allows'", () => {
  const { view } = plan({ ...BEGINNER, night_pain: true } as Case, undefined, day(0));
  assert.equal(view.triage, "doctor");
  assert.equal(view.available, true);
  assert.match(view.wording!, /^Until you are seen, and as your doctor allows/);
  assert.match(
    plan({ ...BEGINNER, night_pain: true } as Case, undefined, day(0), "ru").view.wording!,
    /Пока вас не осмотрел врач/,
  );
});

test("children, young gymnasts and a suspected stress fracture: a doctor decides first", () => {
  assert.equal(
    plan({ age: 12, activity: "running", intensity: 3 } as Case, undefined, day(0)).view.reason?.code,
    "age",
  );
  assert.equal(
    plan({ age: 17, activity: "dance", intensity: 3 } as Case, undefined, day(0)).view.reason?.code,
    "clearance",
  );
  assert.equal(
    plan({ age: 17, activity: "running", intensity: 3, onset: "next_day" } as Case, undefined, day(0)).view.available,
    true,
  );
  const pars = plan(
    { age: 16, activity: "gymnastics", worse_with: ["arching_backward"], intensity: 4, duration_days: 10 } as Case,
    undefined,
    day(0),
  ).view;
  assert.equal(pars.available, false);
  assert.ok(["doctor_first", "clearance"].includes(pars.reason!.code));
  const adult = plan(
    {
      age: 19,
      activity: "gymnastics",
      worse_with: ["arching_backward"],
      intensity: 4,
      duration_days: 10,
      onset: "gradual",
    } as Case,
    undefined,
    day(0),
  ).view;
  assert.equal(adult.reason?.code, "doctor_first", "spondylolysis heads the list");
  assert.ok(adult.reason!.conditions!.includes("spondylolysis"));
});

test("every activity of the case vocabulary gets a plan with steps at stages 4 to 6", () => {
  const activities = k.findings.find((f) => f.id === "activity")!.options!;
  for (const activity of activities) {
    const { view } = plan({ age: 30, activity, intensity: 2, onset: "next_day" } as Case, undefined, day(0));
    assert.equal(view.activity, activity);
    if (!view.available) continue; // only a doctor-first case may refuse, never a missing mapping
    for (const s of view.stages.slice(3))
      assert.ok(
        s.exercises.some((e) => e.kind === "step"),
        `${activity} stage ${s.id}`,
      );
  }
});

test("gym steps carry the load as a share of what was lifted before; the last gymnastics step needs a doctor's clearance", () => {
  const gym = plan(BEGINNER, undefined, day(0)).view;
  const loading = gym.stages.find((s) => s.id === "loading")!.exercises.find((e) => e.kind === "step")!;
  assert.match(loading.dose_text, /about 50–80% of the weight you lifted before/);
  const dancer = plan({ age: 25, activity: "dance", intensity: 2, onset: "next_day" } as Case, undefined, day(0)).view;
  assert.equal(dancer.available, true);
  assert.ok(dancer.stages.at(-1)!.exercises.some((e) => e.needs_clearance === true));
});

test("trampoline sessions keep within the seed's limits: 45 to 60 minutes, 30 for a beginner", () => {
  const full = (experience: string) =>
    plan({ age: 25, activity: "trampoline", experience, intensity: 2, onset: "next_day" } as Case, undefined, day(0))
      .view.stages.at(-1)!
      .exercises.find((e) => e.id === "tramp_full")!;
  assert.deepEqual(full("beginner").dose, { minutes: 30 });
  assert.deepEqual(full("regular").dose, { minutes: [45, 60] });
  assert.match(full("regular").dose_text, /45–60 min/);
});
