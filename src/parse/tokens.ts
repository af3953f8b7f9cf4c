/**
 * Splitting a person's text into words that remember where they stand in it. Each token keeps its span in
 * the original text (so every extracted value can point at its source), its sentence and clause (so a
 * "no" or a "maybe" reaches only its own clause), a normalised form and a stem (so "ногу", "ноге" and
 * "ногами" meet).
 */
export interface Token {
  /** Lower case, ё as е, apostrophes straightened. */
  norm: string;
  stem: string;
  start: number;
  end: number;
  sentence: number;
  clause: number;
  /** A number written in digits or as a number word. */
  number?: number;
}

export interface TokenizeOptions {
  stem: (word: string) => string;
  /** Contractions split off the end of a word: "n't" -> "not", "'m" -> "am" (English). */
  contractions: Readonly<Record<string, string>>;
  /** Number words and their values ("five" -> 5, "пяти" -> 5). */
  numberWords: ReadonlyMap<string, number>;
}

// Digits (with a decimal part), words (letters with inner apostrophes or hyphens kept apart), and "/" for "8/10".
const WORD = /\d+(?:[.,]\d+)?|[\p{L}]+(?:['’][\p{L}]+)*|\//gu;
const SENTENCE_END = /[.!?;\n]/;
const CLAUSE_END = /[,:()«»"]/;

export const normalize = (s: string): string => s.toLowerCase().replace(/ё/g, "е").replace(/’/g, "'");

export function tokenize(text: string, o: TokenizeOptions): Token[] {
  const out: Token[] = [];
  let sentence = 0;
  let clause = 0;
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const between = text.slice(last, start);
    if (SENTENCE_END.test(between.replace(/\d[.,]\d/g, ""))) {
      sentence++;
      clause++;
    } else if (CLAUSE_END.test(between)) clause++;
    last = start + m[0].length;
    for (const piece of splitContraction(m[0], start, o.contractions)) {
      const norm = normalize(piece.text);
      const digits = /^\d+(?:[.,]\d+)?$/.test(norm) ? Number(norm.replace(",", ".")) : undefined;
      const number = digits ?? o.numberWords.get(norm);
      out.push({
        norm,
        stem: /^\d/.test(norm) || norm === "/" ? norm : o.stem(norm),
        start: piece.start,
        end: piece.end,
        sentence,
        clause,
        ...(number !== undefined ? { number } : {}),
      });
    }
  }
  return out;
}

/** "isn't" -> "is" + "not", "I'm" -> "I" + "am"; the pieces keep their own spans. */
function splitContraction(
  word: string,
  start: number,
  contractions: Readonly<Record<string, string>>,
): { text: string; start: number; end: number }[] {
  const w = normalize(word);
  for (const [suffix, full] of Object.entries(contractions)) {
    if (w.length > suffix.length && w.endsWith(suffix)) {
      const cut = word.length - suffix.length;
      let head = word.slice(0, cut);
      // "can't" -> "ca" + "n't", "won't" -> "wo" + "n't": restore the verb.
      if (suffix === "n't" && /^(ca|wo|sha)$/i.test(head))
        head = { ca: "can", wo: "will", sha: "shall" }[head.toLowerCase()]!;
      return [
        { text: head, start, end: start + cut },
        { text: full, start: start + cut, end: start + word.length },
      ];
    }
  }
  return [{ text: word, start, end: start + word.length }];
}
