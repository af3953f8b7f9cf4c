import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { isScalar, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { Problem } from "../errors/problem.js";
import { parsePredicate } from "./predicate-text.js";

/**
 * The clinical knowledge is written in YAML a reviewer can read: one file per triage-rule family
 * (knowledge/rules/), one per condition (knowledge/conditions/), the findings and the advice in one file
 * each, predicates in the compact form of predicate-text.ts, and a comment or a `why` where a choice needs
 * one. This module turns those sources into the plain objects the engine has always used (the "compiled
 * form"); validate.ts then checks them exactly as before. Every error names the file and the line.
 */

/** A rule's documentation and its examples: kept beside the compiled rules, not inside them. */
export interface RuleDoc {
  id: string;
  file: string;
  line: number;
  why: string;
  /** Minimal cases (every other field unknown) in which the rule must fire. */
  fires: Record<string, unknown>[];
  /** Minimal cases in which it must not fire. */
  does_not_fire: Record<string, unknown>[];
}

export interface CompiledSources {
  findings: unknown[];
  conditions: unknown[];
  rules: unknown[];
  advice: unknown[];
  docs: RuleDoc[];
  /** Where each compiled item came from, to turn a validation path into "file:line". */
  origins: Map<string, string>;
}

interface Loaded {
  file: string;
  doc: Document;
  lines: LineCounter;
}

function load(path: string, rel: string, problems: Problem[]): Loaded | undefined {
  let src: string;
  try {
    src = readFileSync(path, "utf8");
  } catch (e) {
    problems.push({ code: "knowledge.read", path: rel, message: (e as Error).message });
    return undefined;
  }
  const lines = new LineCounter();
  const doc = parseDocument(src, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  for (const err of doc.errors) {
    const pos = lines.linePos(err.pos[0]);
    problems.push({
      code: "knowledge.yaml",
      path: `${rel}:${pos.line}`,
      message: err.message.split("\n")[0] ?? err.message,
    });
  }
  return doc.errors.length > 0 ? undefined : { file: rel, doc, lines };
}

function lineOf(l: Loaded, node: unknown): number {
  const range = (node as Node | undefined)?.range;
  return range ? l.lines.linePos(range[0]).line : 1;
}

/** The YAML node at a path (for line numbers), or undefined. */
function nodeAt(l: Loaded, path: (string | number)[]): unknown {
  return l.doc.getIn(path, true);
}

/**
 * Replaces each predicate string at `key` of an item by its parsed form. A predicate that does not parse is
 * reported with the line and column of the mistake.
 */
function predicateAt(l: Loaded, path: (string | number)[], value: unknown, problems: Problem[]): unknown {
  if (typeof value !== "string") return value; // validate.ts reports a wrong shape with its path
  const parsed = parsePredicate(value);
  if (parsed.ok) return parsed.value;
  const node = nodeAt(l, path);
  let line = lineOf(l, node);
  // A folded block starts on the line after its key: count the lines up to the error's offset.
  if (isScalar(node) && (node.type === "BLOCK_FOLDED" || node.type === "BLOCK_LITERAL")) line += 1;
  problems.push({
    code: "knowledge.predicate",
    path: `${l.file}:${line}`,
    message: `${parsed.error.message} at "${value.slice(parsed.error.at, parsed.error.at + 30)}" (${path.join(".")})`,
  });
  return undefined;
}

const FEATURE = /^\s*([+-]?\d+(?:\.\d+)?)\s+if\s+([\s\S]+)$/;

function yamlFiles(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => n.endsWith(".yaml"))
        .sort()
    : [];
}

/** The order of the files of a folder, from knowledge/index.yaml: it decides ties, so it is explicit. */
function ordered(dir: string, rel: string, order: unknown, problems: Problem[]): string[] {
  const files = yamlFiles(dir).map((f) => basename(f, ".yaml"));
  const listed = Array.isArray(order) ? order.map(String) : [];
  for (const f of files)
    if (!listed.includes(f))
      problems.push({
        code: "knowledge.index",
        path: `knowledge/index.yaml`,
        message: `${rel}/${f}.yaml is not listed in ${rel}`,
      });
  for (const f of listed)
    if (!files.includes(f))
      problems.push({
        code: "knowledge.index",
        path: `knowledge/index.yaml`,
        message: `${rel} lists ${f}, but ${rel}/${f}.yaml does not exist`,
      });
  return listed.filter((f) => files.includes(f));
}

export function readKnowledgeSources(dir: string): { sources: CompiledSources; problems: Problem[] } {
  const problems: Problem[] = [];
  const origins = new Map<string, string>();
  const out: CompiledSources = { findings: [], conditions: [], rules: [], advice: [], docs: [], origins };
  const index = load(join(dir, "index.yaml"), "knowledge/index.yaml", problems);
  const order = (index?.doc.toJS() ?? {}) as { rules?: unknown; conditions?: unknown };

  // Findings: one list; `applies` is a predicate.
  const findings = load(join(dir, "findings.yaml"), "knowledge/findings.yaml", problems);
  if (findings) {
    const items = findings.doc.toJS() as unknown;
    if (!Array.isArray(items))
      problems.push({ code: "knowledge.yaml", path: "knowledge/findings.yaml", message: "must be a list of findings" });
    else
      items.forEach((f: Record<string, unknown>, i) => {
        note(origins, "findings", i, f, `knowledge/findings.yaml:${lineOf(findings, nodeAt(findings, [i]))}`);
        if (f && typeof f === "object" && "applies" in f)
          f["applies"] = predicateAt(findings, [i, "applies"], f["applies"], problems);
        out.findings.push(f);
      });
  }

  // Rules: one file per family; the family is the file's name.
  for (const family of ordered(join(dir, "rules"), "rules", order.rules, problems)) {
    const rel = `knowledge/rules/${family}.yaml`;
    const l = load(join(dir, "rules", `${family}.yaml`), rel, problems);
    if (!l) continue;
    const items = l.doc.toJS() as unknown;
    if (!Array.isArray(items)) {
      problems.push({ code: "knowledge.yaml", path: rel, message: "must be a list of rules" });
      continue;
    }
    items.forEach((r: Record<string, unknown>, i) => {
      const line = lineOf(l, nodeAt(l, [i]));
      const { why, fires, does_not_fire, ...rule } = r ?? {};
      note(origins, "triage-rules", out.rules.length, rule, `${rel}:${line}`);
      rule["when"] = predicateAt(l, [i, "when"], rule["when"], problems);
      out.rules.push({ id: rule["id"], family, ...rule });
      if (typeof why !== "string" || why.trim() === "")
        problems.push({
          code: "knowledge.why",
          path: `${rel}:${line}`,
          message: `rule ${String(rule["id"])} needs a one-sentence "why"`,
        });
      const cases = (v: unknown, name: string): Record<string, unknown>[] => {
        if (v === undefined) return [];
        if (!Array.isArray(v) || v.some((x) => !x || typeof x !== "object" || Array.isArray(x))) {
          problems.push({
            code: "knowledge.examples",
            path: `${rel}:${line}`,
            message: `${name} must be a list of cases`,
          });
          return [];
        }
        return v as Record<string, unknown>[];
      };
      out.docs.push({
        id: String(rule["id"]),
        file: rel,
        line,
        why: String(why ?? ""),
        fires: cases(fires, "fires"),
        does_not_fire: cases(does_not_fire, "does_not_fire"),
      });
    });
  }

  // Conditions: one file each; a feature is written "+3 if <predicate>".
  for (const id of ordered(join(dir, "conditions"), "conditions", order.conditions, problems)) {
    const rel = `knowledge/conditions/${id}.yaml`;
    const l = load(join(dir, "conditions", `${id}.yaml`), rel, problems);
    if (!l) continue;
    const c = l.doc.toJS() as Record<string, unknown> | null;
    if (!c || typeof c !== "object" || Array.isArray(c)) {
      problems.push({
        code: "knowledge.yaml",
        path: rel,
        message: "must be a mapping (prior, features, specialists, ...)",
      });
      continue;
    }
    note(origins, "conditions", out.conditions.length, { id }, `${rel}:1`);
    const features = Array.isArray(c["features"])
      ? (c["features"] as unknown[]).map((f, i) => {
          const m = typeof f === "string" ? FEATURE.exec(f) : null;
          if (!m) {
            problems.push({
              code: "knowledge.feature",
              path: `${rel}:${lineOf(l, nodeAt(l, ["features", i]))}`,
              message: 'a feature is written "<weight> if <condition>", e.g. "+3 if onset in [next_day]"',
            });
            return undefined;
          }
          return { when: predicateAt(l, ["features", i], m[2]!, problems), weight: Number(m[1]) };
        })
      : c["features"];
    out.conditions.push({ id, ...c, features });
  }

  // Advice: one list, in the order it is shown within a kind and priority.
  const advice = load(join(dir, "advice.yaml"), "knowledge/advice.yaml", problems);
  if (advice) {
    const items = advice.doc.toJS() as unknown;
    if (!Array.isArray(items))
      problems.push({
        code: "knowledge.yaml",
        path: "knowledge/advice.yaml",
        message: "must be a list of advice entries",
      });
    else
      items.forEach((a: Record<string, unknown>, i) => {
        note(origins, "advice", i, a, `knowledge/advice.yaml:${lineOf(advice, nodeAt(advice, [i]))}`);
        if (a && typeof a === "object") a["when"] = predicateAt(advice, [i, "when"], a["when"], problems);
        out.advice.push(a);
      });
  }
  return { sources: out, problems };
}

function note(origins: Map<string, string>, collection: string, index: number, item: unknown, where: string): void {
  origins.set(`${collection}.${index}`, where);
  const id = item && typeof item === "object" ? (item as { id?: unknown }).id : undefined;
  if (typeof id === "string") origins.set(`${collection}.${id}`, where);
}

/** "triage-rules.saddle_numbness.when" → "knowledge/rules/cauda_equina.yaml:12 (triage-rules.saddle_numbness.when)". */
export function locate(path: string, origins: Map<string, string>): string {
  const m = /^(findings|triage-rules|conditions|advice)\.([A-Za-z0-9_]+)/.exec(path);
  const origin = m ? origins.get(`${m[1]}.${m[2]}`) : undefined;
  return origin ? `${origin} (${path})` : path;
}
