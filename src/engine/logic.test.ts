import { test } from "node:test";
import assert from "node:assert/strict";
import {
  asPrepared,
  compilePredicate,
  evaluate,
  fieldOfSlot,
  leafTest,
  memoByIdentity,
  prepare,
  slotOf,
  truthOf,
  type EvalContext,
} from "./logic.js";
import type { Leaf, Predicate } from "../knowledge/predicate.js";
import type { Case } from "./types.js";

const c = (x: Partial<Case>): Case => ({ age: 30, ...x });
const yes = (field: string): Predicate => ({ field, is: true });

test("a leaf on a missing field is unknown and names the field", () => {
  const e = evaluate(yes("fever"), c({}));
  assert.equal(e.value, null);
  assert.deepEqual(e.unknown, ["fever"]);
});

test("false is an answer, not unknown", () => {
  assert.equal(evaluate(yes("fever"), c({ fever: false })).value, false);
  assert.equal(evaluate(yes("fever"), c({ fever: true })).value, true);
});

test("all: false wins over unknown, unknown wins over true", () => {
  const p: Predicate = { all: [yes("fever"), yes("night_pain")] };
  assert.equal(evaluate(p, c({ fever: false })).value, false);
  assert.equal(evaluate(p, c({ fever: true })).value, null);
  assert.equal(evaluate(p, c({ fever: true, night_pain: true })).value, true);
});

test("any: true wins over unknown, unknown wins over false", () => {
  const p: Predicate = { any: [yes("fever"), yes("night_pain")] };
  assert.equal(evaluate(p, c({ fever: true })).value, true);
  assert.equal(evaluate(p, c({ fever: false })).value, null);
  assert.equal(evaluate(p, c({ fever: false, night_pain: false })).value, false);
});

test("not keeps unknown unknown", () => {
  assert.equal(evaluate({ not: yes("fever") }, c({})).value, null);
  assert.equal(evaluate({ not: yes("fever") }, c({ fever: false })).value, true);
});

test("atLeast counts true answers and stays unknown while it could still be reached", () => {
  const p: Predicate = { atLeast: 2, of: [yes("fever"), yes("night_pain"), yes("night_sweats")] };
  assert.equal(evaluate(p, c({ fever: true })).value, null);
  assert.equal(evaluate(p, c({ fever: true, night_pain: false, night_sweats: false })).value, false);
  assert.equal(evaluate(p, c({ fever: true, night_sweats: true })).value, true);
});

test("whenUnknown reads a missing qualifier cautiously and records the assumption", () => {
  const recent: Predicate = { field: "duration_days", lte: 7, whenUnknown: true };
  const e = evaluate(recent, c({}));
  assert.equal(e.value, true);
  assert.deepEqual(e.assumed, ["duration_days"]);
  assert.equal(evaluate(recent, c({ duration_days: 30 })).value, false);
});

test("operators on single, multi and numeric fields", () => {
  assert.equal(evaluate({ field: "onset", in: ["next_day"] }, c({ onset: "next_day" })).value, true);
  assert.equal(evaluate({ field: "spreads_to", includes: ["foot"] }, c({ spreads_to: ["thigh"] })).value, false);
  assert.equal(evaluate({ field: "spreads_to", empty: true }, c({ spreads_to: [] })).value, true);
  assert.equal(evaluate({ field: "intensity", gte: 8 }, c({ intensity: 8 })).value, true);
  assert.equal(evaluate({ field: "intensity", gt: 8 }, c({ intensity: 8 })).value, false);
  assert.equal(evaluate({ field: "age", lt: 18 }, c({ age: 17.5 })).value, true);
});

test("facts name the answers that made a rule true", () => {
  const p: Predicate = { all: [yes("fever"), { any: [yes("night_pain"), yes("night_sweats")] }] };
  const e = evaluate(p, c({ fever: true, night_pain: false, night_sweats: true }));
  assert.equal(e.value, true);
  assert.deepEqual(e.facts.sort(), ["fever", "night_pain", "night_sweats"].filter((f) => f !== "night_pain").sort());
});

test("context leaves are unknown without an assessment and read it when given", () => {
  const p: Predicate = { context: { triage: ["self_care"], likely: ["doms"] } };
  assert.equal(evaluate(p, c({})).value, null);
  assert.equal(evaluate(p, c({}), { triage: "self_care", likely: ["doms"] }).value, true);
  assert.equal(evaluate(p, c({}), { triage: "doctor", likely: ["doms"] }).value, false);
});

