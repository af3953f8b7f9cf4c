import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { assess } from "../engine/assess.js";
import { simulate } from "../interview/simulate.js";
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

/** The interview's targets: 0 under-triage, triage equal to the full case in 95%, median <= 12, max <= 25 questions. */
function checkInterview(file: URL): void {
  const parsed = parseVignettes(JSON.parse(readFileSync(file, "utf8")));
  assert.ok(parsed.ok);
  const questions: number[] = [];
  let same = 0;
  for (const v of parsed.value) {
    const run = simulate(v.case, k);
    const o = judge(v, run.result.triage, run.result.conditions.map((c) => c.id));
    assert.notEqual(o.verdict, "under", `${v.id}: interview ${o.got} < ${o.expected}`);
    if (run.result.triage === assess(v.case, k).triage) same++;
    questions.push(run.questions_asked);
  }
  questions.sort((a, b) => a - b);
  const mid = Math.floor(questions.length / 2);
  const median = questions.length % 2 ? questions[mid]! : (questions[mid - 1]! + questions[mid]!) / 2;
  assert.ok(same / parsed.value.length >= 0.95, `agreement ${same}/${parsed.value.length}`);
  assert.ok(median <= 12, `median ${median}`);
  assert.ok(questions.at(-1)! <= 25, `max ${questions.at(-1)}`);
}

test("interview on the project vignettes meets its targets", () => {
  checkInterview(new URL("../../test/vignettes/project.json", import.meta.url));
});

test("interview on the development vignettes meets its targets", { skip: !existsSync(dev) && "shared/vignettes is not beside the repository" }, () => {
  checkInterview(dev);
});
