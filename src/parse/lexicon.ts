import { readFileSync } from "node:fs";
import { join } from "node:path";
import snowball from "snowball-stemmers";
import { parse as parseYaml } from "yaml";
import { fail, ok, type Outcome, type Problem } from "../errors/problem.js";
import { KNOWLEDGE_DIR } from "../knowledge/load.js";
import type { Finding, Knowledge } from "../knowledge/schema.js";
import { lexiconSchema, type LexiconEntry, type LexiconFile, type Unit } from "./lexicon-schema.js";
import { compilePattern, compileWord, type Pattern, type Word } from "./pattern.js";
import { normalize } from "./tokens.js";

/** One way of saying something: a pattern and the value it gives a field. */
export interface Rule {
  field: string;
  value: unknown;
  /** "no" phrasings: they are not turned around by a negation. */
  denial: boolean;
  pattern: Pattern;
  implies: Record<string, unknown>;
}

/** A lexicon ready to read with: patterns compiled, stems computed, checked against the knowledge. */
export interface Lexicon {
  lang: string;
  stem: (w: string) => string;
  contractions: Record<string, string>;
  numberWords: Map<string, number>;
  vague: Set<string>;
  articles: Set<string>;
  bareOne: Map<string, Unit>;
  unitFirst: boolean;
  units: Map<string, Unit>;
  relativeDays: { pattern: Pattern; days: number }[];
  negation: Pattern[];
  negationAfter: Pattern[];
  near: Pattern[];
  uncertainty: Pattern[];
  uncertaintyAfter: Pattern[];
  scopeEnd: Pattern[];
  clauseBreak: Set<string>;
  quantities: Record<keyof LexiconFile["quantities"], Pattern[]>;
  child: { male: Word[]; female: Word[]; any: Word[] };
  pronouns?: { male: Set<string>; female: Set<string> };
  pastTenseSex?: LexiconFile["past_tense_sex"];
  rules: Rule[];
  /** Boolean findings the lexicon reads, in the knowledge's order. */
  findings: Finding[];
}

const stemmers = new Map<string, (w: string) => string>();
function stemmerFor(name: string): (w: string) => string {
  let s = stemmers.get(name);
  if (!s) {
    const st = snowball.newStemmer(name);
    const cache = new Map<string, string>();
    s = (w: string): string => {
      let r = cache.get(w);
      if (r === undefined) {
        r = st.stem(w);
        cache.set(w, r);
      }
      return r;
    };
    stemmers.set(name, s);
  }
  return s;
}

/** The lexicon file's path for a language. */
export const lexiconPath = (lang: string, dir = KNOWLEDGE_DIR): string => join(dir, "lexicon", `${lang}.yaml`);

function valueProblems(f: Finding, value: unknown, path: string): Problem[] {
  const bad = (message: string): Problem[] => [{ code: "lexicon.value", path, message }];
  switch (f.kind) {
    case "boolean":
      return typeof value === "boolean" ? [] : bad("must be true or false");
    case "single":
      return typeof value === "string" && f.options!.includes(value)
        ? []
        : bad(`must be one of ${f.options!.join(", ")}`);
    case "multi":
      return Array.isArray(value) && value.every((v) => f.options!.includes(v as string))
        ? []
        : bad(`must be a list of ${f.options!.join(", ")}`);
    default:
      return typeof value === "number" ? [] : bad("must be a number");
  }
}

/**
 * Checks a parsed lexicon file against the knowledge and compiles it. Every finding id, answer option
 * and implied value must exist in the knowledge's findings; pending entries wait for their finding.
 */
