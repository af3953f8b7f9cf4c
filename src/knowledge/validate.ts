import { z } from "zod";
import type { Problem } from "../errors/problem.js";
import { fail, ok, type Outcome } from "../errors/problem.js";
import { leaves, nodes, usesContext, type Predicate } from "./predicate.js";
import {
  ADVICE_KINDS,
  adviceSchema,
  diarySettingsSchema,
  conditionSchema,
  findingSchema,
  investigationSchema,
  settingsSchema,
  sourceSchema,
  triageRuleSchema,
  type Finding,
  type Knowledge,
} from "./schema.js";
import { SPECIALISTS } from "./vocabulary.js";
import { knowledgeVersion } from "./version.js";
import { TRIAGE_URGENT_FIRST } from "../engine/types.js";

/** The raw JSON of each knowledge file, before validation. */
export interface RawKnowledge {
  findings: unknown;
  conditions: unknown;
  rules: unknown;
  advice: unknown;
  investigations: unknown;
  sources: unknown;
  settings: unknown;
  diary: unknown;
  locales: Record<string, unknown>;
}

function parse<T>(schema: z.ZodType<T>, data: unknown, file: string, problems: Problem[]): T | undefined {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  for (const issue of r.error.issues) {
    problems.push({ code: "knowledge.schema", path: [file, ...issue.path].join("."), message: issue.message });
  }
  return undefined;
}

function duplicates(ids: string[], file: string, problems: Problem[]): void {
  const seen = new Set<string>();
  for (const i of ids) {
    if (seen.has(i)) problems.push({ code: "knowledge.duplicate", path: `${file}.${i}`, message: `duplicate id ${i}` });
    seen.add(i);
  }
}

/** Checks that each leaf names a known finding and fits its kind and options. */
function checkPredicate(p: Predicate, path: string, findings: Map<string, Finding>, problems: Problem[]): void {
  for (const { leaf, path: sub } of leaves(p)) {
    const at = `${path}${sub}`;
    const f = findings.get(leaf.field);
    if (!f) {
      problems.push({ code: "knowledge.unknown_field", path: at, message: `unknown finding ${leaf.field}` });
      continue;
    }
    const values = [...(leaf.in ?? []), ...(leaf.includes ?? []), ...(typeof leaf.is === "string" ? [leaf.is] : [])];
    for (const v of values) {
      if (!f.options?.includes(v)) {
        problems.push({ code: "knowledge.unknown_option", path: at, message: `${leaf.field} has no option ${v}` });
      }
    }
    const numeric = leaf.lt ?? leaf.lte ?? leaf.gt ?? leaf.gte;
    const fits =
      (typeof leaf.is !== "boolean" || f.kind === "boolean") &&
      (leaf.in === undefined || f.kind === "single") &&
      (leaf.includes === undefined && leaf.empty === undefined ? true : f.kind === "multi") &&
      (numeric === undefined || f.kind === "number" || f.kind === "integer");
    if (!fits) {
      problems.push({
        code: "knowledge.operator",
        path: at,
        message: `operator does not fit ${f.kind} finding ${f.id}`,
      });
    }
  }
}

