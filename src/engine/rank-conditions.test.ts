import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultKnowledge } from "../knowledge/load.js";
import { compiledKnowledge, featureTruths } from "./compiled.js";
import { prepare } from "./logic.js";
import { likelyConditions, rankConditions, rankedById, scoreConditions } from "./rank-conditions.js";

// Scores are a condition's prior plus the weights of its features that hold (knowledge/conditions/*.yaml);
// the expected numbers below are those sums, written down from the files.

const k = defaultKnowledge();
const ck = compiledKnowledge(k);

test("cauda equina: each feature that holds, strongest first; against it, the strongest first", () => {
  const c = {
    age: 40,
    saddle_numbness: true,
    bladder_problem: true,
    leg_weakness: true,
    spreads_to: ["foot" as const],
    better_with: ["sitting" as const],
  };
  const [first] = scoreConditions(c, k);
  // -5 prior, +8.5 saddle, +8 bladder, +1.5 (a cauda equina sign and pain to the foot), +1 weakness,
  // +1 pain to the foot, -2 better sitting.
  assert.equal(first!.id, "cauda_equina_syndrome");
  assert.equal(first!.score, 13);
  assert.equal(first!.likelihood, "most_likely");
  const facts = (e: { weight: number; facts: { field: string }[] }) => [e.weight, e.facts.map((f) => f.field)];
  assert.deepEqual(first!.for.map(facts), [
    [8.5, ["saddle_numbness"]],
    [8, ["bladder_problem"]],
    [1.5, ["saddle_numbness", "bladder_problem", "spreads_to"]],
    [1, ["leg_weakness"]],
    [1, ["spreads_to"]],
  ]);
  assert.deepEqual(first!.against, [{ weight: -2, facts: [{ field: "better_with", value: ["sitting"] }] }]);
  assert.deepEqual(first!.sources, ["bass-2018", "hoeritzauer-2020", "clinical-facts", "seed.see-doctor"]);
  // A disc herniation: pain to the foot and weakness for it; the bladder, the saddle and sitting against it.
  const disc = scoreConditions(c, k).find((x) => x.id === "disc_herniation")!;
  assert.deepEqual(disc.against.map(facts), [
    [-3, ["saddle_numbness"]],
    [-2, ["bladder_problem"]],
    [-1.5, ["better_with"]],
  ]);
  assert.deepEqual(disc.for.map(facts), [
    [3, ["spreads_to"]],
    [1.5, ["leg_weakness"]],
  ]);
});

test("every condition is ranked, best first; within 2.5 points of the first is 'possible'", () => {
  const all = scoreConditions({ age: 30, sex: "male" }, k);
  assert.equal(all.length, k.conditions.length);
  // Nothing answered but age and sex: strain 1.5; postural overload and disc -0.5; DOMS -1 (exactly 2.5
  // below: still possible); degenerative disc -1.5.
  assert.deepEqual(
    all.slice(0, 5).map((r) => [r.id, r.score, r.likelihood]),
    [
      ["muscle_strain", 1.5, "most_likely"],
      ["postural_overload", -0.5, "possible"],
      ["disc_herniation", -0.5, "possible"],
      ["doms", -1, "possible"],
      ["degenerative_disc", -1.5, "less_likely"],
    ],
  );
  for (let i = 1; i < all.length; i++) assert.ok(all[i - 1]!.score >= all[i]!.score);
});

test("the best few only, ties in the knowledge's order, scores rounded to 3 decimals", () => {
  const c = prepare({ age: 68, history_of_cancer: false, osteoporosis: true, injury: "none", duration_days: 3 });
  const truths = featureTruths(c, ck);
  const top = rankConditions(truths, ck, k, 3);
  // DOMS and strain tie at 0: DOMS comes first in the knowledge. Degenerative disc: 0.4 - 1 = -0.6.
  assert.deepEqual(
    top.map((r) => [r.id, r.score, r.likelihood]),
    [
      ["doms", 0, "most_likely"],
      ["muscle_strain", 0, "possible"],
      ["postural_overload", -0.5, "possible"],
    ],
  );
  const five = rankConditions(truths, ck, k, 5);
  assert.equal(five.length, 5);
  assert.deepEqual(five.slice(0, 3), top);
  assert.deepEqual(five[4], {
    index: ck.conditionIndex.get("degenerative_disc"),
    id: "degenerative_disc",
    score: -0.6,
    likelihood: "possible",
  });
  assert.equal(rankConditions(truths, ck, k, 1).length, 1);
  assert.equal(rankConditions(truths, ck, k).length, k.conditions.length);
});

test("a condition by id, wherever it ranks, and nothing for an unknown id", () => {
  const c = prepare({ age: 40, saddle_numbness: true });
  const truths = featureTruths(c, ck);
  assert.deepEqual(rankedById("cauda_equina_syndrome", truths, ck), {
    index: ck.conditionIndex.get("cauda_equina_syndrome"),
    id: "cauda_equina_syndrome",
    score: 3.5,
    likelihood: "rule_out_first",
  });
  assert.equal(rankedById("no_such_condition", truths, ck), undefined);
});

test("the conditions worth showing: within 6 points of the first, at most 5, none from nothing", () => {
  const s = (...scores: number[]) => scores.map((score) => ({ score }));
  assert.deepEqual(likelyConditions(s(5, -1, -1.5), k), s(5, -1));
  assert.deepEqual(likelyConditions(s(3, 2, 1, 0, -1, -2, -3), k), s(3, 2, 1, 0, -1));
  assert.deepEqual(likelyConditions(s(-4), k), s(-4));
  assert.deepEqual(likelyConditions([], k), []);
});
