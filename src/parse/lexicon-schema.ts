import { z } from "zod";

/**
 * The shape of knowledge/lexicon/<lang>.yaml: the words a person uses, as data beside each finding and
 * answer option. Patterns are written in plain words; the pattern language is described at the top of
 * knowledge/lexicon/en.yaml.
 */
const pattern = z.string().min(1);
const patterns = z.array(pattern);

/** An answer option's phrasings, optionally with values that follow from it (a fall: the pain began with it). */
const optionEntry = z.union([
  patterns,
  z.object({ say: patterns, implies: z.record(z.string(), z.unknown()).optional() }).strict(),
]);

export const lexiconEntrySchema = z
  .object({
    /** Boolean findings: phrasings that mean yes, and phrasings that mean no ("my legs are fine"). */
    yes: patterns.optional(),
    no: patterns.optional(),
    /** Values that follow from a "yes" (pregnant: the person is female). */
    implies: z.record(z.string(), z.unknown()).optional(),
    /** Single and multiple choice findings: phrasings per answer option. */
    options: z.record(z.string(), optionEntry).optional(),
  })
  .strict();

const UNITS = ["minutes", "hours", "days", "weeks", "months", "years"] as const;
export type Unit = (typeof UNITS)[number];

export const lexiconSchema = z
  .object({
    language: z.string().regex(/^[a-z]{2}$/),
    stemmer: z.enum(["english", "russian"]),
    /** Shorter stems are compared as written words: short Russian stems collide. */
    min_stem: z.number().int().min(1).default(1),
    /** Endings split off a word: "n't" -> "not". */
    contractions: z.record(z.string(), z.string()).default({}),
    /** Word classes, used as @NAME inside patterns. */
    classes: z.record(
      z.string().regex(/^[A-Z][A-Z_]*$/),
      z.array(z.string().regex(/^\S+$/, "one word (or word*) per class entry")).min(1),
    ),
    cues: z
      .object({
        /** Before what they deny: "no", "не", "без". */
        negation: z.array(z.string().min(1)).min(1),
        /** "nearly", "almost": deny a plain statement ("nearly passed out"), never one that holds its own "not". */
        near: z.array(z.string().min(1)).default([]),
        /** After what they deny: "температуры нет", "legs fine". */
        negation_after: z.array(z.string().min(1)).default([]),
        /** Doubt: the value is shown and asked, never assumed. */
        uncertainty: z.array(z.string().min(1)).min(1),
        /** Doubt said after the words it doubts: "a fever, I think", "температура, кажется". */
        uncertainty_after: z.array(z.string().min(1)).default([]),
        /** Words where a negation's reach ends ("and", "и"). */
        scope_end: z.array(z.string().min(1)).default([]),
        /** Words that start a new clause ("but", "но"). */
        clause_break: z.array(z.string().min(1)).default([]),
      })
      .strict(),
    numbers: z
      .object({
        words: z.record(z.string(), z.number()),
        /** Number words too vague to take as said ("several weeks"): the value is asked. */
        vague: z.array(z.string()).default([]),
        /** "a month" is one month. */
        articles: z.array(z.string()).default([]),
        /** Unit word forms that mean one of the unit on their own: "неделю", "месяц". */
        bare_one: z.array(z.string()).default([]),
        /** "минут 10": the unit may come first (Russian, an approximate number). */
        unit_first: z.boolean().default(false),
        units: z.record(z.enum(UNITS), z.array(z.string()).min(1)),
        /** Words for a number of days back: "yesterday" 1, "позавчера" 2. */
        relative_days: z.record(z.string(), z.number()).default({}),
      })
      .strict(),
    /** Templates with slots: {n} a number, {dur} a number with a time unit, {age} a number of years. */
    quantities: z
      .object({
        age: patterns,
        child_age: patterns,
        duration: patterns,
        intensity: patterns,
        pregnancy_weeks: patterns,
        session_hours: patterns,
        morning_stiffness_minutes: patterns,
      })
      .strict(),
    /** A parent speaking about a child: the words and what they say about the child's sex. */
    child: z.object({ male: z.array(z.string()), female: z.array(z.string()), any: z.array(z.string()) }).strict(),
    /** When the person is a child: pronouns that tell the sex. */
    pronouns: z
      .object({ male: z.array(z.string()), female: z.array(z.string()) })
      .strict()
      .optional(),
    /** Russian past tense agrees with the speaker's sex: "упал" / "упала". */
    past_tense_sex: z
      .object({
        male: z.array(z.string()),
        female: z.array(z.string()),
        min_length: z.number().int().min(2),
        ignore: z.array(z.string()),
      })
      .strict()
      .optional(),
    findings: z.record(z.string(), lexiconEntrySchema),
    /**
     * Findings the knowledge is about to gain (announced, not yet there). Kept apart so the lexicon stays
     * valid until they exist; each entry is used as soon as its finding is in the knowledge.
     */
    pending: z.record(z.string(), lexiconEntrySchema).default({}),
  })
  .strict();

export type LexiconFile = z.infer<typeof lexiconSchema>;
export type LexiconEntry = z.infer<typeof lexiconEntrySchema>;

/** Days per unit, to turn "five weeks" into 35 days. */
export const UNIT_DAYS: Record<Unit, number> = {
  minutes: 1 / 1440,
  hours: 1 / 24,
  days: 1,
  weeks: 7,
  months: 30,
  years: 365,
};