export function compileLexicon(input: unknown, k: Knowledge, file = "lexicon"): Outcome<Lexicon> {
  const parsed = lexiconSchema.safeParse(input);
  if (!parsed.success)
    return fail(
      parsed.error.issues.map((i) => ({
        code: "lexicon.schema",
        path: [file, ...i.path.map(String)].join("."),
        message: i.message,
      })),
    );
  const lx = parsed.data;
  const problems: Problem[] = [];
  const stem = stemmerFor(lx.stemmer);
  const byId = new Map(k.findings.map((f) => [f.id, f]));

  const classes = new Map<string, Word[]>();
  // One object per distinct word, so a text computes each word's matches once for all rules.
  const words = new Map<string, Word>();
  const wordOf = (w: string): Word => {
    let x = words.get(w);
    if (!x) {
      x = compileWord(w, stem, classes, lx.min_stem);
      words.set(w, x);
    }
    return x;
  };
  for (const [name, words] of Object.entries(lx.classes)) classes.set(name, words.map(wordOf));
  const tokenizeWords = (phrase: string): Word[] =>
    phrase
      .split(/\s+/)
      .filter(Boolean)
      .flatMap((w) => {
        // A contraction inside a pattern is split as the text's are: "can't" -> "can not".
        for (const [suffix, full] of Object.entries(lx.contractions)) {
          const n = normalize(w);
          if (n.length > suffix.length && n.endsWith(suffix)) {
            const head = n.slice(0, -suffix.length);
            return [
              wordOf(suffix === "n't" ? ({ ca: "can", wo: "will", sha: "shall" }[head] ?? head) : head),
              wordOf(full),
            ];
          }
        }
        return [wordOf(w)];
      });
  const compile = (source: string, path: string): Pattern | undefined => {
    try {
      return compilePattern(source, tokenizeWords);
    } catch (e) {
      problems.push({ code: "lexicon.pattern", path, message: (e as Error).message });
      return undefined;
    }
  };
  const compileAll = (list: readonly string[], path: string): Pattern[] =>
    list.flatMap((s, i) => compile(s, `${path}.${i}`) ?? []);

  const rules: Rule[] = [];
  const checkImplies = (implies: Record<string, unknown> | undefined, path: string): Record<string, unknown> => {
    for (const [field, value] of Object.entries(implies ?? {})) {
      const f = byId.get(field);
      if (!f)
        problems.push({
          code: "lexicon.finding",
          path: `${path}.${field}`,
          message: "no such finding in the knowledge",
        });
      else problems.push(...valueProblems(f, value, `${path}.${field}`));
    }
    return implies ?? {};
  };
  const addEntry = (id: string, entry: LexiconEntry, path: string): void => {
    const f = byId.get(id)!;
    if (entry.yes || entry.no) {
      if (f.kind !== "boolean")
        problems.push({
          code: "lexicon.kind",
          path,
          message: `yes/no phrasings need a yes/no finding; ${id} is ${f.kind}`,
        });
      const implies = checkImplies(entry.implies, `${path}.implies`);
      for (const [i, p] of (entry.yes ?? []).entries()) {
        const pattern = compile(p, `${path}.yes.${i}`);
        if (pattern) rules.push({ field: id, value: true, denial: false, pattern, implies });
      }
      for (const [i, p] of (entry.no ?? []).entries()) {
        const pattern = compile(p, `${path}.no.${i}`);
        if (pattern) rules.push({ field: id, value: false, denial: true, pattern, implies: {} });
      }
    }
    for (const [option, e] of Object.entries(entry.options ?? {})) {
      if (!f.options?.includes(option)) {
        problems.push({
          code: "lexicon.option",
          path: `${path}.options.${option}`,
          message: `${id} has no option ${option}`,
        });
        continue;
      }
      const say = Array.isArray(e) ? e : e.say;
      const implies = checkImplies(Array.isArray(e) ? undefined : e.implies, `${path}.options.${option}.implies`);
      for (const [i, p] of say.entries()) {
        const pattern = compile(p, `${path}.options.${option}.${i}`);
        if (pattern) rules.push({ field: id, value: option, denial: false, pattern, implies });
      }
    }
  };
  for (const [id, entry] of Object.entries(lx.findings)) {
    if (!byId.has(id))
      problems.push({
        code: "lexicon.finding",
        path: `${file}.findings.${id}`,
        message: "no such finding in the knowledge",
      });
    else addEntry(id, entry, `${file}.findings.${id}`);
  }
  for (const [id, entry] of Object.entries(lx.pending)) {
    if (lx.findings[id])
      problems.push({ code: "lexicon.duplicate", path: `${file}.pending.${id}`, message: "also under findings" });
    // Announced findings: used once the knowledge has them, silently waiting until then.
    else if (byId.has(id)) addEntry(id, entry, `${file}.pending.${id}`);
  }

  const units = new Map<string, Unit>();
  for (const [unit, forms] of Object.entries(lx.numbers.units))
    for (const w of forms) units.set(normalize(w), unit as Unit);
  const bareOne = new Map<string, Unit>();
  for (const w of lx.numbers.bare_one) {
    const u = units.get(normalize(w));
    if (!u)
      problems.push({ code: "lexicon.unit", path: `${file}.numbers.bare_one`, message: `${w} is not a unit form` });
    else bareOne.set(normalize(w), u);
  }
  const quantities = Object.fromEntries(
    Object.entries(lx.quantities).map(([key, list]) => [key, compileAll(list, `${file}.quantities.${key}`)]),
  ) as Lexicon["quantities"];

  const lexicon: Lexicon = {
    lang: lx.language,
    stem,
    contractions: lx.contractions,
    numberWords: new Map(Object.entries(lx.numbers.words).map(([w, n]) => [normalize(w), n])),
    articles: new Set(lx.numbers.articles.map(normalize)),
    vague: new Set(lx.numbers.vague.map(normalize)),
    bareOne,
    unitFirst: lx.numbers.unit_first,
    units,
    relativeDays: Object.entries(lx.numbers.relative_days).flatMap(([s, days]) => {
      const pattern = compile(s, `${file}.numbers.relative_days.${s}`);
      return pattern ? [{ pattern, days }] : [];
    }),
    negation: compileAll(lx.cues.negation, `${file}.cues.negation`),
    negationAfter: compileAll(lx.cues.negation_after, `${file}.cues.negation_after`),
    near: compileAll(lx.cues.near, `${file}.cues.near`),
    uncertainty: compileAll(lx.cues.uncertainty, `${file}.cues.uncertainty`),
    uncertaintyAfter: compileAll(lx.cues.uncertainty_after, `${file}.cues.uncertainty_after`),
    scopeEnd: compileAll(lx.cues.scope_end, `${file}.cues.scope_end`),
    clauseBreak: new Set(lx.cues.clause_break.map(normalize)),
    quantities,
    child: { male: lx.child.male.map(wordOf), female: lx.child.female.map(wordOf), any: lx.child.any.map(wordOf) },
    ...(lx.pronouns
      ? {
          pronouns: {
            male: new Set(lx.pronouns.male.map(normalize)),
            female: new Set(lx.pronouns.female.map(normalize)),
          },
        }
      : {}),
    ...(lx.past_tense_sex ? { pastTenseSex: lx.past_tense_sex } : {}),
    rules,
    findings: k.findings,
  };
  return problems.length ? fail(problems) : ok(lexicon);
}

