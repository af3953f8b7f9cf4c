import type { Knowledge } from "../knowledge/schema.js";
import { parseStory, type ParseResult } from "./extract.js";
import { lexiconFor } from "./lexicon.js";

export type { Extraction, ParseResult, Span } from "./extract.js";
export { PARSE_LANGS } from "./lexicon.js";

/** Reads a person's own words in a language that has a lexicon ("en", "ru"). */
export function parseText(text: string, lang: string, k: Knowledge): ParseResult {
  return parseStory(text, lexiconFor(lang, k));
}
