import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultKnowledge } from "../knowledge/load.js";
import { triage } from "./triage.js";
import { triageRank, type Case, type Triage } from "./types.js";

const k = defaultKnowledge();
const adult = (x: Partial<Case>): Case => ({ age: 35, ...x });
const child = (x: Partial<Case>): Case => ({ age: 11, ...x });

/** One case per rule that should fire it. Every rule of the knowledge base must appear here. */
const FIRES: Record<string, Case> = {
  saddle_numbness: adult({ saddle_numbness: true }),
  bladder_problem: adult({ bladder_problem: true }),
  bowel_problem: adult({ bowel_problem: true }),
  both_legs_new: adult({ leg_symptoms_side: "both_legs", leg_tingling: true, duration_days: 2 }),
  both_legs_weak: adult({ leg_symptoms_side: "both_legs", leg_weakness: true }),
  weakness_progressing: adult({ leg_weakness: true, weakness_progressing: true }),
  weak_cannot_walk: adult({ leg_weakness: true, unable_to_walk: true }),
  leg_weakness: adult({ leg_weakness: true, leg_symptoms_side: "one_leg" }),
  unsteady_walking: adult({ unsteady_walking: true }),
  unable_to_walk: adult({ unable_to_walk: true }),
  fever_with_nerve_signs: adult({ fever: true, leg_numbness: true }),
  fever: adult({ fever: true }),
  infection_risk: adult({ iv_drug_use: true, night_pain: true }),
  infection_risk_any: adult({ immunosuppressed: true }),
  cancer_nerve_signs: adult({ history_of_cancer: true, leg_tingling: true }),
  cancer_history: adult({ history_of_cancer: true }),
  serious_signs_together: adult({ age: 60, night_pain: true, unexplained_weight_loss: true }),
  major_trauma_recent: adult({ injury: "traffic_accident", duration_days: 0 }),
  major_trauma: adult({ injury: "fall_from_height", duration_days: 20 }),
  trauma_spinal_signs: adult({ injury: "failed_landing", spine_tenderness: true, duration_days: 1 }),
  trauma_spinal_signs_late: adult({ injury: "fall_on_back", swelling: true, duration_days: 12 }),
  trauma_head_signs: adult({ injury: "fall_on_back", headache_after_injury: true }),
  loss_of_consciousness: adult({ loss_of_consciousness: true }),
  child_trauma_severe: child({ injury: "fall_on_back", intensity: 8, duration_days: 0 }),
  child_trauma: child({ injury: "direct_blow", intensity: 3, duration_days: 1 }),
  adult_trauma_severe: adult({ injury: "collision_or_tackle", intensity: 7, duration_days: 1 }),
  trauma: adult({ injury: "fall_on_back", duration_days: 20 }),
  trauma_cannot_move: adult({ injury: "fall_on_back", movement_limitation: "severe" }),
  aortic_signs: adult({ age: 70, abdominal_pain: true, cold_sweat: true }),
  tearing_pain: adult({ character: ["tearing"], intensity: 9 }),
  severe_belly_pain: adult({ abdominal_pain: true, intensity: 9, duration_days: 0 }),
  pale_with_severe_pain: adult({ pale_dizzy_or_fainting: true, intensity: 8, duration_days: 0 }),
  older_belly_pain: adult({ age: 66, abdominal_pain: true }),
  alcohol_belly_pain: adult({ heavy_alcohol: true, abdominal_pain: true }),
  heart_signs: adult({ chest_pain: true, shortness_of_breath: true }),
  breathless_sweating: adult({ shortness_of_breath: true, cold_sweat: true }),
  chest_pain: adult({ chest_pain: true }),
  shortness_of_breath: adult({ shortness_of_breath: true }),
  rhabdomyolysis: adult({ activity: "weightlifting", onset: "next_day", urinary_symptoms: true, intensity: 8 }),
  pale_or_dizzy: child({ pale_dizzy_or_fainting: true }),
  fragility_fracture: adult({ age: 75, injury: "sudden_lift_or_twist" }),
  fragile_bones: adult({ osteoporosis: true }),
  spine_tenderness: adult({ spine_tenderness: true }),
  renal_colic: adult({ character: ["cramping_waves"], location: ["flank"] }),
  blood_in_urine: adult({ blood_in_urine: true }),
  child_urinary: child({ urinary_symptoms: true }),
  urinary_symptoms: adult({ urinary_symptoms: true }),
  rapid_weight_loss: adult({ rapid_weight_loss: true }),
  kidney_disease: adult({ kidney_disease: true }),
  shingles: adult({ rash: true }),
  pregnancy_warning: adult({ sex: "female", pregnant: true, vaginal_bleeding: true }),
  pregnancy_early: adult({ sex: "female", pregnant: true, pregnancy_weeks: 8 }),
  vaginal_bleeding: adult({ sex: "female", vaginal_bleeding: true }),
  pain_with_periods: adult({ sex: "female", pain_with_periods: true }),
  young_child: { age: 3 },
  child_warning_signs: child({ night_pain: true, pattern: "constant" }),
  child_persistent: child({ duration_days: 20 }),
  adolescent_extension_pain: child({ age: 15, worse_with: ["arching_backward"], duration_days: 30 }),
  pain_below_knee: adult({ spreads_to: ["thigh", "below_knee"] }),
  leg_nerve_symptoms: adult({ leg_tingling: true }),
  arm_symptoms: adult({ arm_symptoms: true }),
  not_settling: adult({ duration_days: 5, trend: "stable" }),
  getting_worse: adult({ trend: "worsening" }),
  long_lasting: adult({ duration_days: 40 }),
  constant_pain: adult({ pattern: "constant", duration_days: 10 }),
  night_pain: adult({ night_pain: true }),
  between_shoulder_blades: adult({ location: ["between_shoulder_blades"], injury: "none", activity: "none" }),
  weight_loss: adult({ unexplained_weight_loss: true }),
  severe_pain_vomiting: adult({ intensity: 9, nausea_vomiting: true }),
  severe_pain: adult({ intensity: 8 }),
  sharp_severe_pain: adult({ character: ["stabbing"], intensity: 7 }),
  cannot_self_care: adult({ cannot_self_care: true }),
  deformity: adult({ visible_deformity: true }),
  inflammatory_pattern: adult({ morning_stiffness_minutes: 60, duration_days: 100 }),
  widespread_pain: adult({ widespread_pain_fatigue: true }),
};

