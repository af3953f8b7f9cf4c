import { assess } from "../engine/assess.js";
import { simulate, type Absent } from "../interview/simulate.js";
import { judge, summarize, type Summary, type VignetteOutcome } from "../eval/metrics.js";
import { parseVignettes } from "../eval/vignettes.js";
import type { Knowledge } from "../knowledge/schema.js";
import { TRIAGE_LEVELS, type Triage } from "../engine/types.js";
import { EXIT, reportProblems, type Io } from "./io.js";
import { readJsonInput } from "./read-input.js";

export interface EvalOptions {
  json?: boolean;
  /** Also run the adaptive interview on each vignette. */
  interview?: boolean;
}

const pct = (x: number | null): string => (x === null ? "n/a" : `${(x * 100).toFixed(1)}%`);

function table(outcomes: VignetteOutcome[], interviews?: VignetteOutcome[]): string {
  const rows = [
    [
      "case",
      "expected",
      "got",
      "verdict",
      "condition",
      "top 3",
      "top-3 ok",
      ...(interviews ? ["interview", "questions"] : []),
    ],
  ];
  outcomes.forEach((o, i) => {
    const iv = interviews?.[i];
    rows.push([
      o.id,
      o.expected,
      o.got,
      o.verdict,
      o.expected_condition,
      o.top3.join(", "),
      o.top3_ok ? "yes" : "NO",
      ...(iv ? [`${iv.got} (${iv.verdict})`, String(iv.questions_asked)] : []),
    ]);
  });
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** Rows: the level wanted (the vignette's best answer); columns: the level given. Under-triage sits left of the diagonal. */
export function triageMatrix(outcomes: VignetteOutcome[]): Record<Triage, Record<Triage, number>> {
  const m = Object.fromEntries(
    TRIAGE_LEVELS.map((w) => [w, Object.fromEntries(TRIAGE_LEVELS.map((g) => [g, 0]))]),
  ) as Record<Triage, Record<Triage, number>>;
  for (const o of outcomes) m[o.expected][o.got]++;
  return m;
}

export function matrixLines(m: Record<Triage, Record<Triage, number>>): string[] {
  const levels = [...TRIAGE_LEVELS].reverse();
  const w = Math.max(...levels.map((l) => l.length)) + 2;
  const head = `${"wanted \\ given".padEnd(w + 2)}${levels.map((l) => l.padStart(w)).join("")}`;
  return [
    head,
    ...levels.map((want) => `${want.padEnd(w + 2)}${levels.map((got) => String(m[want][got]).padStart(w)).join("")}`),
  ];
}

export function summaryLines(s: Summary): string[] {
  const lines = [
    `triage: exact ${pct(s.triage_exact)}, acceptable ${pct(s.triage_acceptable)} (${s.cases} cases)`,
    `safety: under-triage ${s.under_triage}, over-triage ${s.over_triage}, emergency sensitivity ${pct(s.emergency_sensitivity)}`,
    `conditions: top-1 ${pct(s.condition_top1)}, top-3 ${pct(s.condition_top3)}`,
  ];
  if (s.questions_median !== undefined)
    lines.push(`interview: median questions ${s.questions_median}, max ${s.questions_max}`);
  return lines;
}

export function evalCommand(file: string, opts: EvalOptions, k: Knowledge, io: Io): number {
  const input = readJsonInput(file, io.stdin);
  if (!input.ok) return reportProblems(io, input.problems);
  const vignettes = parseVignettes(input.value);
  if (!vignettes.ok) return reportProblems(io, vignettes.problems, "invalid vignettes");
  const outcomes = vignettes.value.map((v) => {
    const r = assess(v.case, k);
    return judge(
      v,
      r.triage,
      r.conditions.map((c) => c.id),
    );
  });
  const summary = summarize(outcomes);
  const matrix = triageMatrix(outcomes);
  if (!opts.interview) {
    if (opts.json) io.out(JSON.stringify({ summary, matrix, outcomes }, null, 2));
    else io.out([table(outcomes), "", ...summaryLines(summary), "", ...matrixLines(matrix)].join("\n"));
    return EXIT.ok;
  }
  // Agreement and question counts are measured as a person without the unmentioned symptoms answers
  // (--absent no); under-triage is measured both ways.
  const run = (absent: Absent): VignetteOutcome[] =>
    vignettes.value.map((v) => {
      const r = simulate(v.case, k, absent);
      return {
        ...judge(
          v,
          r.result.triage,
          r.result.conditions.map((c) => c.id),
        ),
        questions_asked: r.questions_asked,
      };
    });
  const interviews = run("no");
  const unknownMode = run("unknown");
  const interviewSummary = summarize(interviews);
  const unknownSummary = summarize(unknownMode);
  const agreement = interviews.filter((o, i) => o.got === outcomes[i]!.got).length / Math.max(1, interviews.length);
  if (opts.json) {
    io.out(
      JSON.stringify(
        {
          summary,
          matrix,
          outcomes,
          interview: {
            absent: "no",
            summary: interviewSummary,
            matrix: triageMatrix(interviews),
            agreement_with_full_case: agreement,
            outcomes: interviews,
          },
          interview_unknown: {
            absent: "unknown",
            summary: unknownSummary,
            matrix: triageMatrix(unknownMode),
            outcomes: unknownMode,
          },
        },
        null,
        2,
      ),
    );
  } else {
    io.out(
      [
        table(outcomes, interviews),
        "",
        "full case:",
        ...summaryLines(summary).map((l) => `  ${l}`),
        ...matrixLines(matrix).map((l) => `  ${l}`),
        "interview (--absent no: a missing yes/no finding is answered no):",
        ...summaryLines(interviewSummary).map((l) => `  ${l}`),
        `  interview triage equals the full-case triage in ${pct(agreement)} of cases`,
        ...matrixLines(triageMatrix(interviews)).map((l) => `  ${l}`),
        'interview (--absent unknown: everything missing is answered "I don\'t know"):',
        ...summaryLines(unknownSummary).map((l) => `  ${l}`),
      ].join("\n"),
    );
  }
  return EXIT.ok;
}
