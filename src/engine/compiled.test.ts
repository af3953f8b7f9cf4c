import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultKnowledge } from "../knowledge/load.js";
import type { Knowledge } from "../knowledge/schema.js";
import { checkEngineLimits, compiledKnowledge, MAX_FINDINGS, MAX_RULE_FIELDS } from "./compiled.js";
import { fieldOfSlot, prepare, slotOf } from "./logic.js";
import { triage } from "./triage.js";

// What compiled.ts derives from the knowledge, checked against the knowledge files (knowledge/rules/*.yaml,
// knowledge/conditions/*.yaml, knowledge/findings.yaml): the interview's look-ahead relies on these indexes,
// and its tests are not among those that run for an engine mutant.

const k = defaultKnowledge();
const ck = compiledKnowledge(k);
const ruleIds = (list: number[] | undefined): string[] => (list ?? []).map((i) => k.rules[i]!.id);
const conditionIds = (list: number[] | undefined): string[] => (list ?? []).map((j) => k.conditions[j]!.id);
const fakeFindings = (n: number): Knowledge["findings"] =>
  Array.from({ length: n }, (_, i) => ({ id: `f${i}`, kind: "boolean" }) as Knowledge["findings"][number]);

test("the rules and the condition features that read a finding are indexed by its slot", () => {
  // knowledge/rules: saddle numbness fires its own rule and, after a spinal procedure, procedure_nerve_signs.
  assert.deepEqual(ruleIds(ck.rulesBySlot[slotOf("saddle_numbness")]), ["saddle_numbness", "procedure_nerve_signs"]);
  assert.deepEqual(ruleIds(ck.rulesBySlot[slotOf("dark_urine")]), ["rhabdomyolysis"]);
  // Dark urine: "+ if dark_urine" (rhabdomyolysis) and "- if dark_urine" shared by DOMS, strain and rhabdomyolysis.
  const features = (ck.featuresBySlot[slotOf("dark_urine")] ?? []).map((i) => conditionIds(ck.conditionsByFeature[i]));
  assert.deepEqual(
    features.map((ids) => [...ids].sort()),
    [["doms", "muscle_strain", "rhabdomyolysis"], ["rhabdomyolysis"]],
  );
});

test("a condition feature written the same way in several conditions is one shared predicate", () => {
  const fever = { field: "fever", is: true } as const;
  const [a, b] = k.conditions;
  const kv: Knowledge = {
    ...k,
    conditions: [
      {
        ...a!,
        features: [
          { when: fever, weight: 2 },
          { when: { ...fever }, weight: 1 },
        ],
      },
      {
        ...b!,
        features: [
          { when: { field: "night_pain", is: true }, weight: 1 },
          { when: { ...fever }, weight: -1 },
        ],
      },
    ],
  };
  const cv = compiledKnowledge(kv);
  assert.equal(cv.features.length, 2);
  assert.deepEqual(cv.conditions[0]!.featureSlots, [0, 0]);
  assert.deepEqual(cv.conditions[1]!.featureSlots, [1, 0]);
  assert.deepEqual(cv.conditions[0]!.weights, [2, 1]);
  // The first condition uses the fever feature twice and is listed once.
  assert.deepEqual(cv.conditionsByFeature, [[0, 1], [1]]);
  assert.deepEqual(cv.conditions[1]!.leafFields, ["night_pain", "fever"]);
  assert.deepEqual(cv.featuresBySlot[slotOf("fever")], [0]);
});

test("a compound feature has no single field", () => {
  const [a] = k.conditions;
  const both = {
    all: [
      { field: "fever", is: true },
      { field: "night_pain", is: true },
    ],
  };
  const cv = compiledKnowledge({ ...k, conditions: [{ ...a!, features: [{ when: both, weight: 1 }] }] });
  assert.deepEqual(cv.conditions[0]!.leafFields, [undefined]);
});

