import type { Knowledge } from "../knowledge/schema.js";
import { DEFAULT_LANG, text } from "../knowledge/texts.js";
import { compiledKnowledge, conditionOf, featureTruthsOnce, MAX_FINDINGS, type CompiledKnowledge } from "./compiled.js";
import { prepare, type Prepared } from "./logic.js";
import { selectCompiledAdvice, type SelectedAdvice } from "./advice.js";
import {
  likelyConditions,
  rankConditions,
  rankedById,
  withEvidence,
  type Likelihood,
  type Ranked,
  type RankedCondition,
} from "./rank-conditions.js";
import { sharedParts, warningSign } from "./shared-parts.js";
import { chooseSpecialists } from "./specialists.js";
import { triageFrom, type OpenQuestion, type Reason } from "./triage.js";
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
  /**
   * Unanswered questions that could still raise the urgency, most consequential first (this person's only),
   * each once and compact: the finding, the level it could raise to and the closest rule. Their words come
   * from the locale (`finding.<field>.question`).
   */
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
  /** The version (content hash) of the knowledge that produced this result. */
  knowledge_version: string;
}

/** The emergency number for a country code, or the default. */
export const emergencyNumber = (k: Knowledge, country?: string): string =>
  (country && k.settings.emergency_numbers[country.toUpperCase()]) || k.settings.emergency_numbers["default"] || "112";

/**
 * The values of a case with the yes/no findings that cannot apply to this person read as "no": a man is not
 * pregnant, so no pregnancy sign applies to him either (findings in knowledge order, each seeing the last).
 */
function impliedValues(c: Prepared, ck: CompiledKnowledge): unknown[] {
  // A copy (reused: the engine is synchronous, and the copy is read only while the open questions are
  // filtered): the conditions and the advice read the answers as given, where an unknown adds nothing.
  const values = impliedScratch;
  const n = c.values.length;
  for (let i = 0; i < n; i++) values[i] = c.values[i];
  for (let i = n; i < values.length; i++) values[i] = undefined;
  const view: Prepared = { case: c.case, values };
  for (const { slot, applies } of ck.impliedNo)
    if (values[slot] === undefined && applies(view) === false) values[slot] = false;
  return values;
}

const impliedScratch: unknown[] = [];
/** The places of the open questions that are warning signs, in the triage's list (at most one per finding). */
const signScratch = new Int32Array(MAX_FINDINGS);
/** Whether each open question applies to this person. */
const appliesScratch = new Uint8Array(MAX_FINDINGS);

const marksOf = new WeakMap<CompiledKnowledge, Uint8Array>();

/**
 * The sources a result cites, sorted: marks against the knowledge's sorted list instead of a string sort per call.
 * Every list a result cites is a rule's, a condition's, an advice entry's or the uncertainty setting's, and
 * compiled.ts has placed each of those (by identity) in that sorted list.
 */
class SourceSet {
  private readonly marks: Uint8Array;
  constructor(private readonly ck: CompiledKnowledge) {
    // One array per knowledge, cleared here: allocating a typed array per call costs more than clearing it.
    this.marks = (marksOf.get(ck) ?? marksOf.set(ck, new Uint8Array(ck.sortedSources.length)).get(ck)!).fill(0);
  }
  addAll(ids: readonly string[]): void {
    for (const i of this.ck.sourceRanksOf.get(ids)!) this.marks[i] = 1;
  }
  sorted(): string[] {
    const out: string[] = [];
    const { marks } = this;
    for (let i = 0; i < marks.length; i++) if (marks[i]) out.push(this.ck.sortedSources[i]!);
    return out;
  }
}

