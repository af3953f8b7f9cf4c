// The golden-results harness: every input the engine's callers use, run through `assess` and the interview,
// so that a refactor can be proven to change nothing. `npm run golden:update` writes the fixture,
// src/engine/assess.golden.test.ts compares against it. Test support only: the product never imports it.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { gunzipSync, gzipSync } from "node:zlib";
import fc from "fast-check";
import { answer, UNKNOWN } from "../interview/answer.js";
import { nextStep } from "../interview/next-step.js";
import { emptyState, type InterviewState } from "../interview/state.js";
import type { Knowledge } from "../knowledge/schema.js";
import { assess, type AssessOptions, type Assessment } from "./assess.js";
import { caseArbitrary, realisticCaseArbitrary } from "./test-arbitraries.js";
import type { Case } from "./types.js";

export const FIXTURE = new URL("./fixtures/golden-results.json.gz", import.meta.url);

/** Where the vignettes come from: the shared ones sit beside the repository, as in src/eval/vignettes.test.ts. */
export const SOURCES: { name: string; url: URL; shared: boolean }[] = [
  { name: "project", url: new URL("../../test/vignettes/project.json", import.meta.url), shared: false },
  { name: "dev", url: new URL("../../../shared/vignettes/dev.json", import.meta.url), shared: true },
  { name: "dev2", url: new URL("../../../shared/vignettes/dev2.json", import.meta.url), shared: true },
];

/** Fixed seeds: the generated cases are stored in the fixture too, so a knowledge change cannot move them. */
const GENERATED = { realistic: { seed: 20261127, numRuns: 150 }, random: { seed: 1207, numRuns: 150 } };
/** How many generated cases also run the interview (it is slower than `assess`). */
const INTERVIEWED_GENERATED = 40;

export interface GoldenCase {
  key: string;
  case: Case;
  /** Shared vignettes are skipped when shared/ is not beside the repository. */
  shared: boolean;
  interview: boolean;
}

export interface InterviewTrace {
  /** Each step: question id, phase and the red flags left (as the interface shows them). */
  steps: string[];
  triage: string;
  conditions: string[];
  must_rule_out: string[];
}

/** A variant whose result equals the default one is stored as this marker, to keep the fixture small. */
export const SAME_AS_DEFAULT = "=default";

export interface GoldenEntry {
  key: string;
  /** The input, for the project's own and generated cases; shared vignettes are read from ../shared. */
  case?: Case;
  /** For a shared vignette: the hash of its case, so an edited shared file is told apart from an engine change. */
  case_sha256?: string;
  results: Record<string, Assessment | typeof SAME_AS_DEFAULT>;
  interview?: Record<string, InterviewTrace>;
}

export const caseHash = (c: Case): string => createHash("sha256").update(JSON.stringify(c)).digest("hex");

/** The option sets the callers pass: none (CLI, HTTP, eval), a country (HTTP), the interview's "don't know" answers. */
export function optionVariants(c: Case, k: Knowledge): Record<string, AssessOptions> {
  const record = c as unknown as Record<string, unknown>;
  const missing = k.findings.map((f) => f.id).filter((id) => record[id] === undefined);
  return {
    default: {},
    country_gb: { country: "gb" },
    country_unknown: { country: "ZZ" },
    asked_unknown_all: { askedUnknown: missing },
    asked_unknown_half: { askedUnknown: missing.filter((_, i) => i % 2 === 0), country: "US" },
  };
}

/** Runs the interview answering from the case (as `simulate` does), recording every step. */
export function traceInterview(c: Case, k: Knowledge, absent: "unknown" | "no"): InterviewTrace {
  const kinds = new Map(k.findings.map((f) => [f.id, f.kind]));
  const from = c as unknown as Record<string, unknown>;
  const missing = (field: string): unknown => (absent === "no" && kinds.get(field) === "boolean" ? false : UNKNOWN);
  let state: InterviewState = emptyState();
  const steps: string[] = [];
  for (let i = 0; i < 200; i++) {
    const step = nextStep(state, k);
    if (step.done) {
      return {
        steps,
        triage: step.result.triage,
        conditions: step.result.conditions.map((x) => x.id),
        must_rule_out: step.result.must_rule_out.map((m) => `${m.id}:${m.rules.join("+")}`),
      };
    }
    const q = step.question;
    steps.push(`${q.id}|${q.kind}|${q.fields.join("+")}|${step.phase}|${step.red_flags_left}`);
    const reply =
      q.kind === "checklist"
        ? Object.fromEntries(q.fields.map((f) => [f, from[f] ?? missing(f)]))
        : (from[q.id] ?? missing(q.id));
    const next = answer(state, q, reply, k);
    if (!next.ok) throw new Error(`golden: the case's own answer was refused: ${JSON.stringify(next.problems)}`);
    state = next.value;
  }
  throw new Error("golden: the interview did not end");
}

