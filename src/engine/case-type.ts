/**
 * One person's back pain, as defined by contract/case.schema.json (the project's vocabulary).
 * Every field but age is optional: missing means unknown, never "no". Written from the contract;
 * case-type.test.ts fails when the two drift apart.
 */
export interface Case {
  age: number;
  sex?: "female" | "male";
  pregnant?: boolean;
  pregnancy_weeks?: number;
  activity?:
    | "weightlifting"
    | "running"
    | "trampoline"
    | "gymnastics"
    | "dance"
    | "jumping_sports"
    | "contact_sport"
    | "throwing"
    | "swimming"
    | "cycling"
    | "racket_sport"
    | "skiing"
    | "heavy_physical_work"
    | "other_sport"
    | "none";
  exercises?: (
    | "deadlift"
    | "squat"
    | "bench_press"
    | "leg_extension"
    | "leg_press"
    | "clean_and_jerk"
    | "snatch"
    | "overhead_press"
    | "barbell_row"
    | "back_extension"
    | "crunches"
    | "running"
    | "jumping"
    | "somersault"
    | "other"
  )[];
  experience?: "beginner" | "regular" | "professional";
  session_hours?: number;
  warmed_up?: boolean;
  onset?: "during_activity" | "within_hours" | "next_day" | "gradual" | "after_injury" | "no_clear_trigger";
  injury?:
    | "none"
    | "fall_on_back"
    | "failed_landing"
    | "fall_from_height"
    | "traffic_accident"
    | "collision_or_tackle"
    | "sudden_lift_or_twist"
    | "direct_blow";
  location?: (
    | "neck"
    | "upper_back"
    | "between_shoulder_blades"
    | "mid_back"
    | "lower_back"
    | "tailbone"
    | "flank"
    | "widespread"
    | "pelvis"
  )[];
  side?: "central" | "one_side" | "both_sides";
  character?: (
    | "dull_aching"
    | "pulling"
    | "sharp"
    | "stabbing"
    | "shooting"
    | "burning"
    | "pulsating"
    | "cramping_waves"
    | "tearing"
  )[];
  intensity?: number;
  duration_days?: number;
  trend?: "improving" | "stable" | "worsening";
  pattern?: "constant" | "comes_and_goes";
  recurrent?: boolean;
  worse_with?: Modifier[];
  better_with?: Modifier[];
  night_pain?: boolean;
  morning_stiffness_minutes?: number;
  spreads_to?: ("buttock" | "thigh" | "below_knee" | "foot" | "groin" | "abdomen" | "chest" | "arm" | "jaw")[];
  leg_symptoms_side?: "one_leg" | "both_legs";
  movement_limitation?: "none" | "some" | "severe";
  spine_tenderness?: boolean;
  swelling?: boolean;
  visible_deformity?: boolean;
  leg_numbness?: boolean;
  leg_tingling?: boolean;
  leg_weakness?: boolean;
  weakness_progressing?: boolean;
  saddle_numbness?: boolean;
  bladder_problem?: boolean;
  bowel_problem?: boolean;
  arm_symptoms?: boolean;
  unsteady_walking?: boolean;
  unable_to_walk?: boolean;
  loss_of_consciousness?: boolean;
  headache_after_injury?: boolean;
  nausea_vomiting?: boolean;
  fever?: boolean;
  unexplained_weight_loss?: boolean;
  night_sweats?: boolean;
  pale_dizzy_or_fainting?: boolean;
  recent_infection?: boolean;
  recent_cold_exposure?: boolean;
  rash?: boolean;
  other_joint_pain?: boolean;
  widespread_pain_fatigue?: boolean;
  urinary_symptoms?: boolean;
  blood_in_urine?: boolean;
  abdominal_pain?: boolean;
  vaginal_bleeding?: boolean;
  pain_with_periods?: boolean;
  chest_pain?: boolean;
  shortness_of_breath?: boolean;
  cold_sweat?: boolean;
  cannot_self_care?: boolean;
  history_of_cancer?: boolean;
  osteoporosis?: boolean;
  long_term_steroids?: boolean;
  immunosuppressed?: boolean;
  iv_drug_use?: boolean;
  known_scoliosis?: boolean;
  known_disc_problem?: boolean;
  kidney_disease?: boolean;
  smoker?: boolean;
  heavy_alcohol?: boolean;
  heavy_backpack?: boolean;
  prolonged_sitting?: boolean;
  soft_mattress?: boolean;
  high_heels?: boolean;
  overweight?: boolean;
  rapid_weight_loss?: boolean;
  carries_child?: boolean;
  physical_job?: boolean;
  headache_or_vision_change?: boolean;
  tightenings?: boolean;
  dark_urine?: boolean;
  severe_muscle_pain_swelling?: boolean;
  recent_spinal_procedure?: boolean;
  recent_childbirth?: boolean;
  dialysis?: boolean;
  sexual_dysfunction?: boolean;
  diabetes?: boolean;
  dangerous_mechanism?: boolean;
  unusual_bruising?: boolean;
  known_aneurysm?: boolean;
}

export type Modifier =
  | "rest"
  | "lying_down"
  | "movement"
  | "sitting"
  | "standing"
  | "walking"
  | "bending_forward"
  | "arching_backward"
  | "twisting"
  | "lifting"
  | "coughing_sneezing"
  | "deep_breathing"
  | "heat";
