import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultKnowledge } from "../knowledge/load.js";
import type { Knowledge } from "../knowledge/schema.js";
import { assess, emergencyNumber, withLanguage } from "./assess.js";
import type { Case } from "./types.js";

// What assess adds to the triage, one behaviour a test, with the values the knowledge gives (knowledge/settings.json,
// knowledge/rules/*.yaml, knowledge/conditions/*.yaml) written down here, never read from assess.ts.

const k = defaultKnowledge();
const saddle: Case = { age: 40, saddle_numbness: true };
/** Soreness the day after lifting: self care, with every warning sign still unasked. */
const sore: Case = { age: 30, sex: "male", activity: "weightlifting", onset: "next_day", injury: "none", intensity: 3 };
const ids = (xs: { id: string }[]): string[] => xs.map((x) => x.id);

test("the emergency number: the country's, in any case of letters, else the default 112", () => {
  assert.equal(assess(saddle, k, { country: "gb" }).emergency_number, "999");
  assert.equal(assess(saddle, k, { country: "US" }).emergency_number, "911");
  assert.equal(assess(saddle, k, { country: "ZZ" }).emergency_number, "112");
  assert.equal(assess(saddle, k).emergency_number, "112");
  assert.equal(emergencyNumber(k, "AU"), "000");
  // A knowledge base with no numbers at all still gives the European number.
  const none: Knowledge = { ...k, settings: { ...k.settings, emergency_numbers: {} } };
  assert.equal(emergencyNumber(none, "GB"), "112");
  assert.equal(emergencyNumber({ ...k, settings: { ...k.settings, emergency_numbers: { default: "000" } } }), "000");
  // Only an emergency result carries a number.
  assert.ok(!("emergency_number" in assess({ age: 40, fever: true }, k, { country: "GB" })));
});

test("a man is asked no pregnancy question, nor any that only follows a pregnancy", () => {
  const man = assess({ age: 30, sex: "male" }, k).open_questions.map((q) => q.field);
  const woman = assess({ age: 30, sex: "female" }, k).open_questions.map((q) => q.field);
  for (const f of ["pregnant", "tightenings", "headache_or_vision_change", "recent_childbirth", "vaginal_bleeding"]) {
    assert.ok(!man.includes(f), `man: ${f}`);
    assert.ok(woman.includes(f), `woman: ${f}`);
  }
  // The man's own questions are still there.
  assert.ok(man.includes("saddle_numbness") && man.includes("chest_pain"));
});

test("'I don't know' to an emergency warning sign: at least a doctor, with the signs named", () => {
  const r = assess(sore, k, { askedUnknown: ["saddle_numbness", "fever", "spreads_to"] });
  assert.equal(r.triage, "doctor");
  assert.deepEqual(r.reasons, [
    {
      rule: "could_not_rule_out",
      family: "uncertainty",
      level: "doctor",
      facts: [],
      // spreads_to is not a yes/no warning sign, so not knowing it is not an unknown warning sign.
      assumed: ["saddle_numbness", "fever"],
      sources: ["clinical-facts", "bass-2018", "finucane-2020"],
    },
  ]);
  assert.ok(r.sources.includes("finucane-2020"));
  const asked = r.open_warning_signs.filter((s) => s.asked).map((s) => s.field);
  assert.deepEqual(asked, ["saddle_numbness", "fever"]);
  assert.deepEqual(
    r.open_warning_signs.find((s) => s.field === "saddle_numbness"),
    { field: "saddle_numbness", could_raise_to: "emergency", asked: true },
  );
  // Without the "I don't know", the same answers are self care and nothing is marked as asked.
  const plain = assess(sore, k);
  assert.equal(plain.triage, "self_care");
  assert.ok(!plain.open_warning_signs.some((s) => s.asked));
  assert.ok(!plain.sources.includes("finucane-2020"));
});

test("'I don't know' raises nothing when the sign could only make it urgent, or it is already a doctor's case", () => {
  // Night pain could make it urgent at most: below the uncertainty rule's emergency signs.
  assert.equal(assess(sore, k, { askedUnknown: ["night_pain"] }).triage, "self_care");
  // Pain for 40 days that is getting worse already needs a doctor: no extra reason.
  const r = assess({ age: 72, sex: "female", duration_days: 40, trend: "worsening" }, k, {
    askedUnknown: ["saddle_numbness"],
  });
  assert.equal(r.triage, "doctor");
  assert.ok(!r.reasons.some((x) => x.rule === "could_not_rule_out"));
});

