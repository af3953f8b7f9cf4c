import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultKnowledge } from "../knowledge/load.js";
import { selectAdvice } from "./advice.js";
import { chooseSpecialists } from "./specialists.js";
import { maxTriage, TRIAGE_LEVELS, TRIAGE_URGENT_FIRST, triageRank } from "./types.js";

// Who to see and what to do, from the conditions' specialists (knowledge/conditions/*.yaml) and the advice
// entries' conditions (knowledge/advice.yaml), written down here.

const k = defaultKnowledge();
const list = (...ids: string[]) => ids.map((id) => ({ id }));

test("the ambulance leads an emergency and is left out of anything less", () => {
  // Cauda equina: adults see the ambulance, a spine specialist and a neurologist; children the first two.
  const ces = list("cauda_equina_syndrome");
  assert.deepEqual(chooseSpecialists(ces, k, "emergency", false), [
    "emergency_services",
    "spine_specialist",
    "neurologist",
  ]);
  assert.deepEqual(chooseSpecialists(ces, k, "urgent", false), ["spine_specialist", "neurologist"]);
  assert.deepEqual(chooseSpecialists(ces, k, "emergency", true), ["emergency_services", "spine_specialist"]);
  // A muscle strain on an emergency result still starts with the ambulance.
  assert.deepEqual(chooseSpecialists(list("muscle_strain"), k, "emergency", false), [
    "emergency_services",
    "gp",
    "physiotherapist",
  ]);
});

test("the first three conditions only, each specialist once, four at most", () => {
  // Strain (gp, physio), postural overload (gp, physio), disc (neurologist, spine, physio); the fourth,
  // spondylolysis, would add sports medicine and an orthopaedist.
  assert.deepEqual(
    chooseSpecialists(
      list("muscle_strain", "postural_overload", "disc_herniation", "spondylolysis"),
      k,
      "doctor",
      false,
    ),
    ["gp", "physiotherapist", "neurologist", "spine_specialist"],
  );
  // Spinal infection (spine, gp), scoliosis (orthopaedist, spine, physio), kidney infection (gp, urologist):
  // five different specialists, the first four named.
  assert.deepEqual(chooseSpecialists(list("spinal_infection", "scoliosis", "kidney_infection"), k, "urgent", false), [
    "spine_specialist",
    "gp",
    "orthopedist",
    "physiotherapist",
  ]);
  // Children: the child list.
  assert.deepEqual(chooseSpecialists(list("muscle_strain", "disc_herniation"), k, "doctor", true), [
    "pediatrician",
    "physiotherapist",
    "pediatric_orthopedist",
    "neurologist",
  ]);
});

test("with no specialist named, a doctor's result sends an adult to the GP and a child to the paediatrician", () => {
  assert.deepEqual(chooseSpecialists(list("no_such_condition"), k, "doctor", false), ["gp"]);
  assert.deepEqual(chooseSpecialists(list("no_such_condition"), k, "urgent", true), ["pediatrician"]);
  assert.deepEqual(chooseSpecialists([], k, "self_care", false), []);
  assert.deepEqual(chooseSpecialists([], k, "emergency", false), ["emergency_services"]);
});

test("advice: the entries whose conditions hold, by kind then priority; an unknown condition is not advice", () => {
  // Nothing known about the assessment: advice that depends on it is not given.
  const none = selectAdvice({ age: 40, saddle_numbness: true }, k, {});
  assert.ok(!none.some((a) => a.id === "call_emergency"));
  const emergency = selectAdvice({ age: 40, saddle_numbness: true }, k, {
    triage: "emergency",
    likely: ["cauda_equina_syndrome"],
    top: "cauda_equina_syndrome",
  });
  assert.deepEqual(
    emergency.map((a) => [a.id, a.kind]),
    [
      ["call_emergency", "first_aid"],
      ["tell_dispatcher", "first_aid"],
    ],
  );
  assert.ok(emergency[0]!.sources.length > 0);
  assert.ok(!("more" in emergency[0]!));
});

test("urgency levels: least urgent first, the most urgent of two wins", () => {
  assert.deepEqual(TRIAGE_LEVELS, ["self_care", "doctor", "urgent", "emergency"]);
  assert.deepEqual(TRIAGE_URGENT_FIRST, ["emergency", "urgent", "doctor", "self_care"]);
  assert.deepEqual(
    TRIAGE_LEVELS.map((t) => triageRank(t)),
    [0, 1, 2, 3],
  );
  assert.equal(maxTriage("doctor", "urgent"), "urgent");
  assert.equal(maxTriage("emergency", "self_care"), "emergency");
  assert.equal(maxTriage("doctor", "doctor"), "doctor");
});
