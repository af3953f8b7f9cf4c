import type { Knowledge } from "../knowledge/schema.js";
import { DEFAULT_LANG, text } from "../knowledge/texts.js";
import { prepare, truthOf } from "./logic.js";
import { selectAdvice, type SelectedAdvice } from "./advice.js";
import { likelyConditions, scoreConditions, type RankedCondition } from "./rank-conditions.js";
import { chooseSpecialists } from "./specialists.js";
import { triage, type OpenQuestion, type Reason } from "./triage.js";
import { maxTriage, triageRank, type Case, type Triage } from "./types.js";

export interface InvestigationRef {
  id: string;
  /** The listed conditions this investigation would look for. */
  for: string[];
}

/** A serious cause a doctor must rule out, and what points to it. */
export interface RuleOut {
  id: string;
  /** The fired rules about this cause; empty when the answers alone rank it among the likely causes. */
  rules: string[];
}

/** A warning sign the result could not rule out: not asked (a form), or asked and answered "I don't know". */
export interface WarningSign {
  field: string;
  could_raise_to: Triage;
  /** True when the person was asked and did not know. */
  asked: boolean;
}

export interface AssessOptions {
  /** Fields the person was asked and answered "I don't know" (only the interview knows this). */
  askedUnknown?: readonly string[];
  /** ISO country code for the emergency number; the knowledge's default (112) otherwise. */
  country?: string;
}

/**
 * What an assessment returns: the contract's fields (triage, conditions, specialists) and the reasons,
 * advice and trace that let a person (and a reviewer) see why. Language-free: texts come from a locale.
 */
export interface Assessment {
  triage: Triage;
  /** Most likely first; when a rule makes the result urgent or an emergency, the cause it is about leads. */
  conditions: RankedCondition[];
  /** Serious causes a fired rule or the answers point to: a doctor must rule them out. */
  must_rule_out: RuleOut[];
  specialists: string[];
  reasons: Reason[];
  investigations: InvestigationRef[];
  /** Advice that fits the urgency; entries with `more` are shown only on request. */
  advice: SelectedAdvice[];
  /** Unanswered questions that could still raise the urgency, most consequential first (this person's only). */
  open_questions: OpenQuestion[];
  /** Warning signs (questions that could make it urgent or an emergency) that are still open. */
  open_warning_signs: WarningSign[];
  /** The number to call, on an emergency result. */
  emergency_number?: string;
  pathway: { child: boolean; pregnancy: boolean };
  /** Every source cited by a fired rule, a listed condition or a selected advice entry. */
  sources: string[];
  /** That backcheck does not replace a doctor, in words (the knowledge's default language; see withLanguage). */
  disclaimer: string;
}

const byIdCache = new WeakMap<Knowledge, Map<string, Knowledge["conditions"][number]>>();
function conditionsById(k: Knowledge): Map<string, Knowledge["conditions"][number]> {
  let m = byIdCache.get(k);
  if (!m) {
    m = new Map(k.conditions.map((x) => [x.id, x]));
    byIdCache.set(k, m);
  }
  return m;
}

/** The emergency number for a country code, or the default. */
export const emergencyNumber = (k: Knowledge, country?: string): string =>
  (country && k.settings.emergency_numbers[country.toUpperCase()]) || k.settings.emergency_numbers["default"] || "112";

