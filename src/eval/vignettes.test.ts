import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { assess } from "../engine/assess.js";
import { defaultKnowledge } from "../knowledge/load.js";
import { judge, summarize } from "./metrics.js";
import { parseVignettes } from "./vignettes.js";

const k = defaultKnowledge();

/** The targets: 0 under-triage, at least 90% acceptable triage, at least 85% top-3 conditions. */
function checkTargets(file: URL): void {
  const parsed = parseVignettes(JSON.parse(readFileSync(file, "utf8")));
  assert.ok(parsed.ok, parsed.ok ? "" : JSON.stringify(parsed.problems));
  const outcomes = parsed.value.map((v) => {
    const r = assess(v.case, k);
    return judge(v, r.triage, r.conditions.map((c) => c.id));
  });
  const s = summarize(outcomes);
  const under = outcomes.filter((o) => o.verdict === "under").map((o) => `${o.id}: ${o.got} < ${o.expected}`);
  assert.deepEqual(under, [], "under-triage");
  assert.ok(s.triage_acceptable >= 0.9, `acceptable triage ${s.triage_acceptable}`);
  assert.ok(s.condition_top3 >= 0.85, `top-3 ${s.condition_top3}`);
  assert.equal(s.emergency_sensitivity, 1);
}

test("project vignettes (test/vignettes/project.json) meet the targets", () => {
  checkTargets(new URL("../../test/vignettes/project.json", import.meta.url));
});

const dev = new URL("../../../shared/vignettes/dev.json", import.meta.url);
test("development vignettes (shared/vignettes/dev.json) meet the targets", { skip: !existsSync(dev) && "shared/vignettes is not beside the repository" }, () => {
  checkTargets(dev);
});