test("open warning signs are the yes/no questions that could make it urgent or an emergency", () => {
  const r = assess({ age: 30, sex: "male" }, k);
  const signs = r.open_warning_signs.map((s) => s.field);
  for (const f of ["saddle_numbness", "chest_pain", "fever", "night_pain"]) assert.ok(signs.includes(f), f);
  // Where it hurts and how long it lasts can change the result, but they are not warning signs;
  // duration and stiffness could raise it to a doctor only.
  for (const f of ["spreads_to", "leg_symptoms_side", "injury", "duration_days", "night_sweats"])
    assert.ok(!signs.includes(f), f);
  assert.ok(r.open_questions.some((q) => q.field === "spreads_to"));
  assert.deepEqual(Object.keys(r.open_questions[0]!), ["field", "could_raise_to", "rule"]);
});

test("the cause of an emergency rule leads the list as 'rule out first'; no other cause is 'most likely'", () => {
  const r = assess({ ...saddle, night_pain: true }, k);
  assert.equal(r.triage, "emergency");
  assert.deepEqual(
    r.conditions.map((c) => [c.id, c.likelihood]),
    [
      ["cauda_equina_syndrome", "rule_out_first"],
      ["muscle_strain", "less_likely"],
      ["vertebral_fracture", "less_likely"],
    ],
  );
  // The urgent rule about night pain names cancer and infection: they must be ruled out, but do not lead.
  assert.deepEqual(r.must_rule_out, [
    { id: "cauda_equina_syndrome", rules: ["saddle_numbness"] },
    { id: "spinal_malignancy", rules: ["night_pain_unexplained"] },
    { id: "spinal_infection", rules: ["night_pain_unexplained"] },
  ]);
  assert.deepEqual(
    r.reasons.map((x) => x.level),
    ["emergency", "urgent", "doctor"],
  );
});

test("an urgent result leads with the causes of its rule, and the next cause is only 'possible'", () => {
  const r = assess({ age: 40, fever: true }, k);
  assert.equal(r.triage, "urgent");
  assert.deepEqual(
    r.conditions.map((c) => [c.id, c.likelihood]),
    [
      ["spinal_infection", "rule_out_first"],
      ["kidney_infection", "rule_out_first"],
      ["muscle_strain", "possible"],
      ["post_viral_myositis", "possible"],
      ["inflammatory_spondyloarthritis", "possible"],
    ],
  );
  assert.deepEqual(r.must_rule_out, [
    { id: "spinal_infection", rules: ["fever"] },
    { id: "kidney_infection", rules: ["fever"] },
  ]);
  // A blood test looks for both infections; the list keeps one entry with both.
  assert.deepEqual(r.investigations[0], { id: "blood_tests", for: ["spinal_infection", "kidney_infection"] });
});

test("a doctor-level rule's cause is named to rule out without leading; a self-care list has a most likely cause", () => {
  const r = assess({ age: 68, history_of_cancer: false, osteoporosis: true, injury: "none", duration_days: 3 }, k);
  assert.equal(r.triage, "doctor");
  assert.deepEqual(r.must_rule_out, [{ id: "vertebral_fracture", rules: ["fragile_bones"] }]);
  assert.equal(r.conditions[0]!.likelihood, "most_likely");
  assert.ok(!r.conditions.some((c) => c.likelihood === "rule_out_first"));
});

test("a serious cause the answers rank close to the first must be ruled out even with no rule about it", () => {
  const r = assess({ age: 35, location: ["flank"], urinary_symptoms: true, character: ["cramping_waves"] }, k);
  assert.equal(r.triage, "urgent");
  assert.deepEqual(r.must_rule_out, [{ id: "kidney_infection", rules: [] }]);
  assert.deepEqual(ids(r.conditions).slice(0, 2), ["kidney_stone", "kidney_infection"]);
});

