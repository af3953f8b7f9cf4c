import { assess } from "../engine/assess.js";
import { judge, summarize, type Summary, type VignetteOutcome } from "../eval/metrics.js";
import { parseVignettes } from "../eval/vignettes.js";
import type { Knowledge } from "../knowledge/schema.js";
import { EXIT, reportProblems, type Io } from "./io.js";
import { readJsonInput } from "./read-input.js";

export interface EvalOptions {
  json?: boolean;
}

const pct = (x: number | null): string => (x === null ? "n/a" : `${(x * 100).toFixed(1)}%`);

function table(outcomes: VignetteOutcome[]): string {
  const rows = [["case", "expected", "got", "verdict", "condition", "top 3", "top-3 ok"]];
  for (const o of outcomes) {
    rows.push([o.id, o.expected, o.got, o.verdict, o.expected_condition, o.top3.join(", "), o.top3_ok ? "yes" : "NO"]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd()).join("\n");
}

export function summaryLines(s: Summary): string[] {
  const lines = [
    `triage: exact ${pct(s.triage_exact)}, acceptable ${pct(s.triage_acceptable)} (${s.cases} cases)`,
    `safety: under-triage ${s.under_triage}, over-triage ${s.over_triage}, emergency sensitivity ${pct(s.emergency_sensitivity)}`,
    `conditions: top-1 ${pct(s.condition_top1)}, top-3 ${pct(s.condition_top3)}`,
  ];
  if (s.questions_median !== undefined) lines.push(`interview: median questions ${s.questions_median}, max ${s.questions_max}`);
  return lines;
}

export function evalCommand(file: string, opts: EvalOptions, k: Knowledge, io: Io): number {
  const input = readJsonInput(file, io.stdin);
  if (!input.ok) return reportProblems(io, input.problems);
  const vignettes = parseVignettes(input.value);
  if (!vignettes.ok) return reportProblems(io, vignettes.problems, "invalid vignettes");
  const outcomes = vignettes.value.map((v) => {
    const r = assess(v.case, k);
    return judge(v, r.triage, r.conditions.map((c) => c.id));
  });
  const summary = summarize(outcomes);
  if (opts.json) io.out(JSON.stringify({ summary, outcomes }, null, 2));
  else io.out([table(outcomes), "", ...summaryLines(summary)].join("\n"));
  return EXIT.ok;
}
