import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { defaultKnowledge } from "../knowledge/load.js";
import type { Knowledge } from "../knowledge/schema.js";
import { realisticCaseArbitrary } from "./test-arbitraries.js";
import { triage } from "./triage.js";
import { triageRank, type Case } from "./types.js";

// Mutation testing (docs/mutation.md) showed that the trace of a triage was barely asserted: the facts of a
// fired rule, which rules an open question could help fire, the level it could raise to when several rules
// read it, and the order of the open questions. Expected values are written down from the rules' meaning
// (knowledge/rules/*.yaml) and from what an open question promises, never read from triage.ts.

const k = defaultKnowledge();
const levelOf = new Map(k.rules.map((r) => [r.id, r.level]));
const findingOrder = new Map(k.findings.map((f, i) => [f.id, i]));
const withRules = (order: (rules: Knowledge["rules"]) => Knowledge["rules"]): Knowledge => ({
  ...k,
  rules: order([...k.rules]),
});
const VARIANTS: [string, Knowledge][] = [
  ["the knowledge's order", k],
  ["rules reversed", withRules((r) => r.reverse())],
  ["rules by level, least urgent first", withRules((r) => r.sort((a, b) => triageRank(a.level) - triageRank(b.level)))],
];
const CASES: Case[] = [
  { age: 30 },
  { age: 55, sex: "male" },
  { age: 8 },
  { age: 30, sex: "female", pregnant: true },
  ...fc.sample(realisticCaseArbitrary(k), { numRuns: 40, seed: 17 }),
];

test("a fired rule's reason names the answers that made it fire, and nothing assumed when all were given", () => {
  const t = triage({ age: 40, saddle_numbness: true }, k);
  const r = t.reasons.find((x) => x.rule === "saddle_numbness");
  assert.ok(r);
  assert.equal(r.family, "cauda_equina");
  assert.equal(r.level, "emergency");
  assert.deepEqual(r.facts, [{ field: "saddle_numbness", value: true }]);
  assert.deepEqual(r.assumed, []);
  assert.ok(r.sources.includes("bass-2018"));
});

test("a single unanswered warning sign is one answer away from its rule", () => {
  const t = triage({ age: 30 }, k);
  const saddle = t.open_questions.find((q) => q.field === "saddle_numbness");
  assert.ok(saddle);
  assert.equal(saddle.could_raise_to, "emergency");
  assert.equal(saddle.missing_with, 1);
  assert.equal(saddle.rule, "saddle_numbness");
  assert.ok(saddle.rules.includes("saddle_numbness"));
});

test("a rule already ruled out by an answer gives no open question", () => {
  // New symptoms in both legs is an emergency; pain in one leg rules that rule out, whatever the duration.
  const t = triage({ age: 40, leg_symptoms_side: "one_leg", leg_numbness: true }, k);
  for (const q of t.open_questions) assert.ok(!q.rules.includes("both_legs_new"), q.field);
});

test("each open question raises to the most urgent rule it helps fire, whatever the order of the rules", () => {
  let checked = 0;
  for (const c of CASES) {
    const base = triage(c, k);
    const summary = (t: typeof base) =>
      t.open_questions.map((q) => ({ field: q.field, to: q.could_raise_to, missing: q.missing_with }));
    for (const [name, kv] of VARIANTS) {
      const t = triage(c, kv);
      assert.equal(t.triage, base.triage, name);
      assert.deepEqual(summary(t), summary(base), `${name}: ${JSON.stringify(c)}`);
      for (const q of t.open_questions) {
        checked++;
        assert.ok(q.rules.length > 0, q.field);
        for (const id of q.rules) assert.ok(levelOf.has(id), `${q.field}: ${id} is a rule`);
        const top = Math.max(...q.rules.map((id) => triageRank(levelOf.get(id)!)));
        assert.equal(triageRank(q.could_raise_to), top, `${name}: ${q.field} raises to its most urgent rule`);
        assert.ok(q.rules.includes(q.rule), q.field);
        assert.equal(levelOf.get(q.rule), q.could_raise_to, `${q.field}: the named rule is at that level`);
        assert.ok(q.missing_with >= 1, q.field);
      }
    }
  }
  assert.ok(checked > 1000, `${checked} open questions checked`);
});

test("open questions: most urgent first, then the fewest answers missing, then the knowledge's order of findings", () => {
  for (const c of CASES) {
    const qs = triage(c, k).open_questions;
    for (let i = 1; i < qs.length; i++) {
      const a = qs[i - 1]!;
      const b = qs[i]!;
      const key = (q: typeof a) => [-triageRank(q.could_raise_to), q.missing_with, findingOrder.get(q.field)!];
      const [ka, kb] = [key(a), key(b)];
      const cmp = ka[0]! - kb[0]! || ka[1]! - kb[1]! || ka[2]! - kb[2]!;
      assert.ok(cmp < 0, `${a.field} before ${b.field} in ${JSON.stringify(c)}`);
    }
  }
});
