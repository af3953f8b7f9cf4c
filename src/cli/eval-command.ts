import { assess } from "../engine/assess.js";
import { simulate } from "../interview/simulate.js";
import { judge, summarize, type Summary, type VignetteOutcome } from "../eval/metrics.js";
import { parseVignettes } from "../eval/vignettes.js";
import type { Knowledge } from "../knowledge/schema.js";
import { EXIT, reportProblems, type Io } from "./io.js";
import { readJsonInput } from "./read-input.js";

export interface EvalOptions {
  json?: boolean;
  /** Also run the adaptive interview on each vignette. */
  interview?: boolean;
}

const pct = (x: number | null): string => (x === null ? "n/a" : `${(x * 100).toFixed(1)}%`);

function table(outcomes: VignetteOutcome[], interviews?: VignetteOutcome[]): string {
  const rows = [["case", "expected", "got", "verdict", "condition", "top 3", "top-3 ok", ...(interviews ? ["interview", "questions"] : [])]];
  outcomes.forEach((o, i) => {
    const iv = interviews?.[i];
    rows.push([o.id, o.expected, o.got, o.verdict, o.expected_condition, o.top3.join(", "), o.top3_ok ? "yes" : "NO", ...(iv ? [`${iv.got} (${iv.verdict})`, String(iv.questions_asked)] : [])]);
  });
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
  if (!opts.interview) {
    if (opts.json) io.out(JSON.stringify({ summary, outcomes }, null, 2));
    else io.out([table(outcomes), "", ...summaryLines(summary)].join("\n"));
    return EXIT.ok;
  }
  const interviews = vignettes.value.map((v) => {
    const run = simulate(v.case, k);
    return { ...judge(v, run.result.triage, run.result.conditions.map((c) => c.id)), questions_asked: run.questions_asked };
  });
  const interviewSummary = summarize(interviews);
  const agreement = interviews.filter((o, i) => o.got === outcomes[i]!.got).length / Math.max(1, interviews.length);
  if (opts.json) {
    io.out(JSON.stringify({ summary, outcomes, interview: { summary: interviewSummary, agreement_with_full_case: agreement, outcomes: interviews } }, null, 2));
  } else {
    io.out(
      [
        table(outcomes, interviews),
        "",
        "full case:",
        ...summaryLines(summary).map((l) => `  ${l}`),
        "interview:",
        ...summaryLines(interviewSummary).map((l) => `  ${l}`),
        `  interview triage equals the full-case triage in ${pct(agreement)} of cases`,
      ].join("\n"),
    );
  }
  return EXIT.ok;
}
