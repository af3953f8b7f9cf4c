/**
 * Mutation testing of the triage rules (issue 17): each warning-sign rule is changed in memory, one small
 * change at a time, and the fast clinical tests whose answers are written down independently of the rule run
 * against the changed knowledge. A change that no test notices is a "survivor": either the tests miss a
 * guideline statement, or the change is harmless. The knowledge files are never written.
 *
 * Mutants: the level lowered by one (emergency→urgent→doctor→self_care), and, for a rule whose condition is
 * an all / any / at-least-of, the same rule with one top-level operand removed.
 * Tests, cheapest first, stopping at the first that kills: the conformance table through `assess`; the
 * vignette targets (project, dev, dev2) through `assess`; the other rules' fires / does_not_fire examples
 * (never the mutated rule's own: they would kill it trivially); the conformance table through the
 * simulated interview.
 *
 * Prints each survivor, `killed K of N`, and `emergency and urgent rules: killed K of N`; exits 1 when a
 * mutant of an emergency or urgent rule survives.
 */
import { existsSync, readFileSync } from "node:fs";
import { assess } from "../src/engine/assess.js";
import { triageRank, type Case, type Triage } from "../src/engine/types.js";
import { readConformance, type ConformanceRow } from "../src/eval/conformance.js";
import { judge, summarize } from "../src/eval/metrics.js";
import { parseVignettes } from "../src/eval/vignettes.js";
import { simulate } from "../src/interview/simulate.js";
import { defaultKnowledge, readRuleDocs } from "../src/knowledge/load.js";
import type { Predicate } from "../src/knowledge/predicate.js";
import { fieldsOf, nodeOf } from "../src/knowledge/predicate-walk.js";
import type { Knowledge } from "../src/knowledge/schema.js";

type Rule = Knowledge["rules"][number];
interface Mutant {
  rule: string;
  level: Triage;
  what: string;
  change: (r: Rule) => void;
}

const base = defaultKnowledge();
const docs = readRuleDocs();
const LOWER: Partial<Record<Triage, Triage>> = { emergency: "urgent", urgent: "doctor", doctor: "self_care" };

// ---------- the mutants ----------
const describe = (p: Predicate): string => {
  const s = JSON.stringify(p);
  return s.length > 70 ? `${s.slice(0, 67)}...` : s;
};

function mutantsOf(rule: Rule): Mutant[] {
  const out: Mutant[] = [];
  const lower = LOWER[rule.level];
  if (lower)
    out.push({
      rule: rule.id,
      level: rule.level,
      what: `level ${rule.level} -> ${lower}`,
      change: (r) => {
        r.level = lower;
      },
    });
  // The predicate's parts through the one walker (predicate-walk.ts); a group's op is its key in the rule.
  const node = nodeOf(rule.when as Predicate);
  // A single leaf or a `not` has no operand to remove: removing it would leave no condition at all.
  if (node.kind === "group" && node.children.length > 1) {
    const { op, children, need } = node;
    const kind = op === "of" ? `atLeast ${need} of` : op;
    children.forEach((child, i) => {
      // At least n of fewer than n operands can never be true; that is the same as deleting the rule.
      if (op === "of" && children.length - 1 < need) return;
      out.push({
        rule: rule.id,
        level: rule.level,
        what: `drop ${kind}[${i}] ${describe(child)}`,
        change: (r) => {
          const m = r.when as unknown as Record<string, Predicate[]>;
          m[op] = m[op]!.filter((_, j) => j !== i);
        },
      });
    });
  }
  return out;
}

// ---------- the tests ----------
const { rows, problems } = readConformance();
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(2);
}

const vignetteFiles = [
  new URL("../test/vignettes/project.json", import.meta.url),
  new URL("../../shared/vignettes/dev.json", import.meta.url),
  new URL("../../shared/vignettes/dev2.json", import.meta.url),
].filter((u) => existsSync(u));
const vignetteSets = vignetteFiles.map((u) => {
  const parsed = parseVignettes(JSON.parse(readFileSync(u, "utf8")));
  if (!parsed.ok) throw new Error(`${u.pathname}: ${JSON.stringify(parsed.problems)}`);
  return { name: u.pathname.split("/").slice(-1)[0]!, cases: parsed.value };
});

