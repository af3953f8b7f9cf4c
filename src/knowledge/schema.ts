import { z } from "zod";
import { ADVICE_KINDS, type AdviceKind } from "./advice-kinds.js";
import { TRIAGE_URGENT_FIRST } from "../engine/types.js";
import { predicateSchema } from "./predicate.js";

/** Identifiers are snake_case so they can be locale keys and JSON field names alike. */
const id = z.string().regex(/^[a-z][a-z0-9_]*$/, "must be snake_case");
const sourceIds = z.array(z.string().min(1)).min(1);

export const TRIAGE = z.enum(TRIAGE_URGENT_FIRST);

export const findingSchema = z
  .object({
    id,
    kind: z.enum(["boolean", "single", "multi", "number", "integer"]),
    options: z.array(id).min(1).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    /** Multiple choice: at least this many options must be chosen (where it hurts: at least one place). */
    min_items: z.number().int().min(0).optional(),
    unit: z.string().optional(),
    /** Related yes/no findings that read naturally as one "any of these?" question. */
    group: id.optional(),
    /** Whether the question only makes sense for some people (no pregnancy question for a man). */
    applies: predicateSchema.optional(),
  })
  .strict();

export const sourceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/),
    kind: z.enum(["seed", "guideline", "study", "reference"]),
    /** The title as published, in the language `lang`. */
    title: z.string().min(1),
    /** The language of `title` (ISO 639-1); a reader in another language sees it marked. */
    lang: z
      .string()
      .regex(/^[a-z]{2}$/)
      .default("en"),
    /** The title in other languages, where a published translation (or our own, for our own notes) exists. */
    titles: z.record(z.string().regex(/^[a-z]{2}$/), z.string().min(1)).optional(),
    authors: z.string().min(1).optional(),
    publisher: z.string().min(1).optional(),
    /** For the seed: the heading of the section in ../shared/sources/000_4cfcb3a732e777ba.txt. */
    section: z.string().optional(),
    year: z.number().int().optional(),
    url: z.string().url().optional(),
  })
  .strict();

export const triageRuleSchema = z
  .object({
    id,
    /** The family of red flags the rule belongs to, for tests and the coverage table. */
    family: id,
    level: TRIAGE,
    when: predicateSchema,
    /** The causes this rule is about: they lead the result when the rule decides it, and a doctor must rule them out. */
    about: z.array(id).optional(),
    sources: sourceIds,
  })
  .strict();

export const featureSchema = z
  .object({
    when: predicateSchema,
    /** Roughly a log likelihood ratio: 1 weak, 2 moderate, 3 strong, 4 or more near-defining; negative speaks against. */
    weight: z.number().min(-12).max(12),
  })
  .strict();

export const conditionSchema = z
  .object({
    id,
    /** Log prior odds in this population (people with back pain after sport, a fall or daily strain). */
    prior: z.number().min(-10).max(5),
    /** A cause a doctor must rule out whenever the answers point to it, however unlikely it ranks. */
    serious: z.boolean().optional(),
    features: z.array(featureSchema).min(1),
    specialists: z.object({ adult: z.array(id).min(1), child: z.array(id).min(1) }).strict(),
    investigations: z.array(id),
    icd10: z.array(z.string()).default([]),
    sources: sourceIds,
  })
  .strict();

export { ADVICE_KINDS, type AdviceKind };

export const adviceSchema = z
  .object({
    id,
    kind: z.enum(ADVICE_KINDS),
    when: predicateSchema,
    /** Higher first within its kind. */
    priority: z.number().int().default(0),
    sources: sourceIds,
  })
  .strict();

export const investigationSchema = z.object({ id, sources: sourceIds }).strict();

