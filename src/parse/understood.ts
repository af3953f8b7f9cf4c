import type { Knowledge } from "../knowledge/schema.js";
import { describeAnswer, text } from "../knowledge/texts.js";
import type { ParseResult, Span } from "./extract.js";

/** One line of "We understood": the value in plain words, and the words of the text it came from. */
export interface UnderstoodLine {
  field: string;
  value: unknown;
  /** false: a guess the person must confirm; it is asked if they do not. */
  certain: boolean;
  text: string;
  spans: Span[];
  quote: string;
}

/** The confirmation list in the person's language, in the order the knowledge lists the findings. */
export function understoodLines(r: ParseResult, k: Knowledge, lang: string): UnderstoodLine[] {
  return r.fields.map((f) => ({
    field: f.field,
    value: f.value,
    certain: f.certain,
    text: describeAnswer(k, lang, f.field, f.value),
    spans: f.spans,
    quote: f.spans.map((s) => s.text).join(" … "),
  }));
}

/** "We understood: Age: 34; Where it hurts: Lower back; Numb leg: No" — the short summary line. */
export function understoodSummary(lines: UnderstoodLine[], k: Knowledge, lang: string): string {
  const sure = lines.filter((l) => l.certain);
  return sure.length
    ? `${text(k, lang, "parse.understood")} ${sure.map((l) => l.text).join("; ")}`
    : text(k, lang, "parse.nothing");
}