/** Every locale key the knowledge needs, so a missing text is an error at load, not a blank on screen. */
export function requiredLocaleKeys(k: Omit<Knowledge, "locales" | "version">): string[] {
  const keys: string[] = [];
  for (const f of k.findings) {
    keys.push(`finding.${f.id}.question`, `finding.${f.id}.label`);
    for (const o of f.options ?? []) keys.push(`option.${f.id}.${o}`);
  }
  const groups = new Set(k.findings.flatMap((f) => (f.group ? [f.group] : [])));
  for (const g of groups) keys.push(`group.${g}.question`);
  for (const c of k.conditions)
    keys.push(`condition.${c.id}.name`, `condition.${c.id}.description`, `condition.${c.id}.now`);
  for (const r of k.rules) keys.push(`rule.${r.id}.reason`);
  keys.push(
    "rule.could_not_rule_out.reason",
    "result.open_warning_signs",
    "result.no_warning_sign",
    "result.call",
    "result.likelihood.rule_out_first",
    "result.likelihood.most_likely",
    "result.likelihood.possible",
    "result.likelihood.less_likely",
    "result.must_rule_out",
  );
  for (const a of k.advice) keys.push(`advice.${a.id}.title`, `advice.${a.id}.text`);
  for (const i of k.investigations) keys.push(`investigation.${i.id}.name`, `investigation.${i.id}.why`);
  for (const s of SPECIALISTS) keys.push(`specialist.${s}`);
  for (const t of TRIAGE_URGENT_FIRST) keys.push(`triage.${t}.label`, `triage.${t}.action`);
  keys.push("disclaimer", "answer.yes", "answer.no", "answer.unknown", "answer.none");
  for (const d of [
    "trend.rising",
    "trend.flat",
    "trend.falling",
    "trend.unknown",
    "course",
    "changed",
    "unchanged",
    "recurring",
    "exercise_stats",
    "no_pattern",
    "checkin_due",
  ])
    keys.push(`diary.${d}`);
  for (const kind of ADVICE_KINDS) keys.push(`ui.kind.${kind}`);
  return keys;
}

