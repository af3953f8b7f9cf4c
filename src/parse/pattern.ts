import type { Token } from "./tokens.js";
import { normalize } from "./tokens.js";

/**
 * The pattern language of the lexicon:
 *   "lower back"      words in this order, each compared by its stem, up to two other words between them;
 *   "онем*"           a word beginning with these letters (for derived words a stemmer does not join);
 *   "@LEG"            any word of a class;
 *   "{n}"             a number; "{dur}" a number with a time unit ("five weeks", "минут 10", "a month");
 *   "{age}"           a number of years (not followed by another unit: "24 weeks pregnant" is no age);
 *   "^"               the very start of the text;
 *   "numb + @LEG"     both parts somewhere in the same clause, in any order;
 *   "burn* + !@URINE" the first part, in a clause without the second;
 *   "a & b"           b somewhere in the same sentence as a ("беременна, 19 недель").
 */
export type Word =
  | { kind: "word"; norm: string; stem: string }
  | { kind: "prefix"; prefix: string }
  | { kind: "class"; name: string; words: Word[] }
  | { kind: "slot"; slot: "n" | "dur" | "age" }
  | { kind: "start" };

export interface Pattern {
  source: string;
  parts: Word[][];
  forbidden: Word[][];
  /** Parts that may stand anywhere in the same sentence. */
  sentence: Word[][];
}

export interface Quantity {
  /** Index of the last token of the quantity. */
  end: number;
  /** "several weeks": said, but too vague to take. */
  vague?: boolean;
  days: number;
  unit: string;
  value: number;
}

export interface MatchContext {
  tokens: Token[];
  /** Quantities that start at a token index. */
  quantities: Map<number, Quantity>;
  /** Year unit forms: "{age}" accepts them after the number. */
  yearUnits: Set<string>;
  /** Every unit form: "{age}" refuses a number followed by another unit. */
  units: Map<string, string>;
  /** Per text: which tokens each word matches, computed once (a pattern word is shared by many rules). */
  hits?: Map<Word, Uint8Array>;
  /** Per text: whether a word matches anywhere at all. */
  any?: Map<Word, boolean>;
}

export interface Match {
  tokens: number[];
  first: number;
  last: number;
  number?: number;
  quantity?: Quantity;
}

const MAX_GAP = 2;

export function compileWord(
  raw: string,
  stem: (w: string) => string,
  classes: ReadonlyMap<string, Word[]>,
  minStem = 1,
): Word {
  if (raw === "^") return { kind: "start" };
  const slot = /^\{(n|dur|age)\}$/.exec(raw);
  if (slot) return { kind: "slot", slot: slot[1] as "n" | "dur" | "age" };
  if (raw.startsWith("@")) {
    const words = classes.get(raw.slice(1));
    if (!words) throw new Error(`unknown class ${raw}`);
    return { kind: "class", name: raw.slice(1), words };
  }
  const norm = normalize(raw);
  if (norm.endsWith("*") && norm.length > 1) return { kind: "prefix", prefix: norm.slice(0, -1) };
  const st = stem(norm);
  // A stem too short to trust is no stem: the word must stand as written.
  return { kind: "word", norm, stem: st.length >= minStem ? st : `\u0000${norm}` };
}

/** Splits a pattern into words; contractions in a pattern ("can't") are split as the text's are. */
export function compilePattern(source: string, toWords: (phrase: string) => Word[]): Pattern {
  const parts: Word[][] = [];
  const forbidden: Word[][] = [];
  const [clausePart, ...sentenceParts] = source.split(" & ");
  const sentence = sentenceParts.map((p) => toWords(p.trim()));
  for (const piece of clausePart!.split(" + ")) {
    const p = piece.trim();
    if (p.startsWith("!")) forbidden.push(toWords(p.slice(1)));
    else parts.push(toWords(p));
  }
  if (parts.length === 0 || parts.some((p) => p.length === 0)) throw new Error(`empty pattern part in "${source}"`);
  return { source, parts, forbidden, sentence };
}

/** Which tokens of the text a word matches, cached per text. */
function hitsOf(w: Word, ctx: MatchContext): Uint8Array {
  ctx.hits ??= new Map();
  const cache = ctx.hits;
  let h = cache.get(w);
  if (!h) {
    h = new Uint8Array(ctx.tokens.length);
    if (w.kind === "class") {
      for (const x of w.words) {
        const hx = hitsOf(x, ctx);
        for (let i = 0; i < h.length; i++) if (hx[i]) h[i] = 1;
      }
    } else for (let i = 0; i < h.length; i++) h[i] = wordMatches(w, ctx.tokens[i]!) ? 1 : 0;
    cache.set(w, h);
  }
  return h;
}

function wordMatches(w: Word, t: Token): boolean {
  switch (w.kind) {
    case "word":
      return t.norm === w.norm || t.stem === w.stem;
    case "prefix":
      return t.norm.startsWith(w.prefix);
    case "class":
      return w.words.some((x) => wordMatches(x, t));
    default:
      return false;
  }
}

interface Partial {
  tokens: number[];
  next: number;
  number?: number;
  quantity?: Quantity;
}

