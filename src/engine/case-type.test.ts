import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { CONTRACT_DIR } from "../case/validate-case.js";
import type { Case } from "./types.js";

// The compiler checks this object names exactly the keys of Case; the test checks the contract's keys.
const CASE_KEYS: Record<keyof Case, true> = {
  age: true, sex: true, pregnant: true, pregnancy_weeks: true, activity: true, exercises: true, experience: true,
  session_hours: true, warmed_up: true, onset: true, injury: true, location: true, side: true, character: true,
  intensity: true, duration_days: true, trend: true, pattern: true, recurrent: true, worse_with: true,
  better_with: true, night_pain: true, morning_stiffness_minutes: true, spreads_to: true, leg_symptoms_side: true,
  movement_limitation: true, spine_tenderness: true, swelling: true, visible_deformity: true, leg_numbness: true,
  leg_tingling: true, leg_weakness: true, weakness_progressing: true, saddle_numbness: true, bladder_problem: true,
  bowel_problem: true, arm_symptoms: true, unsteady_walking: true, unable_to_walk: true, loss_of_consciousness: true,
  headache_after_injury: true, nausea_vomiting: true, fever: true, unexplained_weight_loss: true, night_sweats: true,
  pale_dizzy_or_fainting: true, recent_infection: true, recent_cold_exposure: true, rash: true, other_joint_pain: true,
  widespread_pain_fatigue: true, urinary_symptoms: true, blood_in_urine: true, abdominal_pain: true,
  vaginal_bleeding: true, pain_with_periods: true, chest_pain: true, shortness_of_breath: true, cold_sweat: true,
  cannot_self_care: true, history_of_cancer: true, osteoporosis: true, long_term_steroids: true, immunosuppressed: true,
  iv_drug_use: true, known_scoliosis: true, known_disc_problem: true, kidney_disease: true, smoker: true,
  heavy_alcohol: true, heavy_backpack: true, prolonged_sitting: true, soft_mattress: true, high_heels: true,
  overweight: true, rapid_weight_loss: true, carries_child: true, physical_job: true,
  headache_or_vision_change: true, tightenings: true, dark_urine: true, severe_muscle_pain_swelling: true,
  recent_spinal_procedure: true, recent_childbirth: true, dialysis: true, sexual_dysfunction: true, diabetes: true,
  dangerous_mechanism: true, unusual_bruising: true, known_aneurysm: true,
};

test("the Case type has exactly the fields of case.schema.json", () => {
  const schema = JSON.parse(readFileSync(`${CONTRACT_DIR}case.schema.json`, "utf8")) as { properties: object };
  assert.deepEqual(Object.keys(CASE_KEYS).sort(), Object.keys(schema.properties).sort());
});
