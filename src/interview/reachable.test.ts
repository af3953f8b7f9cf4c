import { test } from "node:test";
import assert from "node:assert/strict";
import type { Case } from "../engine/types.js";
import type { Predicate } from "../knowledge/predicate.js";
import { reach } from "./reachable.js";

// `reach` looks ahead over every answer still possible. The predicates below are written out by hand, so each
// expected value follows from three-valued logic alone: an answered leaf is what it is, an open one may still go
// either way, a closed one without a cautious default stays unknown for good.

const fever: Predicate = { field: "fever", is: true };
const cancer: Predicate = { field: "history_of_cancer", is: true };
const steroids: Predicate = { field: "long_term_steroids", is: true };
const noneOpen = (): boolean => false;
const allOpen = (): boolean => true;
const c = (x: Record<string, unknown>): Case => x as unknown as Case;

test("a leaf: answered, open, closed with a cautious default, closed without one", () => {
  assert.deepEqual(reach(fever, c({ fever: true }), allOpen), { canTrue: true, canFalse: false });
  assert.deepEqual(reach(fever, c({ fever: false }), allOpen), { canTrue: false, canFalse: true });
  // Answered fields count whatever `open` says.
  assert.deepEqual(reach(fever, c({ fever: true }), noneOpen), { canTrue: true, canFalse: false });
  assert.deepEqual(
    reach(fever, c({}), (f) => f === "fever"),
    { canTrue: true, canFalse: true },
  );
  // Open is asked about this field, not any field.
  assert.deepEqual(
    reach(fever, c({}), (f) => f === "history_of_cancer"),
    { canTrue: false, canFalse: false },
  );
  assert.deepEqual(reach({ field: "duration_days", lt: 42, whenUnknown: true }, c({}), noneOpen), {
    canTrue: true,
    canFalse: false,
  });
  assert.deepEqual(reach({ field: "duration_days", lt: 42, whenUnknown: false }, c({}), noneOpen), {
    canTrue: false,
    canFalse: true,
  });
  // A cautious default does not close an open question: the answer may still go either way.
  assert.deepEqual(reach({ field: "duration_days", lt: 42, whenUnknown: true }, c({}), allOpen), {
    canTrue: true,
    canFalse: true,
  });
  assert.deepEqual(reach(fever, c({}), noneOpen), { canTrue: false, canFalse: false });
  // A number leaf answered on either side of its limit.
  assert.deepEqual(reach({ field: "age", gte: 50 }, c({ age: 50 }), allOpen), { canTrue: true, canFalse: false });
  assert.deepEqual(reach({ field: "age", gte: 50 }, c({ age: 49 }), allOpen), { canTrue: false, canFalse: true });
});

test("a context leaf is decided only after the triage, so it can go either way", () => {
  assert.deepEqual(reach({ context: { triage: ["emergency"] } }, c({}), noneOpen), { canTrue: true, canFalse: true });
});

test("not swaps what its child can become", () => {
  assert.deepEqual(reach({ not: fever }, c({ fever: true }), allOpen), { canTrue: false, canFalse: true });
  assert.deepEqual(reach({ not: fever }, c({ fever: false }), allOpen), { canTrue: true, canFalse: false });
  assert.deepEqual(reach({ not: fever }, c({}), noneOpen), { canTrue: false, canFalse: false });
});

test("all: true only if every child can be, false if any child can be", () => {
  const all: Predicate = { all: [fever, cancer] };
  assert.deepEqual(reach(all, c({ fever: true, history_of_cancer: true }), noneOpen), {
    canTrue: true,
    canFalse: false,
  });
  assert.deepEqual(reach(all, c({ fever: true }), allOpen), { canTrue: true, canFalse: true });
  assert.deepEqual(reach(all, c({ fever: false }), allOpen), { canTrue: false, canFalse: true });
  assert.deepEqual(reach(all, c({ fever: true }), noneOpen), { canTrue: false, canFalse: false });
});

test("any: true if one child can be, false only if every child can be", () => {
  const any: Predicate = { any: [fever, cancer] };
  assert.deepEqual(reach(any, c({ fever: false }), allOpen), { canTrue: true, canFalse: true });
  assert.deepEqual(reach(any, c({ fever: false, history_of_cancer: false }), noneOpen), {
    canTrue: false,
    canFalse: true,
  });
  assert.deepEqual(reach(any, c({ fever: true }), noneOpen), { canTrue: true, canFalse: false });
  assert.deepEqual(reach(any, c({ fever: false }), noneOpen), { canTrue: false, canFalse: false });
});

test("at least 2 of 3: the counts at each boundary", () => {
  const two: Predicate = { atLeast: 2, of: [fever, cancer, steroids] };
  // Exactly two can be true: enough. Exactly one can be false: not enough to make it false (two remain true).
  assert.deepEqual(reach(two, c({ fever: true, history_of_cancer: true, long_term_steroids: false }), noneOpen), {
    canTrue: true,
    canFalse: false,
  });
  // Only one can be true: never enough. Two can be false: enough to make it false.
  assert.deepEqual(reach(two, c({ fever: true, history_of_cancer: false, long_term_steroids: false }), noneOpen), {
    canTrue: false,
    canFalse: true,
  });
  // One true, one open, one closed: two can still be true; only one can be false.
  assert.deepEqual(
    reach(two, c({ fever: true }), (f) => f === "history_of_cancer"),
    {
      canTrue: true,
      canFalse: false,
    },
  );
  // One true, two closed: neither.
  assert.deepEqual(reach(two, c({ fever: true }), noneOpen), { canTrue: false, canFalse: false });
  // Nested: at least 2 of [not fever, all[cancer, steroids], fever], everything answered.
  const nested: Predicate = { atLeast: 2, of: [{ not: fever }, { all: [cancer, steroids] }, fever] };
  assert.deepEqual(reach(nested, c({ fever: true, history_of_cancer: true, long_term_steroids: false }), allOpen), {
    canTrue: false,
    canFalse: true,
  });
  assert.deepEqual(reach(nested, c({ fever: true, history_of_cancer: true, long_term_steroids: true }), allOpen), {
    canTrue: true,
    canFalse: false,
  });
});
