import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { defaultKnowledge } from "../knowledge/load.js";
import type { Predicate } from "../knowledge/predicate.js";
import { compiledKnowledge } from "./compiled.js";
import { evaluate, fieldOfSlot, prepare, slotOf, truthOf } from "./logic.js";
import {
  buildProgram,
  FALSE,
  rootTruth,
  rootTruths,
  run,
  traceOf,
  TRUE,
  UNKNOWN,
  unknownLeaves,
  type Program,
} from "./program.js";
import { caseArbitrary, realisticCaseArbitrary } from "./test-arbitraries.js";
import type { Case } from "./types.js";

const k = defaultKnowledge();
const ck = compiledKnowledge(k);
const c = (x: Partial<Case>): Case => ({ age: 30, ...x });
const yes = (field: string): Predicate => ({ field, is: true });

/** The fields that leave predicate `i` unknown, sorted (the program gives them in no set order). */
function unknownFields(p: Program, i: number): string[] {
  const into = new Int32Array(p.found.length);
  const n = unknownLeaves(p, i, into);
  return [...into.subarray(0, n)].map(fieldOfSlot).sort();
}

test("program: truths and the missing answers that leave a predicate unknown, each once, none for a decided one", () => {
  const p: Predicate = {
    any: [
      { all: [yes("fever"), yes("night_pain")] },
      { all: [yes("fever"), yes("night_sweats"), { field: "duration_days", lte: 7, whenUnknown: true }] },
    ],
  };
  const assumedFalse: Predicate = { all: [{ field: "duration_days", lte: 7, whenUnknown: false }, yes("fever")] };
  const notAssumed: Predicate = { not: { any: [{ field: "duration_days", lte: 7, whenUnknown: true }, yes("fever")] } };
  const prog = buildProgram([p, assumedFalse, notAssumed, { not: yes("rash") }, yes("rash")]);
  const at = (x: Partial<Case>) => {
    run(prog, prepare(c(x)).values);
    return (i: number) => [rootTruth(prog, i), unknownFields(prog, i)] as const;
  };
  let r = at({});
  assert.deepEqual(r(0), [UNKNOWN, ["fever", "night_pain", "night_sweats"]]);
  // False because of an assumed answer: nothing to ask, the assumption is not a question.
  assert.deepEqual(r(1), [FALSE, []]);
  assert.deepEqual(r(2), [FALSE, []]);
  // Through a "not", and for a predicate that is one leaf.
  assert.deepEqual(r(3), [UNKNOWN, ["rash"]]);
  assert.deepEqual(r(4), [UNKNOWN, ["rash"]]);
  r = at({ fever: true, night_pain: false, duration_days: 3 });
  assert.deepEqual(r(0), [UNKNOWN, ["night_sweats"]]);
  assert.deepEqual(r(1), [TRUE, []]);
  assert.deepEqual(at({ fever: false })(0), [FALSE, []]);
  // True already: nothing missing decides it, though night_sweats is unanswered.
  assert.deepEqual(at({ fever: true, night_pain: true })(0), [TRUE, []]);
  r = at({ rash: true });
  assert.deepEqual(
    [r(3), r(4)],
    [
      [FALSE, []],
      [TRUE, []],
    ],
  );
  // The same leaf in several predicates ("fever: yes", "rash: yes") is one leaf of the program; the two
  // duration leaves differ in their whenUnknown. Six distinct leaves in all.
  assert.equal(prog.leafSlot.length, 6);
  assert.deepEqual(rootTruths(prog), [null, false, false, false, true]);
});

test("program: a context leaf is unknown (rules and features run before there is an assessment)", () => {
  const prog = buildProgram([
    { context: { triage: ["self_care"] } },
    { all: [yes("fever"), { context: { top: ["x"] } }] },
  ]);
  run(prog, prepare(c({ fever: true })).values);
  assert.deepEqual(rootTruths(prog), [null, null]);
  // Nothing to ask: a context is not a question.
  assert.deepEqual([unknownFields(prog, 0), unknownFields(prog, 1)], [[], []]);
});

test("program: the rules and the features of the knowledge give the truths, unknown fields and traces of the tree evaluation", () => {
  const rules = k.rules.map((r) => r.when);
  const features: Predicate[] = [];
  for (const cc of ck.conditions) cc.cond.features.forEach((f, i) => (features[cc.featureSlots[i]!] = f.when));
  let unknownChecked = 0;
  fc.assert(
    fc.property(fc.oneof(caseArbitrary(k), realisticCaseArbitrary(k)), (x) => {
      const prepared = prepare(x);
      for (const [prog, preds] of [
        [ck.ruleProgram, rules],
        [ck.featureProgram, features],
      ] as const) {
        run(prog, prepared.values);
        preds.forEach((p, i) => {
          const truth = truthOf(p, prepared);
          assert.equal(rootTruths(prog)[i], truth);
          const e = evaluate(p, prepared);
          if (truth === null) {
            unknownChecked++;
            assert.deepEqual(unknownFields(prog, i), [...new Set(e.unknown)].sort());
          }
          // The trace: the same fields, in the same order.
          assert.deepEqual(traceOf(prog, i, prepared.values), { facts: e.facts, assumed: e.assumed });
        });
      }
    }),
    { numRuns: 150, seed: 3 },
  );
  assert.ok(unknownChecked > 1000, `${unknownChecked} unknown predicates checked`);
  assert.ok(slotOf("fever") < ck.ruleProgram.found.length);
});

