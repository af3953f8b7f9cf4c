import { triageRank, type Triage } from "../engine/types.js";

export interface Vignette {
  id: string;
  story?: string;
  case: unknown;
  expect: { triage: Triage; triage_ok: Triage[]; condition: string; condition_ok: string[] };
}

export interface VignetteOutcome {
  id: string;
  expected: Triage;
  got: Triage;
  /** under: below the least urgent acceptable level (unsafe); over: above the most urgent acceptable. */
  verdict: "exact" | "acceptable" | "under" | "over";
  expected_condition: string;
  top3: string[];
  top1_ok: boolean;
  top3_ok: boolean;
  questions_asked?: number;
}

export interface Summary {
  cases: number;
  triage_exact: number;
  triage_acceptable: number;
  under_triage: number;
  over_triage: number;
  /** Of the cases whose best answer is emergency, the share answered emergency. */
  emergency_sensitivity: number | null;
  condition_top1: number;
  condition_top3: number;
  questions_median?: number;
  questions_max?: number;
}

export function judge(v: Vignette, got: Triage, conditionIds: string[]): VignetteOutcome {
  const ranks = v.expect.triage_ok.map(triageRank);
  const r = triageRank(got);
  const verdict =
    got === v.expect.triage
      ? "exact"
      : v.expect.triage_ok.includes(got)
        ? "acceptable"
        : r < Math.min(...ranks)
          ? "under"
          : "over";
  const top3 = conditionIds.slice(0, 3);
  return {
    id: v.id,
    expected: v.expect.triage,
    got,
    verdict,
    expected_condition: v.expect.condition,
    top3,
    top1_ok: conditionIds[0] !== undefined && v.expect.condition_ok.includes(conditionIds[0]),
    top3_ok: top3.some((c) => v.expect.condition_ok.includes(c)),
  };
}

const share = (n: number, of: number): number => (of === 0 ? 0 : n / of);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function summarize(outcomes: VignetteOutcome[]): Summary {
  const n = outcomes.length;
  const count = (p: (o: VignetteOutcome) => boolean): number => outcomes.filter(p).length;
  const emergencies = outcomes.filter((o) => o.expected === "emergency");
  const summary: Summary = {
    cases: n,
    triage_exact: share(
      count((o) => o.verdict === "exact"),
      n,
    ),
    triage_acceptable: share(
      count((o) => o.verdict === "exact" || o.verdict === "acceptable"),
      n,
    ),
    under_triage: count((o) => o.verdict === "under"),
    over_triage: count((o) => o.verdict === "over"),
    emergency_sensitivity: emergencies.length
      ? share(emergencies.filter((o) => o.got === "emergency").length, emergencies.length)
      : null,
    condition_top1: share(
      count((o) => o.top1_ok),
      n,
    ),
    condition_top3: share(
      count((o) => o.top3_ok),
      n,
    ),
  };
  const qs = outcomes.flatMap((o) => (o.questions_asked === undefined ? [] : [o.questions_asked]));
  if (qs.length) {
    summary.questions_median = median(qs);
    summary.questions_max = Math.max(...qs);
  }
  return summary;
}
