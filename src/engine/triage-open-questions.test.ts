import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { defaultKnowledge } from "../knowledge/load.js";
import type { Knowledge } from "../knowledge/schema.js";
import { realisticCaseArbitrary } from "./test-arbitraries.js";
import { evaluate } from "./logic.js";
import { triage } from "./triage.js";
import { triageRank, type Case } from "./types.js";

// Mutation testing (docs/mutation.md) showed that the trace of a triage was barely asserted: the facts of a
// fired rule, which rules an open question could help fire (checked against the rules one by one), the level it could raise to when several rules
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

/**
 * What an open question promises, computed from the rules one by one with the tree evaluation (logic.ts), not
 * from triage.ts: every rule that could raise the level (unknown, above it) and the answers it still needs.
 */
function liveRules(
  c: Case,
  kv: Knowledge,
  level: string,
): { id: string; rank: number; index: number; unknown: string[] }[] {
  return kv.rules.flatMap((r, index) => {
    const e = evaluate(r.when, c);
    const rank = triageRank(r.level);
    return e.value === null && rank > triageRank(level as never) ? [{ id: r.id, rank, index, unknown: e.unknown }] : [];
  });
}

test("a single unanswered warning sign is one answer away from its rule", () => {
  const t = triage({ age: 30 }, k);
  const i = t.open_questions.findIndex((q) => q.field === "saddle_numbness");
  assert.ok(i >= 0);
  assert.deepEqual(t.open_questions[i], {
    field: "saddle_numbness",
    could_raise_to: "emergency",
    rule: "saddle_numbness",
  });
  assert.equal(t.open_missing[i], 1);
});

test("a rule already ruled out by an answer gives no open question", () => {
  // New symptoms in both legs is an emergency; pain in one leg rules that rule out, whatever the duration.
  const c: Case = { age: 40, leg_symptoms_side: "one_leg", leg_numbness: true };
  const t = triage(c, k);
  assert.ok(!liveRules(c, k, t.triage).some((r) => r.id === "both_legs_new"));
  for (const q of t.open_questions) assert.notEqual(q.rule, "both_legs_new", q.field);
});

test("the open questions are the answers the live rules still need; each names its most urgent rule, the closest to firing, the first in the knowledge", () => {
  let checked = 0;
  for (const c of CASES) {
    const base = triage(c, k);
    const summary = (t: typeof base) =>
      t.open_questions.map((q, i) => ({ field: q.field, to: q.could_raise_to, missing: t.open_missing[i] }));
    for (const [name, kv] of VARIANTS) {
      const t = triage(c, kv);
      assert.equal(t.triage, base.triage, name);
      assert.deepEqual(summary(t), summary(base), `${name}: ${JSON.stringify(c)}`);
      const live = liveRules(c, kv, t.triage);
      assert.deepEqual(
        t.open_questions.map((q) => q.field).sort(),
        [...new Set(live.flatMap((r) => r.unknown))].sort(),
        `${name}: ${JSON.stringify(c)}`,
      );
      t.open_questions.forEach((q, i) => {
        checked++;
        const rules = live.filter((r) => r.unknown.includes(q.field));
        const top = Math.max(...rules.map((r) => r.rank));
        assert.equal(triageRank(q.could_raise_to), top, `${name}: ${q.field} raises to its most urgent rule`);
        const atTop = rules.filter((r) => r.rank === top);
        const fewest = Math.min(...atTop.map((r) => r.unknown.length));
        assert.equal(t.open_missing[i], fewest, `${name}: ${q.field}`);
        assert.equal(q.rule, atTop.find((r) => r.unknown.length === fewest)!.id, `${name}: ${q.field}`);
        assert.equal(levelOf.get(q.rule), q.could_raise_to, `${q.field}: the named rule is at that level`);
      });
    }
  }
  assert.ok(checked > 1000, `${checked} open questions checked`);
});

test("open questions: most urgent first, then the fewest answers missing, then the knowledge's order of findings", () => {
  for (const c of CASES) {
    const t = triage(c, k);
    const qs = t.open_questions;
    for (let i = 1; i < qs.length; i++) {
      const key = (j: number) => [
        -triageRank(qs[j]!.could_raise_to),
        t.open_missing[j]!,
        findingOrder.get(qs[j]!.field)!,
      ];
      const [ka, kb] = [key(i - 1), key(i)];
      const cmp = ka[0]! - kb[0]! || ka[1]! - kb[1]! || ka[2]! - kb[2]!;
      assert.ok(cmp < 0, `${qs[i - 1]!.field} before ${qs[i]!.field} in ${JSON.stringify(c)}`);
    }
  }
});
