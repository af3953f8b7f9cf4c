import type { Knowledge } from "./schema.js";
import type { TextKey } from "./text-key.js";

export const DEFAULT_LANG = "en";

/** A text by key in the requested language, falling back to English (locale parity is tested). */
export function text(k: Knowledge, lang: string, key: TextKey): string {
  return k.locales[lang]?.[key] ?? k.locales[DEFAULT_LANG]?.[key] ?? key;
}

export function hasText(k: Knowledge, lang: string, key: string): boolean {
  return key in (k.locales[lang] ?? {}) || key in (k.locales[DEFAULT_LANG] ?? {});
}

/** A finding's answer in words: "Pain (0-10): 7", "Numb leg: yes". */
export function describeAnswer(k: Knowledge, lang: string, field: string, value: unknown): string {
  const label = text(k, lang, `finding.${field}.label`);
  const word = (v: unknown): string => {
    if (typeof v === "boolean") return text(k, lang, v ? "answer.yes" : "answer.no");
    if (typeof v === "string") return text(k, lang, `option.${field}.${v}`);
    return String(v);
  };
  if (Array.isArray(value)) {
    return `${label}: ${value.length ? value.map(word).join(", ") : text(k, lang, "answer.none")}`;
  }
  return `${label}: ${word(value)}`;
}
