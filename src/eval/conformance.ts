import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { assess } from "../engine/assess.js";
import { triageRank, TRIAGE_LEVELS, type Case, type Triage } from "../engine/types.js";
import { validateCase } from "../case/validate-case.js";
import { simulate } from "../interview/simulate.js";
import { KNOWLEDGE_DIR } from "../knowledge/load.js";
import type { Knowledge } from "../knowledge/schema.js";

/**
 * The guideline conformance table (knowledge/conformance/*.yaml): one guideline statement per row, the
 * smallest case that makes it apply, and the levels it allows. It was written from the guidelines, not from
 * the rules, so it can catch a rule that is wrong; see knowledge/conformance/README.md.
 */
export interface ConformanceRow {
  id: string;
  statement: string;
  source: string;
  case: Case;
  at_least: Triage;
  at_most?: Triage;
  must_rule_out?: string[];
  file: string;
  line: number;
}

export function readConformance(dir = join(KNOWLEDGE_DIR, "conformance")): {
  rows: ConformanceRow[];
  problems: string[];
} {
  const rows: ConformanceRow[] = [];
  const problems: string[] = [];
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith(".yaml") && n !== "sources-proposed.yaml")
    .sort()) {
    const lines = new LineCounter();
    const doc = parseDocument(readFileSync(join(dir, f), "utf8"), { lineCounter: lines });
    if (doc.errors.length) {
      problems.push(`${f}: ${doc.errors[0]!.message}`);
      continue;
    }
    const items = doc.toJS() as unknown[];
    items.forEach((item, i) => {
      const node = doc.getIn([i], true) as { range?: [number, number, number] } | undefined;
      const line = node?.range ? lines.linePos(node.range[0]).line : 0;
      const r = item as Partial<ConformanceRow>;
      const where = `knowledge/conformance/${f}:${line} ${r.id ?? "?"}`;
      if (!r.id || !r.statement || !r.source || !r.case || !r.at_least)
        return void problems.push(`${where}: needs id, statement, source, case and at_least`);
      if (!TRIAGE_LEVELS.includes(r.at_least) || (r.at_most && !TRIAGE_LEVELS.includes(r.at_most)))
        return void problems.push(`${where}: unknown level`);
      const valid = validateCase(r.case);
      if (!valid.ok)
        return void problems.push(`${where}: ${valid.problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
      rows.push({ ...(r as ConformanceRow), file: `knowledge/conformance/${f}`, line });
    });
  }
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.id)) problems.push(`${r.file}:${r.line}: duplicate id ${r.id}`);
    seen.add(r.id);
  }
  return { rows, problems };
}

/** Why a row fails, or nothing: the assessment of the case as given, and the simulated interview (--absent no). */
export function checkRow(row: ConformanceRow, k: Knowledge): string[] {
  const failures: string[] = [];
  const within = (got: Triage): boolean =>
    triageRank(got) >= triageRank(row.at_least) &&
    (row.at_most === undefined || triageRank(got) <= triageRank(row.at_most));
  const bounds = `${row.at_least}${row.at_most ? `..${row.at_most}` : "+"}`;
  const a = assess(row.case, k);
  if (!within(a.triage)) failures.push(`assess gave ${a.triage}, wanted ${bounds}`);
  const missing = (row.must_rule_out ?? []).filter((id) => !a.must_rule_out.some((m) => m.id === id));
  if (missing.length)
    failures.push(
      `must rule out ${missing.join(", ")}; listed ${a.must_rule_out.map((m) => m.id).join(", ") || "none"}`,
    );
  const s = simulate(row.case, k, "no");
  if (!within(s.result.triage)) failures.push(`interview (--absent no) gave ${s.result.triage}, wanted ${bounds}`);
  return failures;
}