/** The same targets as src/eval/vignettes.test.ts (assess only; the interview is the conformance table's). */
function vignetteFailure(k: Knowledge): string | undefined {
  for (const set of vignetteSets) {
    const outcomes = set.cases.map((v) => {
      const r = assess(v.case, k);
      return judge(
        v,
        r.triage,
        r.conditions.map((c) => c.id),
      );
    });
    const s = summarize(outcomes);
    const under = outcomes.find((o) => o.verdict === "under");
    if (under) return `vignette ${set.name} ${under.id}: ${under.got} < ${under.expected}`;
    if (s.triage_acceptable < 0.97) return `vignettes ${set.name}: acceptable triage ${s.triage_acceptable}`;
    if (s.over_triage > Math.floor((2 * s.cases) / 60)) return `vignettes ${set.name}: over-triage ${s.over_triage}`;
    if (s.condition_top3 < 0.95) return `vignettes ${set.name}: top-3 ${s.condition_top3}`;
    if ((s.emergency_sensitivity ?? 1) < 0.95)
      return `vignettes ${set.name}: emergency sensitivity ${s.emergency_sensitivity}`;
  }
  return undefined;
}

const within = (row: ConformanceRow, got: Triage): boolean =>
  triageRank(got) >= triageRank(row.at_least) &&
  (row.at_most === undefined || triageRank(got) <= triageRank(row.at_most));

function conformanceAssessFailure(k: Knowledge): string | undefined {
  for (const row of rows) {
    const a = assess(row.case, k);
    if (!within(row, a.triage)) return `conformance ${row.id} (${row.file}:${row.line}): assess gave ${a.triage}`;
    const missing = (row.must_rule_out ?? []).filter((id) => !a.must_rule_out.some((m) => m.id === id));
    if (missing.length) return `conformance ${row.id}: must rule out ${missing.join(", ")}`;
  }
  return undefined;
}

/**
 * The interview runs for the rows whose case gives a field the rule reads (or every row with
 * --full-interview). A row that gives none of them answers the rule's yes/no findings "no" and the rest
 * "don't know", so the changed rule can hardly decide its level; skipping those rows keeps a run to minutes.
 */
const fullInterview = process.argv.includes("--full-interview");
function conformanceInterviewFailure(k: Knowledge, fields?: Set<string>): string | undefined {
  for (const row of rows) {
    if (fields && !fullInterview && !Object.keys(row.case).some((f) => fields.has(f))) continue;
    const s = simulate(row.case, k, "no");
    if (!within(row, s.result.triage))
      return `conformance ${row.id} (${row.file}:${row.line}): interview gave ${s.result.triage}`;
  }
  return undefined;
}

/** The other rules' examples: each must still fire (or not) in the assessment, as in rule-examples.test.ts. */
function examplesFailure(k: Knowledge, except: string): string | undefined {
  for (const d of docs) {
    if (d.id === except) continue;
    for (const [list, want] of [
      [d.fires, true],
      [d.does_not_fire, false],
    ] as const) {
      for (const example of list) {
        const fired = assess(example as unknown as Case, k).reasons.some((r) => r.rule === d.id);
        if (fired !== want) return `example of ${d.id}: ${JSON.stringify(example)}`;
      }
    }
  }
  return undefined;
}

function killedBy(k: Knowledge, rule: string, fields?: Set<string>): string | undefined {
  return (
    conformanceAssessFailure(k) ??
    vignetteFailure(k) ??
    examplesFailure(k, rule) ??
    conformanceInterviewFailure(k, fields)
  );
}

// The unmutated knowledge must pass every test, or a mutant would count as killed for nothing.
const baseFailure = killedBy(base, "");
if (baseFailure) {
  console.error(`the knowledge as it is fails a test, fix that first: ${baseFailure}`);
  process.exit(2);
}

// ---------- the run ----------
const verbose = process.argv.includes("--verbose");
const warningSign = (l: Triage): boolean => l === "emergency" || l === "urgent";
// --rule a,b limits the run to those rules' mutants (to check a new conformance row quickly).
const only = process.argv
  .find((a) => a.startsWith("--rule="))
  ?.slice(7)
  .split(",");
const mutants = base.rules.filter((r) => r.level !== "self_care" && (!only || only.includes(r.id))).flatMap(mutantsOf);
let killed = 0;
let serious = 0;
let seriousKilled = 0;
const started = Date.now();
for (const m of mutants) {
  const k = structuredClone(base);
  const rule = k.rules.find((r) => r.id === m.rule)!;
  // Read from the unchanged knowledge: the walker caches each predicate's parts, and the clone is changed next.
  const fields = new Set(fieldsOf(base.rules.find((r) => r.id === m.rule)!.when as Predicate));
  m.change(rule);
  const by = killedBy(k, m.rule, fields);
  if (warningSign(m.level)) serious++;
  if (by) {
    killed++;
    if (warningSign(m.level)) seriousKilled++;
    if (verbose) console.log(`killed   ${m.level.padEnd(9)} ${m.rule}: ${m.what}  <- ${by}`);
  } else {
    console.log(`survived ${m.level.padEnd(9)} ${m.rule}: ${m.what}`);
  }
}
console.log(`killed ${killed} of ${mutants.length}`);
console.log(`emergency and urgent rules: killed ${seriousKilled} of ${serious}`);
console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
process.exit(seriousKilled === serious ? 0 : 1);
