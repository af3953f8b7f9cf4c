import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { leaves } from "../knowledge/predicate.js";
import { defaultKnowledge } from "../knowledge/load.js";
import { hasText } from "../knowledge/texts.js";
import { assess } from "./assess.js";
import { realisticCaseArbitrary } from "./test-arbitraries.js";
import { triageRank } from "./types.js";

const k = defaultKnowledge();

test("open questions are compact: each finding once, with the level it could raise to and a rule that reads it", () => {
  const rules = new Map(k.rules.map((r) => [r.id, r]));
  let seen = 0;
  for (const c of fc.sample(realisticCaseArbitrary(k), { numRuns: 150, seed: 3 })) {
    const r = assess(c, k);
    const fields = r.open_questions.map((q) => q.field);
    assert.equal(new Set(fields).size, fields.length, "each question once");
    for (const q of r.open_questions) {
      seen++;
      assert.deepEqual(Object.keys(q), ["field", "could_raise_to", "rule"]);
      const rule = rules.get(q.rule);
      assert.ok(rule, q.rule);
      assert.equal(rule.level, q.could_raise_to, `${q.rule} raises to its own level`);
      assert.ok(
        triageRank(q.could_raise_to) > triageRank(r.triage) || r.reasons.some((x) => x.rule === "could_not_rule_out"),
        "only what could raise it",
      );
      assert.ok(
        [...leaves(rule.when)].some(({ leaf }) => leaf.field === q.field),
        `${q.rule} reads ${q.field}`,
      );
      for (const lang of ["en", "ru"])
        assert.ok(hasText(k, lang, `finding.${q.field}.question`), `${lang} text for ${q.field}`);
    }
  }
  assert.ok(seen > 100, `${seen} open questions checked`);
});

test("a man's result lists no pregnancy question, and a case with nothing answered lists the emergency signs first", () => {
  const man = assess({ age: 30, sex: "male" }, k);
  assert.ok(!man.open_questions.some((q) => q.field === "pregnant" || q.field === "pregnancy_weeks"));
  const bare = assess({ age: 30 }, k);
  assert.equal(bare.open_questions[0]?.could_raise_to, "emergency");
  const ranks = bare.open_questions.map((q) => triageRank(q.could_raise_to));
  assert.deepEqual(
    ranks,
    [...ranks].sort((a, b) => b - a),
  );
});
