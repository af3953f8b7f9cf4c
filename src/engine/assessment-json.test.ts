import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { defaultKnowledge } from "../knowledge/load.js";
import { assess, withLanguage, type Assessment } from "./assess.js";
import { assessmentJson, KEYS } from "./assessment-json.js";
import { SOURCES } from "./golden.js";
import { JSON_TEXT, jsonTextOf } from "./shared-parts.js";
import { caseArbitrary, realisticCaseArbitrary } from "./test-arbitraries.js";
import type { Case } from "./types.js";

const k = defaultKnowledge();
// The shared vignettes are read when shared/ sits beside the repository (as in golden.ts); the project's always.
const VIGNETTES: Case[] = SOURCES.filter((s) => !s.shared || existsSync(s.url)).flatMap((s) =>
  (JSON.parse(readFileSync(s.url, "utf8")) as { case: Case }[]).map((v) => v.case),
);

test("assessmentJson writes the text JSON.stringify writes: every vignette, both languages, asked and not", () => {
  assert.ok(VIGNETTES.length >= 30, `${VIGNETTES.length} vignettes`);
  for (const c of VIGNETTES) {
    const a = assess(c, k);
    const askedUnknown = a.open_warning_signs.map((w) => w.field);
    for (const r of [a, withLanguage(a, k, "ru"), assess(c, k, { askedUnknown, country: "GB" })])
      assert.equal(assessmentJson(r), JSON.stringify(r), JSON.stringify(c));
  }
});

test("assessmentJson writes the text JSON.stringify writes: generated cases, emergencies among them", () => {
  let emergencies = 0;
  fc.assert(
    fc.property(fc.oneof(caseArbitrary(k), realisticCaseArbitrary(k)), fc.boolean(), (c, unsure) => {
      const first = assess(c, k);
      const a = unsure ? assess(c, k, { askedUnknown: first.open_questions.map((q) => q.field) }) : first;
      if (a.triage === "emergency") emergencies++;
      assert.equal(assessmentJson(a), JSON.stringify(a));
    }),
    { numRuns: 400, seed: 5 },
  );
  assert.ok(emergencies > 20, `${emergencies} emergencies`);
});

test("assessmentJson knows every key of an assessment, and leaves one it does not know to JSON.stringify", () => {
  const a = assess({ age: 30 }, k);
  assert.equal(a.emergency_number, undefined);
  assert.equal(Object.keys(a).length, KEYS);
  const e = assess({ age: 30, saddle_numbness: true }, k);
  assert.equal(Object.keys(e).length, KEYS + 1);
  assert.equal(assessmentJson(e), JSON.stringify(e));
  // A field added to the result and not to the writer is still written.
  const more = { ...a, added_later: ["x"] } as Assessment;
  assert.equal(assessmentJson(more), JSON.stringify(more));
  assert.ok(assessmentJson(more).includes('"added_later":["x"]'));
  // A condition with a key added later likewise.
  const cond = { ...a, conditions: [{ ...a.conditions[0]!, note: "x" }, ...a.conditions.slice(1)] } as Assessment;
  assert.equal(assessmentJson(cond), JSON.stringify(cond));
  assert.ok(assessmentJson(cond).includes('"note":"x"'));
});

test("shared parts: frozen, the same object in every result, their JSON text invisible to JSON and to deep equality", () => {
  const a = assess({ age: 30 }, k);
  const b = assess({ age: 31 }, k);
  const q = a.open_questions[0]!;
  assert.ok(Object.isFrozen(q));
  assert.equal(
    b.open_questions.find((x) => x.field === q.field && x.rule === q.rule),
    q,
  );
  assert.equal(jsonTextOf(q), JSON.stringify(q));
  assert.deepEqual(Object.keys(q), ["field", "could_raise_to", "rule"]);
  assert.deepEqual(q, { ...q });
  assert.equal(Object.getOwnPropertySymbols({ ...q }).length, 0);
  assert.ok(JSON_TEXT in q);
  assert.throws(() => {
    (q as { rule: string }).rule = "changed";
  }, TypeError);
  for (const part of [...a.advice, ...a.open_warning_signs]) assert.equal(jsonTextOf(part), JSON.stringify(part));
  // The evidence of a one-leaf feature is shared by answer: the same answer, the same frozen object, and a
  // list answer is a copy (a shared part never holds a request's own array).
  const location: Case["location"] = ["lower_back"];
  const one = assess({ age: 30, location, character: ["dull_aching"] }, k);
  const two = assess({ age: 31, location: ["lower_back"], character: ["dull_aching"] }, k);
  const shared = one.conditions.flatMap((c) => [...c.for, ...c.against]).filter((e) => jsonTextOf(e) !== undefined);
  assert.ok(shared.length > 0);
  for (const e of shared) {
    assert.ok(Object.isFrozen(e) && Object.isFrozen(e.facts) && Object.isFrozen(e.facts[0]));
    assert.ok(two.conditions.some((c) => [...c.for, ...c.against].includes(e)));
    assert.notEqual(e.facts[0]!.value, location);
  }
  // Anything else has no JSON text of its own.
  assert.equal(jsonTextOf({ field: "x" }), undefined);
});