test("serious conditions, findings' places and kinds, and who a finding applies to", () => {
  const serious = conditionIds(ck.serious);
  for (const id of ["cauda_equina_syndrome", "vertebral_fracture", "spinal_infection", "aortic_aneurysm"])
    assert.ok(serious.includes(id), id);
  for (const id of ["muscle_strain", "doms", "postural_overload"]) assert.ok(!serious.includes(id), id);
  // knowledge/findings.yaml starts with age, then sex, then pregnant.
  assert.equal(ck.orderBySlot[slotOf("age")], 0);
  assert.equal(ck.orderBySlot[slotOf("sex")], 1);
  assert.equal(ck.orderBySlot[slotOf("pregnant")], 2);
  assert.equal(ck.booleanBySlot[slotOf("fever")], true);
  assert.equal(ck.booleanBySlot[slotOf("onset")], false);
  assert.equal(ck.booleanBySlot[slotOf("age")], false);
  const conditional = ck.conditional.map((x) => x.finding.id);
  assert.ok(conditional.includes("pregnant") && conditional.includes("sexual_dysfunction"));
  assert.ok(!conditional.includes("fever") && !conditional.includes("age"));
  assert.equal(ck.appliesBySlot[slotOf("fever")], undefined);
  // Of those, the yes/no ones read as "no" for someone they do not apply to; sex and the week of pregnancy
  // are not yes/no.
  const impliedNo = ck.impliedNo.map((x) => fieldOfSlot(x.slot));
  for (const f of ["pregnant", "tightenings", "recent_childbirth", "vaginal_bleeding"])
    assert.ok(impliedNo.includes(f), f);
  for (const f of ["sex", "pregnancy_weeks", "leg_symptoms_side", "fever"]) assert.ok(!impliedNo.includes(f), f);
  // "pregnant" applies to a woman of 10 to 55.
  const pregnant = ck.appliesBySlot[slotOf("pregnant")]!;
  assert.equal(pregnant(prepare({ age: 30, sex: "female" })), true);
  assert.equal(pregnant(prepare({ age: 30, sex: "male" })), false);
  assert.equal(ck.defaultRank, 0);
  assert.equal(ck.conditionIndex.get(k.conditions[3]!.id), 3);
  assert.equal(ck.ruleById.get("saddle_numbness")?.level, "emergency");
  assert.equal(ck.conditionById.get("cauda_equina_syndrome")?.serious, true);
  assert.equal(ck.findingById.get("fever")?.kind, "boolean");
});

test("advice is ordered by kind, then priority (highest first), then the knowledge's order", () => {
  // knowledge/advice.yaml: call_emergency (10), then tell_dispatcher and spinal_injury_first_aid (both 9, in
  // that order in the file); stop_training (5) is the last but one first aid entry, then now, then self care.
  const ids = ck.advice.map((a) => a.advice.id);
  assert.deepEqual(ids.slice(0, 3), ["call_emergency", "tell_dispatcher", "spinal_injury_first_aid"]);
  assert.ok(ids.indexOf("cold_then_warm") < ids.indexOf("until_seen"));
  assert.ok(ids.indexOf("until_seen") < ids.indexOf("stay_active"));
  assert.ok(ids.indexOf("stay_active") < ids.indexOf("pain_relief_ask"));
  assert.equal(ids.at(-1), "watch_night");
});

test("every source any entry cites is listed once, in string order, with each cited list's places", () => {
  const all = ck.sortedSources;
  assert.equal(all[0], "acp-2017");
  assert.deepEqual(all, [...new Set(all)].sort());
  for (const s of k.sources) assert.ok(all.includes(s.id), s.id);
  const rule = ck.ruleById.get("saddle_numbness")!;
  const places = ck.sourceRanksOf.get(rule.sources)!;
  assert.deepEqual(
    places.map((i) => all[i]),
    ["bass-2018", "hoeritzauer-2020", "clinical-facts", "seed.see-doctor"],
  );
  const u = ck.sourceRanksOf.get(k.settings.uncertainty.sources)!;
  assert.deepEqual(
    u.map((i) => all[i]),
    ["clinical-facts", "bass-2018", "finucane-2020"],
  );
});

test("knowledge the triage cannot sort is refused when it is compiled, with the reason", () => {
  const one = k.rules[0]!;
  const reading = (field: string) => ({ ...k, rules: [{ ...one, when: { field, is: true } }] }) as Knowledge;
  assert.throws(
    () => compiledKnowledge(reading("no_such_finding")),
    /rule .* reads no_such_finding, which is not a finding/,
  );
  const rules = (n: number) => [
    { ...one, id: "wide", when: { any: fakeFindings(n).map((f) => ({ field: f.id, is: true })) } },
  ];
  assert.doesNotThrow(() => checkEngineLimits({ findings: fakeFindings(MAX_FINDINGS), rules: rules(255) }));
  assert.throws(
    () => checkEngineLimits({ findings: fakeFindings(MAX_FINDINGS), rules: rules(256) }),
    /rule wide reads 256 fields/,
  );
  assert.throws(() => checkEngineLimits({ findings: fakeFindings(4097), rules: [] }), /4097 findings/);
  assert.equal(MAX_FINDINGS, 4096);
  assert.equal(MAX_RULE_FIELDS, 256);
});

test("on a tie between rules of the same level, an open question names the first in the knowledge", () => {
  const [one] = k.rules.filter((r) => r.level === "emergency");
  const rule = (id: string, fields: string[]) => ({
    ...one!,
    id,
    when: { all: fields.map((field) => ({ field, is: true })) },
  });
  const kv: Knowledge = {
    ...k,
    rules: [rule("first", ["fever", "night_pain"]), rule("second", ["fever", "night_sweats"])],
  };
  const t = triage({ age: 30 }, kv);
  const i = t.open_questions.findIndex((q) => q.field === "fever");
  assert.deepEqual(t.open_questions[i], { field: "fever", could_raise_to: "emergency", rule: "first" });
  assert.equal(t.open_missing[i], 2);
});
