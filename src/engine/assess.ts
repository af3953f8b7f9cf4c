import type { Knowledge } from "../knowledge/schema.js";
import { DEFAULT_LANG, text } from "../knowledge/texts.js";
import { prepare } from "./logic.js";
import { selectAdvice, type SelectedAdvice } from "./advice.js";
import { likelyConditions, scoreConditions, type RankedCondition } from "./rank-conditions.js";
import { chooseSpecialists } from "./specialists.js";
import { triage, type OpenQuestion, type Reason } from "./triage.js";
import type { Case, Triage } from "./types.js";

export interface InvestigationRef {
  id: string;
  /** The listed conditions this investigation would look for. */
  for: string[];
}

/**
 * What an assessment returns: the contract's fields (triage, conditions, specialists) and the reasons,
 * advice and trace that let a person (and a reviewer) see why. Language-free: texts come from a locale.
 */
export interface Assessment {
  triage: Triage;
  conditions: RankedCondition[];
  specialists: string[];
  reasons: Reason[];
  investigations: InvestigationRef[];
  advice: SelectedAdvice[];
  /** Unanswered questions that could still raise the urgency, most consequential first. */
  open_questions: OpenQuestion[];
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

/** Pure: the same case and knowledge always give the same assessment; no clock, no randomness, no I/O. */
export function assess(c: Case, k: Knowledge): Assessment {
  const prepared = prepare(c);
  const t = triage(prepared, k);
  const ranked = scoreConditions(prepared, k);
  const likely = likelyConditions(ranked, k);
  const child = c.age < k.settings.child_under_years;
  const ids = likely.map((l) => l.id);
  const advice = selectAdvice(prepared, k, { triage: t.triage, likely: ids.slice(0, 3), ...(ids[0] ? { top: ids[0] } : {}) });

  const byId = conditionsById(k);
  const investigations: InvestigationRef[] = [];
  for (const l of likely.slice(0, 3)) {
    for (const inv of byId.get(l.id)?.investigations ?? []) {
      const known = investigations.find((i) => i.id === inv);
      if (known) known.for.push(l.id);
      else investigations.push({ id: inv, for: [l.id] });
    }
  }
  // "No scans needed" only makes sense when nothing on the list calls for one.
  const filtered = investigations.length > 1 ? investigations.filter((i) => i.id !== "no_imaging") : investigations;

  const sources = new Set<string>();
  for (const r of t.reasons) r.sources.forEach((s) => sources.add(s));
  for (const l of likely.slice(0, 3)) byId.get(l.id)?.sources.forEach((s) => sources.add(s));
  for (const a of advice) a.sources.forEach((s) => sources.add(s));

  return {
    triage: t.triage,
    conditions: likely,
    specialists: chooseSpecialists(likely, k, t.triage, child),
    reasons: t.reasons,
    investigations: filtered,
    advice,
    open_questions: t.open_questions,
    pathway: { child, pregnancy: c.pregnant === true },
    sources: [...sources].sort(),
    disclaimer: text(k, DEFAULT_LANG, "disclaimer"),
  };
}

/** The same assessment with its words (the disclaimer) in another language. */
export const withLanguage = (a: Assessment, k: Knowledge, lang: string): Assessment => ({ ...a, disclaimer: text(k, lang, "disclaimer") });