// Mutation testing (docs/mutation.md): the compiled evaluation (rules, features, advice) and the traced one
// (reasons, evidence) are two implementations of the same logic; each row is checked through both, with the
// value Kleene's three-valued logic gives, worked out by hand.
type Row = [name: string, p: Predicate, x: Partial<Case>, value: boolean | null, ctx?: EvalContext];
const ROWS: Row[] = [
  ["is: a different answer", { field: "onset", is: "next_day" }, { onset: "gradual" }, false],
  ["in: not listed", { field: "onset", in: ["next_day", "within_hours"] }, { onset: "gradual" }, false],
  ["in: listed", { field: "onset", in: ["next_day", "within_hours"] }, { onset: "within_hours" }, true],
  [
    "includes: one of several answers",
    { field: "spreads_to", includes: ["foot"] },
    { spreads_to: ["thigh", "foot"] },
    true,
  ],
  ["includes: none", { field: "spreads_to", includes: ["foot", "groin"] }, { spreads_to: ["thigh"] }, false],
  ["empty: true on an answer", { field: "spreads_to", empty: true }, { spreads_to: ["thigh"] }, false],
  ["empty: false on an answer", { field: "spreads_to", empty: false }, { spreads_to: ["thigh"] }, true],
  ["empty: false on none", { field: "spreads_to", empty: false }, { spreads_to: [] }, false],
  ["lt: at the limit", { field: "age", lt: 18 }, { age: 18 }, false],
  ["lt: below", { field: "age", lt: 18 }, { age: 17 }, true],
  ["lte: at the limit", { field: "duration_days", lte: 7 }, { duration_days: 7 }, true],
  ["lte: above", { field: "duration_days", lte: 7 }, { duration_days: 8 }, false],
  ["gt: at the limit", { field: "intensity", gt: 8 }, { intensity: 8 }, false],
  ["gt: above", { field: "intensity", gt: 8 }, { intensity: 9 }, true],
  ["gte: below", { field: "intensity", gte: 8 }, { intensity: 7 }, false],
  ["gte: at the limit", { field: "intensity", gte: 8 }, { intensity: 8 }, true],
  ["a range: inside", { field: "age", gte: 10, lt: 56 }, { age: 30 }, true],
  ["a range: above", { field: "age", gte: 10, lt: 56 }, { age: 60 }, false],
  ["a range: below", { field: "age", gte: 10, lt: 56 }, { age: 8 }, false],
  ["a number test on text", { field: "onset", gte: 1 }, { onset: "gradual" }, false],
  ["a number test on a yes/no answer", { field: "fever", gte: 1 }, { fever: true }, false],
  ["a number test on an empty list", { field: "spreads_to", lt: 1 }, { spreads_to: [] }, false],
  ["includes on a single answer", { field: "onset", includes: ["gradual"] }, { onset: "gradual" }, false],
  ["empty on a single answer", { field: "onset", empty: false }, { onset: "gradual" }, false],
  ["in on a list", { field: "spreads_to", in: ["foot"] }, { spreads_to: ["foot"] }, false],
  ["whenUnknown false", { field: "duration_days", lte: 7, whenUnknown: false }, {}, false],
  ["any: false then true", { any: [yes("fever"), yes("night_pain")] }, { fever: false, night_pain: true }, true],
  ["any: unknown then true", { any: [yes("fever"), yes("night_pain")] }, { night_pain: true }, true],
  ["all: true then false", { all: [yes("fever"), yes("night_pain")] }, { fever: true, night_pain: false }, false],
  ["all: unknown then false", { all: [yes("fever"), yes("night_pain")] }, { night_pain: false }, false],
  ["all: both true", { all: [yes("fever"), yes("night_pain")] }, { fever: true, night_pain: true }, true],
  ["any: both false", { any: [yes("fever"), yes("night_pain")] }, { fever: false, night_pain: false }, false],
  ["any: both unknown", { any: [yes("fever"), yes("night_pain")] }, {}, null],
  ["not: true", { not: yes("fever") }, { fever: true }, false],
  [
    "2 of 3: two false",
    { atLeast: 2, of: [yes("fever"), yes("night_pain"), yes("rash")] },
    { fever: false, rash: false },
    false,
  ],
  [
    "2 of 3: one false, one unknown",
    { atLeast: 2, of: [yes("fever"), yes("night_pain"), yes("rash")] },
    { fever: false, night_pain: true },
    null,
  ],
  [
    "2 of 3: last two true",
    { atLeast: 2, of: [yes("fever"), yes("night_pain"), yes("rash")] },
    { night_pain: true, rash: true },
    true,
  ],
  [
    "2 of 3: one true, two false",
    { atLeast: 2, of: [yes("fever"), yes("night_pain"), yes("rash")] },
    { fever: true, night_pain: false, rash: false },
    false,
  ],
  [
    "context: the right level, no list yet",
    { context: { triage: ["doctor"], likely: ["doms"] } },
    {},
    null,
    { triage: "doctor" },
  ],
  [
    "context: the wrong level, no list yet",
    { context: { triage: ["doctor"], likely: ["doms"] } },
    {},
    false,
    { triage: "self_care" },
  ],
  [
    "context: a list, no level yet",
    { context: { triage: ["doctor"], likely: ["doms"] } },
    {},
    null,
    { likely: ["doms"] },
  ],
  ["context: one of the likely", { context: { likely: ["doms"] } }, {}, true, { likely: ["muscle_strain", "doms"] }],
  ["context: none of the likely", { context: { likely: ["doms"] } }, {}, false, { likely: ["muscle_strain"] }],
  ["context: the top one", { context: { top: ["doms"] } }, {}, true, { top: "doms" }],
  ["context: another top one", { context: { top: ["doms"] } }, {}, false, { top: "muscle_strain" }],
  ["context: no top yet", { context: { top: ["doms"] } }, {}, null, { triage: "doctor" }],
  ["context: unknown, then false", { context: { top: ["doms"], triage: ["doctor"] } }, {}, false, { triage: "urgent" }],
  ["context: an empty assessment", { context: {} }, {}, true, {}],
];