test("program: the leaf truths kept for an answer seen before never stand in for another answer", () => {
  const prog = buildProgram([
    { field: "location", includes: ["a"] },
    { field: "location", empty: true },
    { field: "intensity", gte: 7 },
    { field: "onset", in: ["sudden"] },
  ]);
  const truths = (x: Record<string, unknown>) => {
    run(prog, prepare({ age: 30, ...x } as Case).values);
    return rootTruths(prog);
  };
  // Lists that a plain join would confuse, in turns, each twice (the second time from what was kept).
  for (let round = 0; round < 2; round++) {
    assert.deepEqual(truths({ location: ["a", "b"] }).slice(0, 2), [true, false]);
    assert.deepEqual(truths({ location: ["ab"] }).slice(0, 2), [false, false]);
    assert.deepEqual(truths({ location: ["1:a"] }).slice(0, 2), [false, false]);
    assert.deepEqual(truths({ location: [] }).slice(0, 2), [false, true]);
    assert.deepEqual(truths({}).slice(0, 2), [null, null]);
  }
  // More answers of a number field than are kept: each still tested.
  for (let i = 0; i <= 200; i++) assert.equal(truths({ intensity: i / 20 })[2], i / 20 >= 7, `${i / 20}`);
  for (const onset of ["sudden", "gradual", "sudden"]) assert.equal(truths({ onset })[3], onset === "sudden");
});

test("program: edges of the walk to the unknown fields and of the trace", () => {
  // A field seen for the first time takes the highest slot there is: the walk still names it, once.
  const fresh = `field_new_to_the_engine_${Date.now()}`;
  const prog = buildProgram([
    { any: [yes("fever"), yes(fresh)] },
    { not: { all: [yes("rash"), yes(fresh), yes(fresh)] } },
    { not: { any: [yes("fever"), yes("rash")] } },
  ]);
  run(prog, prepare(c({ fever: false })).values);
  // The first predicate's root is the program's first node: its truth is read from the nodes, not the leaves.
  assert.deepEqual(rootTruths(prog), [null, null, null]);
  assert.deepEqual(unknownFields(prog, 0), [fresh]);
  // Under a "not", the unknown children of an unknown group are the questions.
  assert.deepEqual(unknownFields(prog, 1), [fresh, "rash"].sort());
  assert.deepEqual(unknownFields(prog, 2), ["rash"]);
  // A trace asked for another case's answers is that case's, not the last run's.
  const other = prepare(c({ fever: true, rash: false })).values;
  assert.deepEqual(traceOf(prog, 2, other), { facts: ["fever"], assumed: [] });
  assert.deepEqual(rootTruths(prog), [true, true, false]);
});

test("program: a context part the assessment does not have yet is unknown", () => {
  const prog = buildProgram([{ context: { triage: ["self_care"] } }, { context: { top: ["x"] } }]);
  const values = prepare(c({})).values;
  run(prog, values, { top: "x" });
  assert.deepEqual(rootTruths(prog), [null, true]);
  run(prog, values, { triage: "doctor", top: "y" });
  assert.deepEqual(rootTruths(prog), [false, false]);
});

test("program: a list that is not a list of choices is tested each time, never taken for another", () => {
  const prog = buildProgram([{ field: "location", includes: ["lower_back"] }]);
  const truth = (location: unknown) => {
    run(prog, prepare(c({ location } as Partial<Case>)).values);
    return rootTruths(prog)[0];
  };
  assert.equal(truth([1]), false);
  assert.equal(truth([2, "lower_back"]), true);
  assert.equal(truth([1]), false);
});

test('program: a "not" over the program\'s first node, and the walk past a context', () => {
  // The first node of the program is the child of a "not": read from the nodes, not the leaves.
  const prog = buildProgram([{ not: { any: [yes("fever"), yes("rash")] } }]);
  run(prog, prepare(c({ fever: false, rash: false })).values);
  assert.deepEqual(rootTruths(prog), [true]);
  run(prog, prepare(c({})).values);
  assert.deepEqual(unknownFields(prog, 0), ["fever", "rash"]);
  // A context node leads nowhere: the walk does not follow its number as if it were a child's. Here the
  // group at node 0 is unknown but sits under a false group, so its fields are not questions.
  const withContext = buildProgram([
    {
      any: [
        { all: [{ any: [yes("fever"), yes("rash")] }, yes("night_pain")] },
        yes("night_sweats"),
        { context: { top: ["x"] } },
      ],
    },
  ]);
  run(withContext, prepare(c({ night_pain: false })).values);
  assert.deepEqual(unknownFields(withContext, 0), ["night_sweats"]);
});

test("program: a trace is of the run without the assessment's context", () => {
  // With the context, both branches of the "any" are true; without it, only the second.
  const prog = buildProgram([{ any: [{ all: [{ context: { top: ["x"] } }, yes("fever")] }, yes("rash")] }]);
  const values = prepare(c({ fever: true, rash: true })).values;
  run(prog, values, { top: "x" });
  assert.deepEqual(rootTruths(prog), [true]);
  assert.deepEqual(traceOf(prog, 0, values), { facts: ["rash"], assumed: [] });
});
