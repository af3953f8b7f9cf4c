import type { Extension } from "@medplum/fhirtypes";
import type { Knowledge } from "../knowledge/schema.js";
import { text } from "../knowledge/texts.js";
import { TRANSLATION_EXTENSION } from "./urls.js";
import type { TextKey } from "../knowledge/text-key.js";

/** The languages the knowledge speaks, the requested one first. */
export const languagesOf = (k: Knowledge, lang: string): string[] => [
  lang,
  ...Object.keys(k.locales)
    .filter((l) => l !== lang)
    .sort(),
];

/**
 * A text in the requested language plus the FHIR translation extension for every other language, for a
 * string element's `_name` companion: `{ text, _text: { extension } }`.
 */
export function translated(
  k: Knowledge,
  lang: string,
  key: TextKey,
): { value: string; ext?: { extension: Extension[] } } {
  const others = languagesOf(k, lang).slice(1);
  const value = text(k, lang, key);
  if (others.length === 0) return { value };
  return {
    value,
    ext: {
      extension: others.map((l) => ({
        url: TRANSLATION_EXTENSION,
        extension: [
          { url: "lang", valueCode: l },
          { url: "content", valueString: text(k, l, key) },
        ],
      })),
    },
  };
}

/** XHTML for a narrative: every text escaped, one paragraph per line. */
export function narrative(lines: string[]): { status: "generated"; div: string } {
  const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return {
    status: "generated",
    div: `<div xmlns="http://www.w3.org/1999/xhtml">${lines.map((l) => `<p>${esc(l)}</p>`).join("")}</div>`,
  };
}
