import { test } from "node:test";
import assert from "node:assert/strict";
import { checkRow, readConformance } from "../eval/conformance.js";
import { defaultKnowledge } from "./load.js";

// Every row of the guideline conformance table holds, both for the case as given and for the simulated
// interview. The expected levels are written in the table, from the guidelines, never read from the rules.
const k = defaultKnowledge();
const { rows, problems } = readConformance();

test("the conformance table is well formed and has at least 120 rows", () => {
  assert.deepEqual(problems, []);
  assert.ok(rows.length >= 120, `${rows.length} rows`);
  assert.ok(
    rows.filter((r) => r.at_most === "self_care" || r.at_most === "doctor").length >= 30,
    "over-triage guard rows",
  );
  const sources = new Set(k.sources.map((s) => s.id));
  assert.deepEqual(
    rows.filter((r) => !sources.has(r.source)).map((r) => `${r.id}: ${r.source}`),
    [],
  );
  const conditions = new Set(k.conditions.map((c) => c.id));
  assert.deepEqual(
    rows.flatMap((r) => (r.must_rule_out ?? []).filter((c) => !conditions.has(c))),
    [],
  );
});

for (const file of [...new Set(rows.map((r) => r.file))]) {
  test(`conformance: ${file}`, () => {
    const failures = rows
      .filter((r) => r.file === file)
      .flatMap((r) => checkRow(r, k).map((f) => `${r.file}:${r.line} ${r.id}: ${f}`));
    assert.deepEqual(failures, []);
  });
}