/** Pure: the same case and knowledge always give the same assessment; no clock, no randomness, no I/O. */
export function assess(c: Case, k: Knowledge, opts: AssessOptions = {}): Assessment {
  const ck = compiledKnowledge(k);
  const prepared = prepare(c);
  const t = triageFrom(prepared, ck);

  // Only questions that apply to this person (no pregnancy question for a man).
  let implied: Prepared | undefined;
  const all = t.open_questions;
  let applying = 0;
  // A warning sign is a yes/no symptom or fact (numbness, chest pain, a fever); where it hurts or how it feels
  // can also change the answer, but not knowing those is not an unknown warning sign.
  let nSigns = 0;
  for (let i = 0; i < all.length; i++) {
    const slot = t.open_slots[i]!;
    const applies = ck.appliesBySlot[slot];
    if (applies) implied ??= { case: c, values: impliedValues(prepared, ck) };
    const yes = applies?.(implied!) !== false;
    appliesScratch[i] = yes ? 1 : 0;
    if (!yes) continue;
    applying++;
    if (ck.booleanBySlot[slot] === true) signScratch[nSigns++] = i;
  }
  // The triage's own list when every question applies (most people), else a copy of the right length.
  let open: OpenQuestion[] = all;
  if (applying < all.length) {
    open = new Array<OpenQuestion>(applying);
    for (let i = 0, j = 0; i < all.length; i++) if (appliesScratch[i]) open[j++] = all[i]!;
  }
  const signs = signScratch.subarray(0, nSigns);

  // "I don't know" to an emergency-level warning sign is not "no": the result cannot be self-care.
  let level = t.triage;
  const reasons = [...t.reasons];
  // A handful of fields at most: a scan costs less than building a set for every assessment.
  const askedUnknown = opts.askedUnknown ?? [];
  const u = k.settings.uncertainty;
  const notRuledOut =
    askedUnknown.length === 0
      ? []
      : Array.from(signs, (i) => all[i]!).filter(
          (q) => askedUnknown.includes(q.field) && u.from_levels.includes(q.could_raise_to),
        );
  if (notRuledOut.length > 0 && triageRank(level) < triageRank(u.level)) {
    level = maxTriage(level, u.level);
    reasons.push({
      rule: "could_not_rule_out",
      family: "uncertainty",
      level: u.level,
      facts: [],
      assumed: notRuledOut.map((q) => q.field),
      sources: u.sources,
    });
  }
  const urgentRank = triageRank("urgent");
  // Written at their final length (counted first): no array grows.
  let urgent = 0;
  for (const i of signs) if (triageRank(all[i]!.could_raise_to) >= urgentRank) urgent++;
  const open_warning_signs = new Array<WarningSign>(urgent);
  const parts = sharedParts(ck);
  let w = 0;
  for (const i of signs) {
    const q = all[i]!;
    if (triageRank(q.could_raise_to) >= urgentRank)
      open_warning_signs[w++] = warningSign(
        parts,
        ck,
        t.open_rules[i]!,
        t.open_slots[i]!,
        askedUnknown.includes(q.field),
      );
  }

  const truths = featureTruthsOnce(prepared, ck);
  const ranked = rankConditions(truths, ck, k, k.settings.max_conditions);
  const likely = likelyConditions(ranked, k);

  // The causes of the rules that decided an urgent or emergency result lead the list.
  const leaders: string[] = [];
  if (triageRank(level) >= urgentRank) {
    for (const r of t.reasons) {
      if (r.level !== level) continue;
      for (const id of ck.ruleById.get(r.rule)!.about ?? []) if (!leaders.includes(id)) leaders.push(id);
    }
  }
  // A leading cause is labelled "rule out first", and nothing after it is called "most likely": a screen never
  // says "Emergency: most likely strained muscles". Evidence is built only for the conditions listed.
  const listed: [Ranked, Likelihood][] = [];
  // A rule's causes are conditions of the same knowledge (the validation checks `about`).
  for (const id of leaders) listed.push([rankedById(id, truths, ck)!, "rule_out_first"]);
  for (const l of likely) {
    if (!leaders.includes(l.id))
      listed.push([l, leaders.length && l.likelihood === "most_likely" ? "possible" : l.likelihood]);
  }
  const conditions: RankedCondition[] = listed
    .slice(0, Math.max(k.settings.max_conditions, leaders.length))
    .map(([r, likelihood]) => withEvidence(r, likelihood, prepared, truths, ck));

  // Serious causes: those the fired rules are about, then serious ones the answers rank among the likely.
  const must_rule_out: RuleOut[] = [];
  const addRuleOut = (id: string, rule?: string): void => {
    if (!conditionOf(ck, id)!.serious) return;
    let entry = must_rule_out.find((m) => m.id === id);
    if (!entry) {
      entry = { id, rules: [] };
      must_rule_out.push(entry);
    }
    // Each (cause, rule) pair comes once: a fired rule is listed once and names each cause once.
    if (rule) entry.rules.push(rule);
  };
  for (const r of t.reasons) for (const id of ck.ruleById.get(r.rule)!.about ?? []) addRuleOut(id, r.rule);
  // The answers point to a serious cause when it ranks close to the first (most likely or possible).
  for (const l of likely) if (l.likelihood === "most_likely" || l.likelihood === "possible") addRuleOut(l.id);

  const child = c.age < k.settings.child_under_years;
  const ids = conditions.map((l) => l.id);
  // Every level has its entry (the schema's record of levels is exhaustive).
  const shown = k.settings.advice_by_triage[level];
  const advice: SelectedAdvice[] = [];
  const ctx = { triage: level, likely: ids.slice(0, 3), top: ids[0]! }; // never none (likelyConditions)
  for (const a of selectCompiledAdvice(prepared, ck, ctx)) {
    if (shown.first.includes(a.kind)) advice.push(a.plain);
    else if (shown.more.includes(a.kind)) advice.push(a.more);
  }

  const investigations: InvestigationRef[] = [];
  for (const l of conditions.slice(0, 3)) {
    for (const inv of conditionOf(ck, l.id)!.investigations) {
      const known = investigations.find((i) => i.id === inv);
      if (known) known.for.push(l.id);
      else investigations.push({ id: inv, for: [l.id] });
    }
  }
  // "No scans needed" only makes sense when nothing on the list calls for one.
  const filtered = investigations.length > 1 ? investigations.filter((i) => i.id !== "no_imaging") : investigations;

  const sources = new SourceSet(ck);
  for (const r of reasons) sources.addAll(r.sources);
  for (const l of conditions.slice(0, 3)) sources.addAll(conditionOf(ck, l.id)!.sources);
  for (const a of advice) sources.addAll(a.sources);

  return {
    triage: level,
    conditions,
    must_rule_out,
    specialists: chooseSpecialists(conditions, k, level, child),
    reasons: reasons.length > 1 ? reasons.sort((a, b) => triageRank(b.level) - triageRank(a.level)) : reasons,
    investigations: filtered,
    advice,
    open_questions: open,
    open_warning_signs,
    ...(level === "emergency" ? { emergency_number: emergencyNumber(k, opts.country) } : {}),
    pathway: { child, pregnancy: c.pregnant === true },
    sources: sources.sorted(),
    disclaimer: text(k, DEFAULT_LANG, "disclaimer"),
    knowledge_version: k.version,
  };
}

/** The same assessment with its words (the disclaimer) in another language. */
export const withLanguage = (a: Assessment, k: Knowledge, lang: string): Assessment => ({
  ...a,
  disclaimer: text(k, lang, "disclaimer"),
});