for (const [name, p, x, value, ctx] of ROWS) {
  test(`three-valued logic, traced and compiled alike: ${name} -> ${value}`, () => {
    assert.equal(evaluate(p, c(x), ctx).value, value, "traced");
    assert.equal(truthOf(p, c(x), ctx), value, "compiled");
    assert.equal(compilePredicate(p)(prepare(c(x)), ctx), value, "compiled, prepared");
    assert.equal(truthOf(p, prepare(c(x)), ctx), value, "compiled, from a prepared case");
  });
}

test("the trace through a not, and each field once however often the predicate reads it", () => {
  const e = evaluate({ not: yes("fever") }, c({ fever: false }));
  assert.deepEqual([e.value, e.facts, e.unknown, e.assumed], [true, ["fever"], [], []]);
  const twice: Predicate = { all: [yes("fever"), { any: [yes("fever"), yes("night_pain")] }] };
  assert.deepEqual(evaluate(twice, c({ fever: true })).facts, ["fever"]);
  assert.deepEqual(evaluate(twice, c({})).unknown, ["fever", "night_pain"]);
  const assumed: Predicate = {
    any: [
      { all: [{ field: "duration_days", lte: 7, whenUnknown: true }, yes("fever")] },
      { all: [{ field: "duration_days", lte: 7, whenUnknown: true }, yes("rash")] },
    ],
  };
  const a = evaluate(assumed, c({ fever: true }));
  assert.deepEqual([a.value, a.facts, a.assumed, a.unknown], [true, ["fever"], ["duration_days"], []]);
  const mixed = evaluate({ all: [yes("fever"), yes("rash"), yes("night_pain")] }, c({ fever: true, night_pain: true }));
  assert.deepEqual([mixed.value, mixed.facts, mixed.unknown], [null, [], ["rash"]]);
  // A false "all": only the answers that made it false.
  const f = evaluate({ all: [yes("fever"), yes("rash"), yes("night_pain")] }, c({ fever: true, rash: false }));
  assert.deepEqual([f.value, f.facts, f.unknown], [false, ["rash"], []]);
  // Through a not, an unknown stays unknown and names its field.
  assert.deepEqual(evaluate({ not: { all: [yes("fever"), yes("rash")] } }, c({ fever: true })).unknown, ["rash"]);
});

test("a slot is a field's fixed place: the same for every case", () => {
  assert.equal(slotOf("fever"), slotOf("fever"));
  assert.equal(fieldOfSlot(slotOf("night_sweats")), "night_sweats");
  assert.notEqual(slotOf("fever"), slotOf("rash"));
});

test("a predicate compiles once, and a prepared case is read as it is", () => {
  const p: Predicate = { all: [yes("fever"), yes("rash")] };
  assert.equal(compilePredicate(p)(prepare(c({ fever: true, rash: true }))), true);
  const derive = (key: object) => ({ key });
  const memo = memoByIdentity(derive);
  const key = {};
  assert.equal(memo(key), memo(key));
  assert.notEqual(memo(key), memo({}));
  const prepared = prepare(c({ fever: true }));
  assert.equal(asPrepared(prepared), prepared);
  assert.equal(asPrepared(c({ fever: true })).case.fever, true);
  const leaf: Leaf = { field: "fever", is: true };
  assert.equal(leafTest(leaf)(true), true);
  assert.equal(leafTest(leaf)(false), false);
  assert.equal(leafTest(leaf), leafTest(leaf));
});
