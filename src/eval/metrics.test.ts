import { test } from "node:test";
import assert from "node:assert/strict";
import { judge, summarize, type Vignette } from "./metrics.js";

const v = (triage: Vignette["expect"]["triage"], ok: Vignette["expect"]["triage_ok"]): Vignette => ({
  id: "v",
  case: { age: 30 },
  expect: { triage, triage_ok: ok, condition: "doms", condition_ok: ["doms", "muscle_strain"] },
});

test("below the least urgent acceptable level is under-triage, above the most urgent is over-triage", () => {
  assert.equal(judge(v("urgent", ["urgent", "emergency"]), "doctor", []).verdict, "under");
  assert.equal(judge(v("doctor", ["doctor", "urgent"]), "emergency", []).verdict, "over");
  assert.equal(judge(v("doctor", ["doctor", "urgent"]), "urgent", []).verdict, "acceptable");
  assert.equal(judge(v("doctor", ["doctor"]), "doctor", []).verdict, "exact");
});

test("top-1 and top-3 use condition_ok", () => {
  const o = judge(v("self_care", ["self_care"]), "self_care", [
    "postural_overload",
    "muscle_strain",
    "doms",
    "scoliosis",
  ]);
  assert.equal(o.top1_ok, false);
  assert.equal(o.top3_ok, true);
  assert.equal(judge(v("self_care", ["self_care"]), "self_care", ["a", "b", "c", "doms"]).top3_ok, false);
});

test("summary counts and shares, with emergency sensitivity over emergency cases only", () => {
  const outcomes = [
    judge(v("emergency", ["emergency"]), "emergency", ["doms"]),
    judge(v("emergency", ["emergency"]), "urgent", ["x"]),
    judge(v("self_care", ["self_care", "doctor"]), "doctor", ["muscle_strain"]),
    judge(v("doctor", ["doctor"]), "emergency", ["doms"]),
  ];
  const s = summarize(outcomes.map((o, i) => ({ ...o, questions_asked: [4, 8, 10, 30][i]! })));
  assert.equal(s.cases, 4);
  assert.equal(s.under_triage, 1);
  assert.equal(s.over_triage, 1);
  assert.equal(s.triage_exact, 0.25);
  assert.equal(s.triage_acceptable, 0.5);
  assert.equal(s.emergency_sensitivity, 0.5);
  assert.equal(s.condition_top1, 0.75);
  assert.equal(s.questions_median, 9);
  assert.equal(s.questions_max, 30);
});
