import { test } from "node:test";
import assert from "node:assert/strict";
import { evaluate } from "./logic.js";
import type { Predicate } from "../knowledge/predicate.js";
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
