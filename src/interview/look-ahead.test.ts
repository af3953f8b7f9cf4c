import { test } from "node:test";
import assert from "node:assert/strict";
import { compiledKnowledge, conditionScores, featureTruths, levelRank, ruleTruths } from "../engine/compiled.js";
import { prepare } from "../engine/logic.js";
import { triageRank, type Case } from "../engine/types.js";
import { defaultKnowledge } from "../knowledge/load.js";
import { entropy, LookAhead, probabilities, topIndex, type Answers } from "./look-ahead.js";

const k = defaultKnowledge();
const ck = compiledKnowledge(k);
const look = (c: Record<string, unknown>): LookAhead => new LookAhead(prepare(c as unknown as Case), k);

test("topIndex: the best score; on a tie (within 1e-9) the earlier condition", () => {
  assert.equal(topIndex([5]), 0);
  assert.equal(topIndex([2, 1]), 0);
  assert.equal(topIndex([1, 2, 0]), 1);
  assert.equal(topIndex([1, 3, 3]), 1);
  assert.equal(topIndex([-3, -1, -2]), 1);
  assert.equal(topIndex([1, 1 + 1e-10]), 0, "a rounding difference is a tie");
  assert.equal(topIndex([1, 1 + 1e-8]), 1);
  assert.equal(topIndex([1, 3, 2, 4, 4]), 3);
});

test("probabilities: a softmax that sums to 1 and does not overflow", () => {
  assert.deepEqual(probabilities([0, 0]), [0.5, 0.5]);
  const p = probabilities([Math.log(3), 0]);
  assert.ok(Math.abs(p[0]! - 0.75) < 1e-12 && Math.abs(p[1]! - 0.25) < 1e-12, JSON.stringify(p));
  assert.deepEqual(probabilities([1000, 1000]), [0.5, 0.5]);
  assert.deepEqual(probabilities([-1000, -1000]), [0.5, 0.5]);
  assert.deepEqual(probabilities([7]), [1]);
});

test("entropy in nats: 0 for a certainty, ln 2 for a coin, ln 4 for four equal causes", () => {
  assert.ok(entropy([1, 0]) === 0);
  assert.ok(entropy([1]) === 0);
  assert.ok(Math.abs(entropy([0.5, 0.5]) - Math.LN2) < 1e-12);
  assert.ok(Math.abs(entropy([0.25, 0.25, 0.25, 0.25, 0]) - Math.log(4)) < 1e-12);
});

test("one more answer: the level a guideline gives it", () => {
  const l = look({ age: 30, sex: "male" });
  assert.equal(l.level, triageRank("self_care"));
  assert.equal(l.levelWith({ saddle_numbness: true }), triageRank("emergency"));
  assert.equal(l.levelWith({ saddle_numbness: false }), triageRank("self_care"));
  assert.equal(l.levelWith({ fever: true }), triageRank("urgent"));
  // A checklist answer sets several fields at once; each counts, not only the first.
  assert.equal(l.levelWith({ fever: false, rash: false, chest_pain: true }), triageRank("emergency"));
  assert.equal(l.levelWith({ fever: true, saddle_numbness: false }), triageRank("urgent"));
  // The look-ahead does not change what it looks from.
  assert.equal(l.levelWith({}), triageRank("self_care"));
  assert.equal(l.level, triageRank("self_care"));
  const sick = look({ age: 30, sex: "male", fever: true });
  assert.equal(sick.level, triageRank("urgent"));
  assert.equal(sick.levelWith({ fever: false }), triageRank("self_care"), "an answer replaces the one before");
});

test("the causes of the fired rules: cauda equina after saddle numbness", () => {
  const l = look({ age: 40 });
  assert.deepEqual(l.aboutOf(l.rules), []);
  assert.deepEqual(l.aboutOf(l.rulesWith({ saddle_numbness: true })), ["cauda_equina_syndrome"]);
  assert.deepEqual(l.aboutOf(l.rulesWith({ saddle_numbness: true, bladder_problem: true })), [
    "cauda_equina_syndrome",
    "cauda_equina_syndrome",
  ]);
});

// The look-ahead re-evaluates only what an answer touches; the engine's full evaluation of the case with the
// answer added is the reference it must equal to the last bit.
const stories: Record<string, unknown>[] = [
  { age: 30, sex: "male" },
  { age: 62, sex: "female", intensity: 8, fever: false },
  { age: 25, sex: "female", pregnant: true, activity: "running", location: ["lower_back"] },
  { age: 45, injury: "fall_from_height", duration_days: 3, spreads_to: ["thigh"] },
];
const answersToTry: Answers[] = [
  {},
  { fever: true },
  { chest_pain: true, shortness_of_breath: true, cold_sweat: false },
  { intensity: 9 },
  { intensity: 1 },
  { duration_days: 60 },
  { location: ["flank"], character: ["cramping_waves"] },
  { spreads_to: ["groin"] },
  { leg_numbness: true, leg_symptoms_side: "both_legs" },
  { history_of_cancer: true, unexplained_weight_loss: true, night_pain: true },
  { age: 70 },
  { trend: "worsening", pattern: "constant", better_with: [] },
];

test("with one more answer the rules, level and scores equal a full evaluation of the case with it", () => {
  for (const story of stories) {
    const l = look(story);
    for (const a of answersToTry) {
      const full = prepare({ ...story, ...a } as unknown as Case);
      const rules = ruleTruths(full, ck);
      assert.deepEqual(l.rulesWith(a), rules, `${JSON.stringify(story)} + ${JSON.stringify(a)}: rules`);
      assert.equal(l.levelWith(a), levelRank(rules, ck), `${JSON.stringify(story)} + ${JSON.stringify(a)}: level`);
      assert.deepEqual(
        l.scoresWith(a),
        conditionScores(featureTruths(full, ck), ck),
        `${JSON.stringify(story)} + ${JSON.stringify(a)}: scores`,
      );
    }
    // Looking ahead leaves the base as it was.
    const fresh = prepare(story as unknown as Case);
    assert.deepEqual(l.rules, ruleTruths(fresh, ck));
    assert.deepEqual(l.scores, conditionScores(featureTruths(fresh, ck), ck));
  }
});