/** Reads and compiles one language's lexicon file. */
export function loadLexicon(lang: string, k: Knowledge, dir?: string): Outcome<Lexicon> {
  const path = lexiconPath(lang, dir);
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, "utf8"));
  } catch (e) {
    return fail([{ code: "lexicon.read", path: `lexicon/${lang}.yaml`, message: (e as Error).message }]);
  }
  const r = compileLexicon(raw, k, `lexicon/${lang}.yaml`);
  if (r.ok && r.value.lang !== lang)
    return fail([{ code: "lexicon.language", path: `lexicon/${lang}.yaml.language`, message: `says ${r.value.lang}` }]);
  return r;
}

const cache = new WeakMap<Knowledge, Map<string, Lexicon>>();

/** The package's lexicon for a language, compiled once per knowledge. Throws if the shipped file is broken (a bug). */
export function lexiconFor(lang: string, k: Knowledge): Lexicon {
  let m = cache.get(k);
  if (!m) {
    m = new Map();
    cache.set(k, m);
  }
  let lx = m.get(lang);
  if (!lx) {
    const r = loadLexicon(lang, k);
    if (!r.ok)
      throw new Error(
        `the ${lang} lexicon is invalid:\n${r.problems.map((p) => `${p.path}: ${p.message}`).join("\n")}`,
      );
    lx = r.value;
    m.set(lang, lx);
  }
  return lx;
}

/** Languages with a lexicon: those the texts speak. */
export const PARSE_LANGS = ["en", "ru"] as const;
