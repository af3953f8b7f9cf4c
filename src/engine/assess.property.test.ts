import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { Ajv2020 } from "ajv/dist/2020.js";
import { CONTRACT_DIR } from "../case/validate-case.js";
import { validateCase } from "../case/validate-case.js";
import { defaultKnowledge } from "../knowledge/load.js";
import { assess } from "./assess.js";
import { caseArbitrary, realisticCaseArbitrary, redFlagFields } from "./test-arbitraries.js";
import { triageRank, type Case } from "./types.js";

const k = defaultKnowledge();
const cases = caseArbitrary(k);
const flags = redFlagFields(k);
const realistic = realisticCaseArbitrary(k);
const resultSchema = JSON.parse(readFileSync(`${CONTRACT_DIR}result.schema.json`, "utf8")) as object;
const validResult = new Ajv2020({ allErrors: true, strict: false }).compile(resultSchema);
const RUNS = { numRuns: 400 };

test("the generator makes cases the contract accepts", () => {
  fc.assert(
    fc.property(cases, (c) => validateCase(c).ok),
    { numRuns: 200 },
  );
});

test("there are red flags to test, including the cauda equina ones", () => {
  for (const f of ["saddle_numbness", "bladder_problem", "fever", "history_of_cancer", "leg_weakness"])
    assert.ok(flags.includes(f), f);
});

test("the engine never throws on a valid case, conditions are never empty, and the result fits the contract", () => {
  fc.assert(
    fc.property(cases, (c) => {
      const r = assess(c, k);
      assert.ok(r.conditions.length > 0);
      assert.ok(validResult(r), JSON.stringify(validResult.errors));
      if (r.triage !== "self_care") assert.ok(r.specialists.length > 0);
      if (r.triage === "emergency") assert.equal(r.specialists[0], "emergency_services");
      else assert.ok(!r.specialists.includes("emergency_services"));
    }),
    RUNS,
  );
});

test("the realistic generator leaves most cases below an emergency", () => {
  const sample = fc.sample(realistic, { numRuns: 300, seed: 7 });
  const emergencies = sample.filter((c) => assess(c, k).triage === "emergency").length;
  assert.ok(emergencies < sample.length / 2, `${emergencies} of ${sample.length} are emergencies`);
});

test("adding any warning sign never lowers the triage level (every warning-sign field, the new ones included)", () => {
  for (const f of [
    "saddle_numbness",
    "sexual_dysfunction",
    "dark_urine",
    "chest_pain",
    "dangerous_mechanism",
    "tightenings",
    "headache_or_vision_change",
    "recent_spinal_procedure",
    "unusual_bruising",
    "known_aneurysm",
    "severe_muscle_pain_swelling",
    "leg_numbness",
  ]) {
    assert.ok(flags.includes(f), f);
  }
  for (const flag of flags) {
    fc.assert(
      fc.property(realistic, (c) => {
        const before = assess(c, k).triage;
        const after = assess({ ...c, [flag]: true } as Case, k).triage;
        assert.ok(triageRank(after) >= triageRank(before), `${flag}: ${before} -> ${after} on ${JSON.stringify(c)}`);
      }),
      { numRuns: 60, seed: 1 },
    );
  }
});

test("back pain with chest pain is an emergency", () => {
  assert.equal(assess({ age: 55, sex: "male", chest_pain: true }, k).triage, "emergency");
  assert.equal(
    assess({ age: 24, activity: "weightlifting", exercises: ["bench_press"], chest_pain: true }, k).triage,
    "emergency",
  );
});

test("answering an unknown red flag with 'no' never raises the triage level", () => {
  fc.assert(
    fc.property(cases, fc.constantFrom(...flags), (c, flag) => {
      if ((c as unknown as Record<string, unknown>)[flag] !== undefined) return;
      const before = assess(c, k).triage;
      const after = assess({ ...c, [flag]: false } as Case, k).triage;
      assert.ok(triageRank(after) <= triageRank(before), `${flag}=false: ${before} -> ${after}`);
    }),
    RUNS,
  );
});

test("the same case gives the same result", () => {
  fc.assert(
    fc.property(cases, (c) => {
      assert.deepEqual(assess(c, k), assess(structuredClone(c), k));
    }),
    { numRuns: 100 },
  );
});

test("the assessment does not change its input", () => {
  fc.assert(
    fc.property(cases, (c) => {
      const copy = structuredClone(c);
      assess(c, k);
      assert.deepEqual(c, copy);
    }),
    { numRuns: 100 },
  );
});

test("every fired rule cites sources that exist, and they are in the result's source list", () => {
  const ids = new Set(k.sources.map((s) => s.id));
  fc.assert(
    fc.property(cases, (c) => {
      const r = assess(c, k);
      for (const reason of r.reasons) for (const s of reason.sources) assert.ok(ids.has(s) && r.sources.includes(s));
      for (const a of r.advice) for (const s of a.sources) assert.ok(ids.has(s) && r.sources.includes(s));
    }),
    { numRuns: 100 },
  );
});