test("advice that does not fit the urgency is left out or put behind 'more'", () => {
  const urgent = assess({ age: 40, fever: true }, k);
  assert.deepEqual(urgent.advice, [
    { id: "until_seen", kind: "now", sources: urgent.advice[0]!.sources },
    { id: "heat_caution", kind: "self_care", sources: urgent.advice[1]!.sources, more: true },
    { id: "no_manipulation_untrained", kind: "self_care", sources: urgent.advice[2]!.sources, more: true },
    { id: "pain_relief_ask", kind: "self_care", sources: urgent.advice[3]!.sources, more: true },
    { id: "watch_ces", kind: "watch_for", sources: urgent.advice[4]!.sources },
    { id: "watch_weakness", kind: "watch_for", sources: urgent.advice[5]!.sources },
  ]);
  for (const a of urgent.advice) assert.ok(a.sources.length > 0, a.id);
  const emergency = assess(saddle, k);
  assert.deepEqual(
    emergency.advice.map((a) => [a.id, a.more]),
    [
      ["call_emergency", undefined],
      ["tell_dispatcher", undefined],
    ],
  );
  // Self care shows everything that applies on the first screen.
  assert.ok(assess(sore, k).advice.every((a) => a.more === undefined));
});

test("'no scans needed' is left out when a listed cause needs one", () => {
  assert.deepEqual(assess(sore, k).investigations, [
    { id: "no_imaging", for: ["doms", "muscle_strain", "facet_arthropathy"] },
  ]);
  // With nothing answered the third cause is a disc herniation, which needs an examination and an MRI.
  const bare = assess({ age: 30, sex: "male" }, k);
  assert.deepEqual(ids(bare.conditions).slice(0, 3), ["muscle_strain", "postural_overload", "disc_herniation"]);
  assert.deepEqual(bare.investigations, [
    { id: "neurological_exam", for: ["disc_herniation"] },
    { id: "mri", for: ["disc_herniation"] },
  ]);
});

test("the sources: the fired rules', the first three causes', the advice's, sorted, each once", () => {
  const r = assess(saddle, k);
  assert.deepEqual(r.sources, [...new Set(r.sources)].sort());
  // The cauda equina rule and condition cite these.
  for (const s of ["bass-2018", "hoeritzauer-2020", "clinical-facts", "seed.see-doctor"])
    assert.ok(r.sources.includes(s), s);
  // The fracture (third on the list) cites the trampoline sources.
  assert.ok(r.sources.includes("seed.trampoline-fracture"));
  // The fourth and fifth causes of a self-care list are not cited.
  const bare = assess({ age: 30, sex: "male" }, k);
  assert.ok(!bare.sources.includes("seed.proper-soreness"));
});

test("the pathway: a child under 18, a pregnancy only when the person said so", () => {
  assert.deepEqual(assess({ age: 17 }, k).pathway, { child: true, pregnancy: false });
  assert.deepEqual(assess({ age: 18 }, k).pathway, { child: false, pregnancy: false });
  assert.deepEqual(assess({ age: 30, sex: "female", pregnant: true }, k).pathway, { child: false, pregnancy: true });
  // A child's emergency lists the children's specialists.
  const child = assess({ age: 17, activity: "trampoline", injury: "fall_on_back", spine_tenderness: true }, k);
  assert.equal(child.triage, "emergency");
  assert.deepEqual(child.specialists, [
    "emergency_services",
    "traumatologist",
    "pediatric_orthopedist",
    "pediatrician",
  ]);
  assert.deepEqual(
    child.conditions.slice(0, 3).map((c) => [c.id, c.likelihood]),
    [
      ["vertebral_fracture", "rule_out_first"],
      ["muscle_strain", "possible"],
      ["spondylolysis", "possible"],
    ],
  );
});

test("the disclaimer in the knowledge's language, and in another on request; the knowledge's version", () => {
  const r = assess(sore, k);
  assert.match(r.disclaimer, /doctor/i);
  const ru = withLanguage(r, k, "ru");
  assert.match(ru.disclaimer, /врач/i);
  assert.deepEqual({ ...ru, disclaimer: r.disclaimer }, r);
  assert.equal(r.knowledge_version, k.version);
  assert.ok(k.version.length > 0);
});

test("two emergency rules about the same cause: the cause leads once and names both rules", () => {
  const r = assess({ age: 40, saddle_numbness: true, bladder_problem: true }, k);
  assert.deepEqual(
    r.conditions.map((c) => [c.id, c.likelihood]),
    [["cauda_equina_syndrome", "rule_out_first"]],
  );
  assert.deepEqual(r.must_rule_out, [{ id: "cauda_equina_syndrome", rules: ["saddle_numbness", "bladder_problem"] }]);
});

