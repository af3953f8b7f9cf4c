import { test } from "node:test";
import assert from "node:assert/strict";
import { assess } from "../engine/assess.js";
import { truthOf } from "../engine/logic.js";
import type { Case } from "../engine/types.js";
import { validateCase } from "../case/validate-case.js";
import { defaultKnowledge, readRuleDocs } from "./load.js";

// Each rule's own examples, written beside it in knowledge/rules/*.yaml: minimal cases (every other field
// unknown) in which it must fire, and near misses in which it must not.
const k = defaultKnowledge();
const docs = readRuleDocs();

test("every rule has a why and at least one example that fires it", () => {
  assert.equal(docs.length, k.rules.length);
  for (const d of docs) {
    assert.ok(d.why.trim().length > 10, `${d.file}:${d.line} ${d.id}: why`);
    assert.ok(d.fires.length > 0, `${d.file}:${d.line} ${d.id}: no example that fires it`);
  }
});

test("each rule fires on its fires examples and not on its does_not_fire examples", () => {
  const rules = new Map(k.rules.map((r) => [r.id, r]));
  for (const d of docs) {
    const rule = rules.get(d.id)!;
    for (const [list, want] of [
      [d.fires, true],
      [d.does_not_fire, false],
    ] as const) {
      for (const example of list) {
        const v = validateCase(example);
        assert.ok(v.ok, `${d.file}:${d.line} ${d.id}: example is not a valid case: ${JSON.stringify(example)}`);
        const c = example as unknown as Case;
        assert.equal(truthOf(rule.when, c), want, `${d.file}:${d.line} ${d.id} on ${JSON.stringify(example)}`);
        const fired = assess(c, k).reasons.some((r) => r.rule === d.id);
        assert.equal(fired, want, `${d.file}:${d.line} ${d.id}: in the assessment of ${JSON.stringify(example)}`);
      }
    }
  }
});