/** Pure: the same case and knowledge always give the same assessment; no clock, no randomness, no I/O. */
export function assess(c: Case, k: Knowledge, opts: AssessOptions = {}): Assessment {
  const prepared = prepare(c);
  const t = triage(prepared, k);
  const byId = conditionsById(k);
  const findings = new Map(k.findings.map((f) => [f.id, f]));

  // Only questions that apply to this person (no pregnancy question for a man). A yes/no finding that does
  // not apply counts as "no" for the findings that depend on it: a man is not pregnant, so no pregnancy sign
  // applies to him either.
  const implied: Record<string, unknown> = { ...c };
  for (const f of k.findings) {
    if (f.kind === "boolean" && implied[f.id] === undefined && f.applies && truthOf(f.applies, implied as unknown as Case) === false) implied[f.id] = false;
  }
  const applies = (field: string): boolean => {
    const f = findings.get(field);
    return !f?.applies || truthOf(f.applies, implied as unknown as Case) !== false;
  };
  const open_questions = t.open_questions.filter((q) => applies(q.field));
  // A warning sign is a yes/no symptom or fact (numbness, chest pain, a fever); where it hurts or how it feels
  // can also change the answer, but not knowing those is not an unknown warning sign.
  const isSign = (field: string): boolean => findings.get(field)?.kind === "boolean";

  // "I don't know" to an emergency-level warning sign is not "no": the result cannot be self-care.
  let level = t.triage;
  const reasons = [...t.reasons];
  const askedUnknown = new Set(opts.askedUnknown ?? []);
  const u = k.settings.uncertainty;
  const notRuledOut = open_questions.filter((q) => isSign(q.field) && askedUnknown.has(q.field) && u.from_levels.includes(q.could_raise_to));
  if (notRuledOut.length > 0 && triageRank(level) < triageRank(u.level)) {
    level = maxTriage(level, u.level);
    reasons.push({ rule: "could_not_rule_out", family: "uncertainty", level: u.level, facts: [], assumed: notRuledOut.map((q) => q.field), sources: u.sources });
  }
  const open_warning_signs: WarningSign[] = open_questions
    .filter((q) => isSign(q.field) && triageRank(q.could_raise_to) >= triageRank("urgent"))
    .map((q) => ({ field: q.field, could_raise_to: q.could_raise_to, asked: askedUnknown.has(q.field) }));

  const ranked = scoreConditions(prepared, k);
  const likely = likelyConditions(ranked, k);

  // The causes of the rules that decided an urgent or emergency result lead the list.
  const leaders: string[] = [];
  if (triageRank(level) >= triageRank("urgent")) {
    for (const r of t.reasons) {
      if (r.level !== level) continue;
      for (const id of k.rules.find((x) => x.id === r.rule)?.about ?? []) if (!leaders.includes(id)) leaders.push(id);
    }
  }
  // A leading cause is labelled "rule out first", and nothing after it is called "most likely": a screen never
  // says "Emergency: most likely strained muscles".
  const conditions: RankedCondition[] = [
    ...leaders.flatMap((id) => ranked.filter((r) => r.id === id)).map((r) => ({ ...r, likelihood: "rule_out_first" as const })),
    ...likely.filter((l) => !leaders.includes(l.id)).map((l) => (leaders.length && l.likelihood === "most_likely" ? { ...l, likelihood: "possible" as const } : l)),
  ].slice(0, Math.max(k.settings.max_conditions, leaders.length));

  // Serious causes: those the fired rules are about, then serious ones the answers rank among the likely.
  const must_rule_out: RuleOut[] = [];
  const addRuleOut = (id: string, rule?: string): void => {
    if (!byId.get(id)?.serious) return;
    let entry = must_rule_out.find((m) => m.id === id);
    if (!entry) {
      entry = { id, rules: [] };
      must_rule_out.push(entry);
    }
    if (rule && !entry.rules.includes(rule)) entry.rules.push(rule);
  };
  for (const r of t.reasons) for (const id of k.rules.find((x) => x.id === r.rule)?.about ?? []) addRuleOut(id, r.rule);
  // The answers point to a serious cause when it ranks close to the first (most likely or possible).
  for (const l of likely) if (l.likelihood === "most_likely" || l.likelihood === "possible") addRuleOut(l.id);

  const child = c.age < k.settings.child_under_years;
  const ids = conditions.map((l) => l.id);
  const shown = k.settings.advice_by_triage[level];
  const advice = selectAdvice(prepared, k, { triage: level, likely: ids.slice(0, 3), ...(ids[0] ? { top: ids[0] } : {}) })
    .filter((a) => !shown || shown.first.includes(a.kind) || shown.more.includes(a.kind))
    .map((a): SelectedAdvice => (shown && !shown.first.includes(a.kind) ? { ...a, more: true as const } : a));

  const investigations: InvestigationRef[] = [];
  for (const l of conditions.slice(0, 3)) {
    for (const inv of byId.get(l.id)?.investigations ?? []) {
      const known = investigations.find((i) => i.id === inv);
      if (known) known.for.push(l.id);
      else investigations.push({ id: inv, for: [l.id] });
    }
  }
  // "No scans needed" only makes sense when nothing on the list calls for one.
  const filtered = investigations.length > 1 ? investigations.filter((i) => i.id !== "no_imaging") : investigations;

  const sources = new Set<string>();
  for (const r of reasons) r.sources.forEach((s) => sources.add(s));
  for (const l of conditions.slice(0, 3)) byId.get(l.id)?.sources.forEach((s) => sources.add(s));
  for (const a of advice) a.sources.forEach((s) => sources.add(s));

  return {
    triage: level,
    conditions,
    must_rule_out,
    specialists: chooseSpecialists(conditions, k, level, child),
    reasons: reasons.sort((a, b) => triageRank(b.level) - triageRank(a.level)),
    investigations: filtered,
    advice,
    open_questions,
    open_warning_signs,
    ...(level === "emergency" ? { emergency_number: emergencyNumber(k, opts.country) } : {}),
    pathway: { child, pregnancy: c.pregnant === true },
    sources: [...sources].sort(),
    disclaimer: text(k, DEFAULT_LANG, "disclaimer"),
  };
}

/** The same assessment with its words (the disclaimer) in another language. */
export const withLanguage = (a: Assessment, k: Knowledge, lang: string): Assessment => ({ ...a, disclaimer: text(k, lang, "disclaimer") });