/** The inputs: vignette cases as files hold them, plus generated cases (only when writing the fixture). */
export function vignetteCases(): GoldenCase[] {
  const out: GoldenCase[] = [];
  for (const s of SOURCES) {
    if (!existsSync(s.url)) continue;
    const list = JSON.parse(readFileSync(s.url, "utf8")) as { id: string; case: Case }[];
    for (const v of list) out.push({ key: `${s.name}/${v.id}`, case: v.case, shared: s.shared, interview: true });
  }
  return out;
}

export function generatedCases(k: Knowledge): GoldenCase[] {
  const realistic = fc.sample(realisticCaseArbitrary(k), GENERATED.realistic);
  const random = fc.sample(caseArbitrary(k), GENERATED.random);
  return [
    ...realistic.map((c, i) => ({
      key: `generated/realistic/${i}`,
      case: c,
      shared: false,
      interview: i < INTERVIEWED_GENERATED,
    })),
    ...random.map((c, i) => ({ key: `generated/random/${i}`, case: c, shared: false, interview: false })),
  ];
}

/** What the engine says now about one input. */
export function computeEntry(g: GoldenCase, k: Knowledge): GoldenEntry {
  const results: Record<string, Assessment | typeof SAME_AS_DEFAULT> = {};
  const base = assess(g.case, k);
  for (const [name, opts] of Object.entries(optionVariants(g.case, k))) {
    const r = name === "default" ? base : assess(g.case, k, opts);
    results[name] = name !== "default" && isDeepStrictEqual(r, base) ? SAME_AS_DEFAULT : r;
  }
  const entry: GoldenEntry = {
    key: g.key,
    ...(g.shared ? { case_sha256: caseHash(g.case) } : { case: g.case }),
    results,
  };
  if (g.interview)
    entry.interview = { unknown: traceInterview(g.case, k, "unknown"), no: traceInterview(g.case, k, "no") };
  // As the callers see it, in JSON: a score of -0 is written "0", and that is what must stay the same.
  // The knowledge version is a hash of all the knowledge, texts included: any edited sentence changes it, and
  // src/knowledge/compiled.test.ts tests it. Recording it here would make every text edit look like an
  // engine change, so it is left out of the comparison.
  return JSON.parse(
    JSON.stringify(entry, (key, value) => (key === "knowledge_version" ? undefined : value)),
  ) as GoldenEntry;
}

export const writeFixture = (entries: GoldenEntry[]): Buffer => gzipSync(JSON.stringify(entries), { level: 9 });
export const readFixture = (path: URL = FIXTURE): GoldenEntry[] =>
  JSON.parse(gunzipSync(readFileSync(path)).toString("utf8")) as GoldenEntry[];

/** The fixture's inputs again, shared vignettes read from ../shared (absent: `missingShared` lists them). */
export function fixtureInputs(entries: GoldenEntry[]): {
  inputs: { entry: GoldenEntry; input: GoldenCase }[];
  missingShared: string[];
  changedShared: string[];
} {
  const shared = new Map(vignetteCases().map((g) => [g.key, g]));
  const inputs: { entry: GoldenEntry; input: GoldenCase }[] = [];
  const missingShared: string[] = [];
  const changedShared: string[] = [];
  for (const entry of entries) {
    if (entry.case) {
      inputs.push({
        entry,
        input: { key: entry.key, case: entry.case, shared: false, interview: entry.interview !== undefined },
      });
      continue;
    }
    const g = shared.get(entry.key);
    if (!g) missingShared.push(entry.key);
    else if (caseHash(g.case) !== entry.case_sha256) changedShared.push(entry.key);
    else inputs.push({ entry, input: { ...g, interview: entry.interview !== undefined } });
  }
  return { inputs, missingShared, changedShared };
}

/** Byte for byte as JSON, key order included: what a caller reads must not move at all. */
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The top-level fields in which two entries differ, as "variant.field" (and "interview.mode.field"). */
export function differences(before: GoldenEntry, after: GoldenEntry): string[] {
  const out: string[] = [];
  const expand = (e: GoldenEntry, v: string): Record<string, unknown> => {
    const r = e.results[v];
    return (r === SAME_AS_DEFAULT ? e.results["default"] : r) as unknown as Record<string, unknown>;
  };
  for (const v of new Set([...Object.keys(before.results), ...Object.keys(after.results)])) {
    const a = expand(before, v) ?? {};
    const b = expand(after, v) ?? {};
    if (!same(Object.keys(a), Object.keys(b)) && same(new Set(Object.keys(a)).size, new Set(Object.keys(b)).size))
      out.push(`${v}.(field order)`);
    for (const f of new Set([...Object.keys(a), ...Object.keys(b)])) if (!same(a[f], b[f])) out.push(`${v}.${f}`);
  }
  for (const mode of new Set([...Object.keys(before.interview ?? {}), ...Object.keys(after.interview ?? {})])) {
    const a = (before.interview?.[mode] ?? {}) as unknown as Record<string, unknown>;
    const b = (after.interview?.[mode] ?? {}) as unknown as Record<string, unknown>;
    for (const f of new Set([...Object.keys(a), ...Object.keys(b)]))
      if (!same(a[f], b[f])) out.push(`interview.${mode}.${f}`);
  }
  return out;
}