test("every triage rule has a case that fires it", () => {
  const missing = k.rules.map((r) => r.id).filter((id) => !(id in FIRES));
  assert.deepEqual(missing, []);
});

for (const rule of k.rules) {
  test(`rule ${rule.family}/${rule.id} fires and sets at least ${rule.level}`, () => {
    const c = FIRES[rule.id];
    assert.ok(c, `no case for ${rule.id}`);
    const t = triage(c, k);
    const reason = t.reasons.find((r) => r.rule === rule.id);
    assert.ok(reason, `${rule.id} did not fire; fired: ${t.reasons.map((r) => r.rule).join(", ")}`);
    assert.ok(reason.facts.length > 0 || reason.assumed.length > 0, "a fired rule names the answers behind it");
    assert.ok(triageRank(t.triage) >= triageRank(rule.level));
    assert.deepEqual(reason.sources, rule.sources);
  });
}

/** Cases that must not be sent higher than a level: the over-triage side of safety. */
const AT_MOST: [string, Case, Triage][] = [
  ["soreness the day after a first gym session", adult({ activity: "weightlifting", experience: "beginner", onset: "next_day", injury: "none", intensity: 4, duration_days: 1, spreads_to: [] }), "self_care"],
  ["a sudden strain during a lift without red flags", adult({ activity: "weightlifting", onset: "during_activity", injury: "sudden_lift_or_twist", character: ["sharp"], intensity: 6, duration_days: 0, spreads_to: [] }), "self_care"],
  ["leg pain on walking that eases on sitting, for months", adult({ age: 66, duration_days: 200, leg_symptoms_side: "both_legs", leg_numbness: true, better_with: ["sitting"] }), "doctor"],
  ["monthly period pain of 8/10 for a year", adult({ sex: "female", abdominal_pain: true, pain_with_periods: true, intensity: 8, duration_days: 365 }), "doctor"],
  ["a single weak flag: age over 50", adult({ age: 55, duration_days: 2, trend: "improving" }), "self_care"],
  ["normal pregnancy ache", adult({ sex: "female", pregnant: true, pregnancy_weeks: 28, vaginal_bleeding: false, abdominal_pain: false }), "self_care"],
];

for (const [name, c, max] of AT_MOST) {
  test(`not over-triaged: ${name} stays at most ${max}`, () => {
    assert.ok(triageRank(triage(c, k).triage) <= triageRank(max), `got ${triage(c, k).triage}`);
  });
}

test("an unknown finding never fires a rule, and is listed when it could raise the urgency", () => {
  const t = triage(adult({ activity: "weightlifting", onset: "next_day", intensity: 3 }), k);
  assert.equal(t.triage, "self_care");
  const saddle = t.open_questions.find((q) => q.field === "saddle_numbness");
  assert.ok(saddle);
  assert.equal(saddle.could_raise_to, "emergency");
  assert.ok(t.open_questions.every((q) => triageRank(q.could_raise_to) > triageRank("self_care")));
});

test("an answered 'no' removes the question", () => {
  const t = triage(adult({ saddle_numbness: false, bladder_problem: false, bowel_problem: false }), k);
  assert.ok(!t.open_questions.some((q) => ["saddle_numbness", "bladder_problem", "bowel_problem"].includes(q.field)));
});

test("open questions are ordered by what they could raise to", () => {
  const t = triage(adult({}), k);
  const ranks = t.open_questions.map((q) => triageRank(q.could_raise_to));
  assert.deepEqual(ranks, [...ranks].sort((a, b) => b - a));
});

test("reasons are ordered most urgent first", () => {
  const t = triage(adult({ saddle_numbness: true, fever: true, night_pain: true }), k);
  assert.deepEqual(t.reasons.map((r) => r.level).slice(0, 1), ["emergency"]);
  assert.equal(t.reasons.at(-1)?.level, "doctor");
});

test("a cautious assumption is recorded in the reason", () => {
  const t = triage(adult({ injury: "failed_landing", spine_tenderness: true }), k);
  const r = t.reasons.find((x) => x.rule === "trauma_spinal_signs");
  assert.ok(r);
  assert.deepEqual(r.assumed, ["duration_days"]);
});