test("the uncertainty reason is sorted with the rest: above a self-care rule", () => {
  // The same knowledge with "not settling after three days" made a self-care rule.
  const kv: Knowledge = {
    ...k,
    rules: k.rules.map((r) => (r.id === "not_settling" ? { ...r, level: "self_care" as const } : r)),
  };
  const r = assess({ age: 40, duration_days: 4, trend: "stable" }, kv, { askedUnknown: ["saddle_numbness"] });
  assert.equal(r.triage, "doctor");
  assert.deepEqual(
    r.reasons.map((x) => [x.rule, x.level]),
    [
      ["could_not_rule_out", "doctor"],
      ["not_settling", "self_care"],
    ],
  );
});

test("a serious cause ranked first by the answers alone must be ruled out, with no rule named", () => {
  // The same knowledge with an aneurysm made very likely beforehand (prior 10): no rule about it has fired.
  const kv: Knowledge = {
    ...k,
    conditions: k.conditions.map((c) => (c.id === "aortic_aneurysm" ? { ...c, prior: 10 } : c)),
  };
  const r = assess({ age: 30, sex: "male" }, kv);
  assert.equal(r.triage, "self_care");
  assert.equal(r.conditions[0]!.id, "aortic_aneurysm");
  assert.equal(r.conditions[0]!.likelihood, "most_likely");
  assert.deepEqual(r.must_rule_out, [{ id: "aortic_aneurysm", rules: [] }]);
});

test("a rule's cause leads even when the answers rank others higher; those are then only 'possible'", () => {
  // Very painful, swollen muscles after the gym: rhabdomyolysis must be ruled out today, though a strain
  // scores higher on these answers (0.8 against -0.5).
  const r = assess({ age: 24, activity: "weightlifting", severe_muscle_pain_swelling: true }, k);
  assert.equal(r.triage, "urgent");
  assert.deepEqual(
    r.conditions.map((c) => [c.id, c.score, c.likelihood]),
    [
      ["rhabdomyolysis", -0.5, "rule_out_first"],
      ["muscle_strain", 0.8, "possible"],
      ["doms", 0, "possible"],
      ["postural_overload", -0.5, "possible"],
      ["disc_herniation", -0.5, "possible"],
    ],
  );
});

test("an answer wins over what the person's age implies, and an unanswered pregnancy is not scored as 'no'", () => {
  // Pregnancy questions apply from 10 to 55; a woman of 57 who says she is pregnant is asked its warning signs.
  const late = assess({ age: 57, sex: "female", pregnant: true }, k);
  const fields = late.open_questions.map((q) => q.field);
  assert.ok(fields.includes("tightenings") && fields.includes("headache_or_vision_change"));
  assert.equal(late.pathway.pregnancy, true);
  // A woman of 60 is not asked about a pregnancy, but the conditions read only what she answered: a pregnancy
  // complication scores -4 + 4 (bleeding) + 1.5 (belly pain), with nothing for the pregnancy question.
  const r = assess({ age: 60, sex: "female", vaginal_bleeding: true, abdominal_pain: true }, k);
  assert.ok(!r.open_questions.some((q) => q.field === "pregnant" || q.field === "tightenings"));
  assert.equal(r.conditions.find((c) => c.id === "pregnancy_complication")?.score, 1.5);
  // Belly pain with bleeding at 60: an aneurysm and pancreatitis lead (their rules made it urgent), and the
  // list stays at five (max_conditions) though neither is among the five the answers rank first.
  assert.equal(r.triage, "urgent");
  assert.deepEqual(
    r.conditions.slice(0, 2).map((c) => [c.id, c.likelihood]),
    [
      ["aortic_aneurysm", "rule_out_first"],
      ["pancreatitis", "rule_out_first"],
    ],
  );
  assert.equal(r.conditions.length, 5);
});

test("the sources of an emergency: its rule's, its first three causes', its advice's, and no others", () => {
  assert.deepEqual(assess(saddle, k).sources, [
    "bass-2018",
    "clinical-facts",
    "downie-2013",
    "henschke-2009",
    "hoeritzauer-2020",
    "nice-ng41",
    "nice-ng59",
    "seed.child-trauma",
    "seed.gym-causes",
    "seed.improper-exercise",
    "seed.mechanics",
    "seed.see-doctor",
    "seed.sport-pain",
    "seed.top10-injury",
    "seed.trampoline-doctor",
    "seed.trampoline-fracture",
  ]);
});