/** Matches one word at token i; returns the next free index, or -1. */
function matchAt(w: Word, i: number, ctx: MatchContext, acc: Partial): Partial | undefined {
  const t = ctx.tokens[i];
  if (w.kind === "start") return i === 0 ? acc : undefined;
  if (!t) return undefined;
  if (w.kind === "slot") {
    if (w.slot === "dur") {
      const q = ctx.quantities.get(i);
      if (!q) return undefined;
      return {
        tokens: [...acc.tokens, ...range(i, q.end)],
        next: q.end + 1,
        quantity: q,
        ...(acc.number !== undefined ? { number: acc.number } : {}),
      };
    }
    if (t.number === undefined) return undefined;
    if (w.slot === "n") {
      // A number that belongs to a quantity ("24 weeks") is no bare number.
      const q = ctx.quantities.get(i);
      if (q && q.end > i) return undefined;
      return { ...acc, tokens: [...acc.tokens, i], next: i + 1, number: t.number };
    }
    // {age}: a number, then perhaps a year unit; any other unit means it is not an age.
    const after = ctx.tokens[i + 1];
    if (after && after.sentence === t.sentence && ctx.yearUnits.has(after.norm))
      return { ...acc, tokens: [...acc.tokens, i, i + 1], next: i + 2, number: t.number };
    if (after && after.sentence === t.sentence && ctx.units.has(after.norm)) return undefined;
    return { ...acc, tokens: [...acc.tokens, i], next: i + 1, number: t.number };
  }
  return hitsOf(w, ctx)[i] ? { ...acc, tokens: [...acc.tokens, i], next: i + 1 } : undefined;
}

const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, k) => a + k);

/** Every match of a phrase (words in order, small gaps, one clause), earliest first. */
export function matchPhrase(words: Word[], ctx: MatchContext, onlyClause?: number, onlySentence?: number): Partial[] {
  const out: Partial[] = [];
  const { tokens } = ctx;
  const first = words[0]!;
  // A plain first word that matches nowhere rules the phrase out at once (most rules, for most texts).
  const firstHits =
    first.kind === "word" || first.kind === "prefix" || first.kind === "class" ? hitsOf(first, ctx) : undefined;
  for (let i = 0; i < Math.max(tokens.length, 1); i++) {
    if (firstHits && !firstHits[i]) continue;
    if (onlyClause !== undefined && tokens[i]?.clause !== onlyClause) continue;
    if (onlySentence !== undefined && tokens[i]?.sentence !== onlySentence) continue;
    // "^" is matched without consuming a token.
    let acc: Partial | undefined =
      first.kind === "start"
        ? i === 0
          ? { tokens: [], next: 0 }
          : undefined
        : matchAt(first, i, ctx, { tokens: [], next: i });
    if (!acc) continue;
    const clause = tokens[i]?.clause;
    for (let w = 1; w < words.length && acc; w++) {
      let found: Partial | undefined;
      const limit = words[w - 1]!.kind === "start" ? 0 : MAX_GAP;
      for (let j = acc.next; j <= acc.next + limit && j < tokens.length; j++) {
        // The next word may stand just past a comma ("Man, 28"); a gap never crosses one.
        if (tokens[j]!.clause !== clause && (j > acc.next || tokens[j]!.sentence !== tokens[i]!.sentence)) break;
        found = matchAt(words[w]!, j, ctx, acc);
        if (found) break;
      }
      acc = found;
    }
    if (acc && acc.tokens.length > 0) out.push(acc);
  }
  return out;
}

/** Whether a word occurs anywhere in the text (slots and "^" always may). */
function occurs(w: Word, ctx: MatchContext): boolean {
  if (w.kind === "slot" || w.kind === "start") return true;
  ctx.any ??= new Map();
  const cache = ctx.any;
  let a = cache.get(w);
  if (a === undefined) {
    a = hitsOf(w, ctx).includes(1);
    cache.set(w, a);
  }
  return a;
}

/** Every match of a pattern: its parts in one clause, none of its forbidden parts there. */
export function matchPattern(p: Pattern, ctx: MatchContext): Match[] {
  // Most rules name a word the text does not have: ruled out before any matching.
  for (const part of p.parts) for (const w of part) if (!occurs(w, ctx)) return [];
  for (const part of p.sentence) for (const w of part) if (!occurs(w, ctx)) return [];
  const out: Match[] = [];
  for (const head of matchPhrase(p.parts[0]!, ctx)) {
    const clause = ctx.tokens[head.tokens[0]!]!.clause;
    let all: number[] = [...head.tokens];
    let number = head.number;
    let quantity = head.quantity;
    let ok = true;
    for (const part of p.parts.slice(1)) {
      const m = matchPhrase(part, ctx, clause).find((x) => !x.tokens.some((t) => head.tokens.includes(t)));
      if (!m) {
        ok = false;
        break;
      }
      all = [...all, ...m.tokens];
      number ??= m.number;
      quantity ??= m.quantity;
    }
    for (const part of p.sentence) {
      if (!ok) break;
      const m = matchPhrase(part, ctx, undefined, ctx.tokens[head.tokens[0]!]!.sentence).find(
        (x) => !x.tokens.some((t) => all.includes(t)),
      );
      if (!m) ok = false;
      else {
        all = [...all, ...m.tokens];
        number ??= m.number;
        quantity ??= m.quantity;
      }
    }
    if (!ok) continue;
    if (p.forbidden.some((f) => matchPhrase(f, ctx, clause).length > 0)) continue;
    all = [...new Set(all)].sort((a, b) => a - b);
    out.push({
      tokens: all,
      first: all[0]!,
      last: all[all.length - 1]!,
      ...(number !== undefined ? { number } : {}),
      ...(quantity ? { quantity } : {}),
    });
  }
  return out;
}