/** Validates every file, then every cross-reference; reports all problems at once. */
export function validateKnowledge(raw: RawKnowledge): Outcome<Knowledge> {
  const problems: Problem[] = [];
  const findings = parse(z.array(findingSchema), raw.findings, "findings", problems);
  const conditions = parse(z.array(conditionSchema), raw.conditions, "conditions", problems);
  const rules = parse(z.array(triageRuleSchema), raw.rules, "triage-rules", problems);
  const advice = parse(z.array(adviceSchema), raw.advice, "advice", problems);
  const investigations = parse(z.array(investigationSchema), raw.investigations, "investigations", problems);
  const sources = parse(z.array(sourceSchema), raw.sources, "sources", problems);
  const settings = parse(settingsSchema, raw.settings, "settings", problems);
  const diary = parse(diarySettingsSchema, raw.diary, "diary", problems);
  const locales: Record<string, Record<string, string>> = {};
  for (const [lang, data] of Object.entries(raw.locales)) {
    const l = parse(z.record(z.string(), z.string().min(1)), data, `locales/${lang}`, problems);
    if (l) locales[lang] = l;
  }
  if (!findings || !conditions || !rules || !advice || !investigations || !sources || !settings || !diary) {
    return fail(problems);
  }

  duplicates(
    findings.map((f) => f.id),
    "findings",
    problems,
  );
  duplicates(
    conditions.map((c) => c.id),
    "conditions",
    problems,
  );
  duplicates(
    rules.map((r) => r.id),
    "triage-rules",
    problems,
  );
  duplicates(
    advice.map((a) => a.id),
    "advice",
    problems,
  );
  duplicates(
    sources.map((s) => s.id),
    "sources",
    problems,
  );

  const byId = new Map(findings.map((f) => [f.id, f]));
  const sourceIds = new Set(sources.map((s) => s.id));
  const conditionIds = new Set(conditions.map((c) => c.id));
  const investigationIds = new Set(investigations.map((i) => i.id));
  const cite = (ids: string[], path: string): void => {
    for (const s of ids) {
      if (!sourceIds.has(s)) problems.push({ code: "knowledge.unknown_source", path, message: `unknown source ${s}` });
    }
  };

  for (const f of findings) {
    const needsOptions = f.kind === "single" || f.kind === "multi";
    if (needsOptions !== (f.options !== undefined)) {
      problems.push({
        code: "knowledge.options",
        path: `findings.${f.id}`,
        message: `options ${needsOptions ? "missing" : "not allowed"} for ${f.kind}`,
      });
    }
    if (f.applies) checkPredicate(f.applies, `findings.${f.id}.applies`, byId, problems);
  }
  for (const r of rules) {
    checkPredicate(r.when, `triage-rules.${r.id}.when`, byId, problems);
    if (usesContext(r.when)) {
      problems.push({
        code: "knowledge.context",
        path: `triage-rules.${r.id}`,
        message: "a triage rule cannot read the assessment it decides",
      });
    }
    cite(r.sources, `triage-rules.${r.id}.sources`);
    for (const c of r.about ?? []) {
      if (!conditionIds.has(c))
        problems.push({
          code: "knowledge.unknown_condition",
          path: `triage-rules.${r.id}.about`,
          message: `unknown condition ${c}`,
        });
    }
  }
  for (const c of conditions) {
    c.features.forEach((f, i) => checkPredicate(f.when, `conditions.${c.id}.features[${i}].when`, byId, problems));
    for (const s of [...c.specialists.adult, ...c.specialists.child]) {
      if (!SPECIALISTS.includes(s))
        problems.push({
          code: "knowledge.unknown_specialist",
          path: `conditions.${c.id}.specialists`,
          message: `unknown specialist ${s}`,
        });
    }
    for (const i of c.investigations) {
      if (!investigationIds.has(i))
        problems.push({
          code: "knowledge.unknown_investigation",
          path: `conditions.${c.id}.investigations`,
          message: `unknown investigation ${i}`,
        });
    }
    cite(c.sources, `conditions.${c.id}.sources`);
  }
  for (const a of advice) {
    checkPredicate(a.when, `advice.${a.id}.when`, byId, problems);
    cite(a.sources, `advice.${a.id}.sources`);
    checkContextIds(a.when, `advice.${a.id}.when`, conditionIds, problems);
  }
  for (const i of investigations) cite(i.sources, `investigations.${i.id}.sources`);
  cite(settings.sources, "settings.sources");
  cite(settings.uncertainty.sources, "settings.uncertainty.sources");
  if (!settings.emergency_numbers["default"])
    problems.push({
      code: "knowledge.settings",
      path: "settings.emergency_numbers",
      message: "needs a default number",
    });
  cite(diary.sources, "diary.sources");
  cite(diary.recurring_sources, "diary.recurring_sources");
  const adviceIds = new Set(advice.map((a) => a.id));
  const exercises = byId.get("exercises")?.options ?? [];
  for (const [exercise, ids] of Object.entries(diary.exercise_advice)) {
    if (!exercises.includes(exercise))
      problems.push({
        code: "knowledge.unknown_option",
        path: `diary.exercise_advice.${exercise}`,
        message: "not an exercise of the case contract",
      });
    for (const a of ids)
      if (!adviceIds.has(a))
        problems.push({
          code: "knowledge.unknown_advice",
          path: `diary.exercise_advice.${exercise}`,
          message: `unknown advice ${a}`,
        });
  }
  for (const a of [diary.no_warm_up_advice, diary.long_trampoline_advice]) {
    if (!adviceIds.has(a))
      problems.push({ code: "knowledge.unknown_advice", path: "diary", message: `unknown advice ${a}` });
  }

  const k = { findings, conditions, rules, advice, investigations, sources, settings, diary };
  const needed = requiredLocaleKeys(k);
  if (!locales["en"])
    problems.push({ code: "knowledge.locale", path: "locales/en", message: "the English locale is missing" });
  for (const [lang, texts] of Object.entries(locales)) {
    for (const key of needed) {
      if (!(key in texts))
        problems.push({ code: "knowledge.locale_key", path: `locales/${lang}.${key}`, message: "missing text" });
    }
  }
  if (problems.length > 0) return fail(problems);
  const content = { ...k, locales };
  return ok({ ...content, version: knowledgeVersion(content) });
}

function checkContextIds(p: Predicate, path: string, conditionIds: Set<string>, problems: Problem[]): void {
  for (const { node } of nodes(p)) {
    if (node.kind !== "context") continue;
    for (const c of [...(node.context.likely ?? []), ...(node.context.top ?? [])]) {
      if (!conditionIds.has(c))
        problems.push({ code: "knowledge.unknown_condition", path, message: `unknown condition ${c}` });
    }
  }
}
