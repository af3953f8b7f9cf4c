import type { Finding } from "../knowledge/schema.js";
import { UNIT_DAYS } from "./lexicon-schema.js";
import type { Lexicon } from "./lexicon.js";
import { matchPattern, type Match, type MatchContext, type Pattern, type Quantity, type Word } from "./pattern.js";
import { tokenize, type Token } from "./tokens.js";

/** Where in the text a value came from (character offsets, end exclusive). */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/**
 * One case field as the text suggests it. Nothing here is an answer: an interface shows it and the person
 * confirms or corrects it. `certain: false` marks a doubtful value (a "maybe", a contradiction, a baby's
 * age that may not be the patient's): it is shown as a guess and asked, never assumed.
 */
export interface Extraction {
  field: string;
  value: unknown;
  certain: boolean;
  spans: Span[];
  /** The text denied it ("no numbness", "температуры нет"). */
  negated?: boolean;
}

export interface ParseResult {
  lang: string;
  fields: Extraction[];
}

interface Candidate {
  field: string;
  value: unknown;
  certain: boolean;
  negated: boolean;
  tokens: number[];
  implies: Record<string, unknown>;
  source?: string;
}

/** Reads a person's own words into case fields with their spans. Pure: text and lexicon in, fields out. */
export function parseStory(
  text: string,
  lx: Lexicon,
  trace?: (field: string, value: unknown, pattern: string) => void,
): ParseResult {
  const tokens = tokenize(text, { stem: lx.stem, contractions: lx.contractions, numberWords: lx.numberWords });
  breakClauses(tokens, lx.clauseBreak);
  const ctx: MatchContext = {
    tokens,
    quantities: findQuantities(tokens, lx),
    yearUnits: new Set([...lx.units].filter(([, u]) => u === "years").map(([w]) => w)),
    units: lx.units,
  };

  const cover = (ps: Pattern[], skip?: Set<number>): Set<number> => {
    const s = new Set<number>();
    for (const p of ps)
      for (const m of matchPattern(p, ctx)) if (!m.tokens.some((t) => skip?.has(t))) m.tokens.forEach((t) => s.add(t));
    return s;
  };
  const hedges = cover(lx.uncertainty);
  const hedgesAfter = cover(lx.uncertaintyAfter);
  const negBefore = cover(lx.negation, new Set([...hedges, ...hedgesAfter]));
  const negAfter = cover(lx.negationAfter, new Set([...hedges, ...hedgesAfter]));
  const near = cover(lx.near);
  const scopeEnd = cover(lx.scopeEnd);

  const negated = (m: Match): boolean => {
    const own = new Set(m.tokens);
    const clause = tokens[m.first]!.clause;
    // "almost can't feel": a phrase with its own "not" is not turned around by "almost".
    const ownNegation = m.tokens.some((t) => negBefore.has(t));
    for (let j = m.first - 1; j >= Math.max(0, m.first - 4); j--) {
      if (tokens[j]!.clause !== clause || scopeEnd.has(j)) break;
      if (negBefore.has(j) || (near.has(j) && !ownNegation)) return true;
    }
    // A "not" between the parts denies them ("my leg isn't weak"), unless an "and" came first
    // ("numbness between my legs and I can't feel when I wipe").
    for (let j = m.first + 1; j < m.last; j++) {
      if (scopeEnd.has(j) && !own.has(j)) break;
      if (!own.has(j) && negBefore.has(j)) return true;
    }
    for (let j = m.last + 1; j <= Math.min(tokens.length - 1, m.last + 3); j++) {
      if (tokens[j]!.clause !== clause || scopeEnd.has(j)) break;
      if (negAfter.has(j)) return true;
    }
    return false;
  };
  // A doubt reaches forward over a few words of its sentence ("не знаю, была ли температура"), and an
  // after-doubt back over its own clause ("a fever, I think" / "температура, кажется").
  const uncertain = (m: Match): boolean => {
    const { sentence, clause } = tokens[m.first]!;
    for (let j = Math.max(0, m.first - 6); j <= m.last; j++) {
      if (tokens[j]!.sentence === sentence && hedges.has(j) && !m.tokens.includes(j)) return true;
    }
    for (let j = m.last + 1; j <= Math.min(tokens.length - 1, m.last + 4); j++) {
      if (tokens[j]!.sentence !== sentence || scopeEnd.has(j)) break;
      if (!hedgesAfter.has(j)) continue;
      // Same clause, or the next one when the doubt ends the sentence ("a fever, I think.");
      // "не уверен, немеет ли стопа" doubts what follows it.
      const endsSentence =
        (tokens[j + 1]?.sentence ?? -1) !== sentence ||
        (hedgesAfter.has(j + 1) && (tokens[j + 2]?.sentence ?? -1) !== sentence);
      if (tokens[j]!.clause === clause || (tokens[j]!.clause === tokens[m.last]!.clause + 1 && endsSentence))
        return true;
    }
    return false;
  };

  const candidates: Candidate[] = [];
  for (const rule of lx.rules) {
    for (const m of matchPattern(rule.pattern, ctx)) {
      const isNeg = negated(m);
      if (rule.denial && isNeg) continue; // "not fine": no statement either way
      let value = rule.value;
      if (typeof value === "boolean" && !rule.denial && isNeg) value = false;
      else if (typeof value === "string" && isNeg) continue; // "not past the knee": that option is simply not said
      candidates.push({
        field: rule.field,
        value,
        certain: !uncertain(m),
        negated: isNeg || rule.denial,
        tokens: m.tokens,
        implies: value === true || typeof value === "string" ? rule.implies : {},
        source: rule.pattern.source,
      });
    }
  }
  if (trace) for (const c of candidates) trace(c.field, c.value, c.source ?? "");
  candidates.push(...quantities(tokens, ctx, lx, uncertain));
  candidates.push(...sexOf(tokens, ctx, lx, candidates));

  const byId = new Map(lx.findings.map((f) => [f.id, f]));
  const fields = aggregate(candidates, byId);
  // Implied values fill only fields the text did not speak to directly.
  for (const c of candidates) {
    for (const [field, value] of Object.entries(c.implies)) {
      if (fields.has(field)) continue;
      const f = byId.get(field);
      if (f) fields.set(field, { field, value, certain: c.certain, tokens: c.tokens, negated: false });
    }
  }
  const spanOf = (ts: number[]): Span[] => {
    const sorted = [...new Set(ts)].sort((a, b) => a - b);
    // Neighbouring words make one span; a word elsewhere in the clause gets its own.
    const out: Span[] = [];
    for (const i of sorted) {
      const t = tokens[i]!;
      const prev = out[out.length - 1];
      if (prev && /^[\s\p{L}\p{N}'’-]*$/u.test(text.slice(prev.end, t.start)) && t.start - prev.end <= 12)
        prev.end = t.end;
      else out.push({ start: t.start, end: t.end, text: "" });
    }
    return out.map((s) => ({ ...s, text: text.slice(s.start, s.end) }));
  };
  const order = new Map(lx.findings.map((f, i) => [f.id, i]));
  return {
    lang: lx.lang,
    fields: [...fields.values()]
      .sort((a, b) => (order.get(a.field) ?? 0) - (order.get(b.field) ?? 0))
      .map((e) => ({
        field: e.field,
        value: e.value,
        certain: e.certain,
        spans: spanOf(e.tokens),
        ...(e.negated ? { negated: true } : {}),
      })),
  };
}

interface Merged {
  field: string;
  value: unknown;
  certain: boolean;
  tokens: number[];
  negated: boolean;
}

/** One value per field. Contradictions and doubts stay doubtful; a list gathers every option said. */
function aggregate(cands: Candidate[], byId: Map<string, Finding>): Map<string, Merged> {
  const out = new Map<string, Merged>();
  const groups = new Map<string, Candidate[]>();
  for (const c of cands) groups.set(c.field, [...(groups.get(c.field) ?? []), c]);
  for (const [field, cs] of groups) {
    const f = byId.get(field);
    if (!f) continue;
    const sure = cs.filter((c) => c.certain);
    const use = sure.length ? sure : cs;
    const tokens = use.flatMap((c) => c.tokens);
    if (f.kind === "multi") {
      const values = [...new Set(use.map((c) => c.value as string))];
      out.set(field, { field, value: values, certain: sure.length > 0, tokens, negated: false });
      continue;
    }
    // A doubt that says otherwise than a statement ("no fever ... not sure if I had a temperature") keeps it doubtful.
    const distinct = [...new Set((f.kind === "boolean" ? cs : use).map((c) => JSON.stringify(c.value)))];
    if (f.kind === "number" || f.kind === "integer") {
      const nums = use.map((c) => c.value as number);
      const agree = nums.every((n) => Math.abs(n - nums[0]!) <= Math.max(0.1 * nums[0]!, 0));
      out.set(field, {
        field,
        value: nums[0],
        certain: sure.length > 0 && agree,
        tokens: use[0]!.tokens,
        negated: false,
      });
      continue;
    }
    if (distinct.length === 1) {
      out.set(field, {
        field,
        value: use[0]!.value,
        certain: sure.length > 0,
        tokens,
        negated: use.every((c) => c.negated),
      });
    } else {
      // Said both ways ("no numbness ... my leg is numb"): shown as a question, the "yes" first for safety.
      const yes = use.find((c) => c.value === true) ?? use[0]!;
      out.set(field, { field, value: yes.value, certain: false, tokens, negated: false });
    }
  }
  return out;
}

/** Renumbers clauses so that "but", "но" start a new one. */
function breakClauses(tokens: Token[], breaks: Set<string>): void {
  let shift = 0;
  for (const t of tokens) {
    if (breaks.has(t.norm)) shift++;
    t.clause += shift;
  }
}

/** Numbers with time units: "five weeks", "a month", "минут 10", "неделю". */
function findQuantities(tokens: Token[], lx: Lexicon): Map<number, Quantity> {
  const out = new Map<number, Quantity>();
  tokens.forEach((t, i) => {
    const make = (end: number, value: number, unit: string): Quantity => ({
      end,
      value,
      unit,
      days: value * UNIT_DAYS[unit as keyof typeof UNIT_DAYS],
      ...(lx.vague.has(t.norm) ? { vague: true } : {}),
    });
    const next = tokens[i + 1];
    const nextUnit = next && next.sentence === t.sentence ? lx.units.get(next.norm) : undefined;
    if (t.number !== undefined && nextUnit) out.set(i, make(i + 1, t.number, nextUnit));
    else if (lx.articles.has(t.norm) && nextUnit) out.set(i, make(i + 1, 1, nextUnit));
    else if (
      lx.unitFirst &&
      lx.units.has(t.norm) &&
      next?.number !== undefined &&
      /^\d/.test(next.norm) &&
      next.sentence === t.sentence &&
      !(tokens[i - 1]?.number !== undefined)
    ) {
      out.set(i, make(i + 1, next.number, lx.units.get(t.norm)!));
    } else if (lx.bareOne.has(t.norm) && tokens[i - 1]?.number === undefined)
      out.set(i, make(i, 1, lx.bareOne.get(t.norm)!));
  });
  return out;
}

function quantities(tokens: Token[], ctx: MatchContext, lx: Lexicon, uncertain: (m: Match) => boolean): Candidate[] {
  const out: Candidate[] = [];
  const used = new Set<number>();
  const add = (field: string, value: number, m: Match, certain = true, implies: Record<string, unknown> = {}): void => {
    out.push({
      field,
      value,
      certain: certain && !uncertain(m) && !m.quantity?.vague,
      negated: false,
      tokens: m.tokens,
      implies,
    });
    m.tokens.forEach((t) => used.add(t));
  };
  const each = (key: keyof Lexicon["quantities"], fn: (m: Match) => void): void => {
    for (const p of lx.quantities[key])
      for (const m of matchPattern(p, ctx))
        if (!m.tokens.some((t) => used.has(t) && (tokens[t]!.number !== undefined || ctx.quantities.has(t)))) fn(m);
  };
  each("pregnancy_weeks", (m) => {
    const n = m.quantity?.unit === "weeks" ? m.quantity.value : m.number;
    if (n !== undefined && Number.isInteger(n) && n >= 1 && n <= 43)
      add("pregnancy_weeks", n, m, true, { pregnant: true, sex: "female" });
  });
  each("intensity", (m) => {
    if (m.number !== undefined && Number.isInteger(m.number) && m.number >= 0 && m.number <= 10)
      add("intensity", m.number, m);
  });
  each("child_age", (m) => {
    // "My baby is three months old" is usually a parent's own story: a child's age under one year is asked.
    const years = m.quantity ? (m.quantity.unit === "years" ? m.quantity.value : m.quantity.days / 365) : m.number;
    if (years === undefined || years < 0 || years > 18) return;
    add("age", round(years), m, years >= 1, { __child: true });
  });
  each("age", (m) => {
    if (m.number === undefined || m.number < 1 || m.number > 120) return;
    // A bare number opening the text is an age only when a comma or full stop follows ("36, I ride…"),
    // not "2 kids and a bad back".
    const last = m.tokens[m.tokens.length - 1]!;
    const next = tokens[last + 1];
    const bareOpening = m.first === 0 && m.tokens.length === 1 && tokens[0]!.number !== undefined;
    if (bareOpening && next && next.clause === tokens[last]!.clause) return;
    add("age", m.number, m);
  });
  each("session_hours", (m) => {
    if (m.quantity && (m.quantity.unit === "hours" || m.quantity.unit === "minutes") && m.quantity.days * 24 <= 24)
      add("session_hours", round(m.quantity.days * 24), m);
  });
  each("morning_stiffness_minutes", (m) => {
    if (m.quantity && (m.quantity.unit === "hours" || m.quantity.unit === "minutes") && m.quantity.days <= 1)
      add("morning_stiffness_minutes", round(m.quantity.days * 1440), m);
  });
  each("duration", (m) => {
    // Hours are more often the session's length than the pain's ("jumped for three hours"): asked instead.
    if (m.quantity && m.quantity.days >= 1) add("duration_days", round(m.quantity.days), m);
  });
  if (!out.some((c) => c.field === "duration_days")) {
    for (const r of lx.relativeDays) for (const m of matchPattern(r.pattern, ctx)) add("duration_days", r.days, m);
    // The longest phrase wins: "the day before yesterday" over "yesterday".
    const rel = out.filter((c) => c.field === "duration_days");
    if (rel.length > 1) {
      const longest = rel.reduce((a, b) => (b.tokens.length > a.tokens.length ? b : a));
      for (const c of rel)
        if (c !== longest && c.tokens.every((t) => longest.tokens.includes(t))) out.splice(out.indexOf(c), 1);
    }
  }
  return out;
}

const round = (x: number): number => Math.round(x * 100) / 100;

function wordIs(ws: Word[], t: Token): boolean {
  return ws.some((w) =>
    w.kind === "word"
      ? t.norm === w.norm || t.stem === w.stem
      : w.kind === "prefix"
        ? t.norm.startsWith(w.prefix)
        : false,
  );
}

/** Sex, when the words tell it: the child's ("my son"), a child's pronouns, or Russian past-tense verbs. */
function sexOf(tokens: Token[], _ctx: MatchContext, lx: Lexicon, cands: Candidate[]): Candidate[] {
  const child = cands.find((c) => c.field === "age" && c.implies["__child"]);
  if (child) {
    delete child.implies["__child"];
    // The child word is in the phrase or just after it: "my 7-year-old daughter".
    const first = Math.min(...child.tokens);
    const near = tokens
      .map((t, i) => ({ t, i }))
      .filter(({ t, i }) => i >= first && i <= Math.max(...child.tokens) + 2 && t.sentence === tokens[first]!.sentence);
    const male = near.find(({ t }) => wordIs(lx.child.male, t));
    const female = near.find(({ t }) => wordIs(lx.child.female, t));
    if (!male !== !female)
      return [
        {
          field: "sex",
          value: male ? "male" : "female",
          certain: child.certain,
          negated: false,
          tokens: [(male ?? female)!.i],
          implies: {},
        },
      ];
    if (lx.pronouns) {
      const m = tokens.map((t, i) => (lx.pronouns!.male.has(t.norm) ? i : -1)).filter((i) => i >= 0);
      const f = tokens.map((t, i) => (lx.pronouns!.female.has(t.norm) ? i : -1)).filter((i) => i >= 0);
      if (m.length > 0 !== f.length > 0)
        return [
          {
            field: "sex",
            value: m.length ? "male" : "female",
            certain: child.certain,
            negated: false,
            tokens: (m.length ? m : f).slice(0, 1),
            implies: {},
          },
        ];
    }
    // Also a child: the child words anywhere ("Сыну 3 года").
    return [];
  }
  // A child word elsewhere ("my son's trampoline") does not make the speaker a child; only the age template does.
  const pt = lx.pastTenseSex;
  if (!pt) return [];
  const ignore = new Set(pt.ignore);
  const votes: { male: number[]; female: number[] } = { male: [], female: [] };
  tokens.forEach((t, i) => {
    if (t.norm.length < pt.min_length || ignore.has(t.norm) || t.number !== undefined) return;
    // Longest ending first: "-лась" before "-ла", "-лся" before "-л".
    const endings = [...pt.female.map((e) => ["female", e] as const), ...pt.male.map((e) => ["male", e] as const)].sort(
      (a, b) => b[1].length - a[1].length,
    );
    const hit = endings.find(
      ([, e]) => t.norm.endsWith(e) && /[аеиоуыяю]/.test(t.norm.charAt(t.norm.length - e.length - 1)),
    );
    if (hit) votes[hit[0]].push(i);
  });
  const [m, f] = [votes.male.length, votes.female.length];
  if (m + f === 0 || (m > 0 && f > 0)) return [];
  return [
    {
      field: "sex",
      value: m ? "male" : "female",
      certain: m + f >= 2,
      negated: false,
      tokens: (m ? votes.male : votes.female).slice(0, 2),
      implies: {},
    },
  ];
}
