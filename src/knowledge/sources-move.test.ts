import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { readRawKnowledge } from "./load.js";

/**
 * The move of the knowledge from machine-written JSON to reviewable YAML sources was lossless: the
 * compiled form equals the JSON it replaced, item by item (rules are now grouped by family, so they are
 * compared by id; findings, conditions and advice keep their order). This fixture is deleted by the first
 * commit that changes a rule; the commit that moved the knowledge passed this test.
 */
const before = (name: string): { id: string }[] =>
  JSON.parse(readFileSync(new URL(`../../test/fixtures/knowledge-before-move/${name}.json`, import.meta.url), "utf8"));

test("the YAML sources compile to exactly the JSON they replaced", () => {
  const raw = readRawKnowledge();
  assert.ok(raw.ok, raw.ok ? "" : JSON.stringify(raw.problems));
  const k = raw.value;
  assert.deepEqual(k.findings, before("findings"));
  assert.deepEqual(k.conditions, before("conditions"));
  assert.deepEqual(k.advice, before("advice").map((a) => ({ priority: 0, ...a })));
  const byId = <T extends { id: string }>(xs: T[]): Map<string, T> => new Map(xs.map((x) => [x.id, x]));
  const rules = k.rules as { id: string }[];
  assert.equal(rules.length, before("triage-rules").length);
  assert.deepEqual(byId(rules), byId(before("triage-rules")));
});