export const settingsSchema = z
  .object({
    /** Under this age the child pathway applies (specialists, advice for parents). */
    child_under_years: z.number().positive(),
    /** Conditions scoring more than this below the best are not listed. */
    list_margin: z.number().positive(),
    max_conditions: z.number().int().min(1),
    /** The level when no rule fires. */
    default_triage: TRIAGE,
    interview: z
      .object({
        /** Asked before anything else (age: the contract requires it). */
        ask_first: z.array(z.string()).default([]),
        /** Stop separating conditions once the leading one has this share of the likelihood. */
        confident_top: z.number().min(0).max(1),
        /** No more questions to separate conditions after this many; red-flag questions are never capped. */
        max_questions: z.number().int().min(1),
        /** A question to separate conditions must be expected to remove at least this much uncertainty (nats). */
        min_gain: z.number().min(0),
      })
      .strict(),
    /** Where the next cause stops being "possible" and becomes "less likely" (score points below the first). */
    likelihood: z.object({ possible_within: z.number().positive(), comment: z.string().optional() }).strict(),
    /** What an unanswerable warning-sign question does to the result. */
    uncertainty: z
      .object({
        level: TRIAGE,
        from_levels: z.array(TRIAGE).min(1),
        sources: sourceIds,
        comment: z.string().optional(),
      })
      .strict(),
    /** Which kinds of advice a result of each urgency shows first, and which only behind "more"; the rest not at all. */
    advice_by_triage: z.record(
      TRIAGE,
      z.object({ first: z.array(z.enum(ADVICE_KINDS)), more: z.array(z.enum(ADVICE_KINDS)) }).strict(),
    ),
    /** The local emergency number by ISO country code; "default" when the country is not known. */
    emergency_numbers: z.record(z.string().regex(/^([A-Z]{2}|default)$/), z.string().regex(/^[0-9]{2,4}$/)),
    sources: sourceIds,
  })
  .strict();

/** Settings of the pain and training diary: time-course and training-insight thresholds, advice links. */
export const diarySettingsSchema = z
  .object({
    /** Intensity change per day (least-squares slope) beyond which the pain counts as rising or falling. */
    trend_slope_per_day: z.number().positive(),
    trend_min_checkins: z.number().int().min(2),
    /** A check-in at or above this intensity counts as pain after a workout. */
    pain_threshold: z.number().int().min(0).max(10),
    pain_window_hours: z.number().positive(),
    flag_min_sessions: z.number().int().min(1),
    flag_min_rate: z.number().min(0).max(1),
    flag_min_difference: z.number().min(0).max(1),
    checkin_due_hours: z.number().positive(),
    recurring_level: TRIAGE,
    recurring_sources: sourceIds,
    exercise_advice: z.record(z.string(), z.array(id)),
    no_warm_up_advice: id,
    long_trampoline_advice: id,
    trampoline_limit_hours: z.object({ beginner: z.number().positive(), other: z.number().positive() }).strict(),
    sources: sourceIds,
  })
  .strict();

export type DiarySettings = z.infer<typeof diarySettingsSchema>;
export type Finding = z.infer<typeof findingSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type TriageRule = z.infer<typeof triageRuleSchema>;
export type Feature = z.infer<typeof featureSchema>;
export type Condition = z.infer<typeof conditionSchema>;
export type Advice = z.infer<typeof adviceSchema>;
export type Investigation = z.infer<typeof investigationSchema>;
export type Settings = z.infer<typeof settingsSchema>;
export type Locale = Record<string, string>;

export interface Knowledge {
  findings: Finding[];
  conditions: Condition[];
  rules: TriageRule[];
  advice: Advice[];
  investigations: Investigation[];
  sources: Source[];
  settings: Settings;
  diary: DiarySettings;
  locales: Record<string, Locale>;
  /**
   * The knowledge's version: the first 12 hex digits of the SHA-256 of its validated content (every field
   * above, as JSON). The same sources give the same version whether compiled at build time or loaded from
   * the sources; every assessment records it, so a result can be traced to the knowledge that produced it.
   */
  version: string;
}
