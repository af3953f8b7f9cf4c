import { buildFile, KNOWLEDGE_FILES, START_TEXTS } from "./build-info";
import type { TextKey } from "../../src/knowledge/text-key";

/**
 * The texts come from the knowledge's locale files, compiled by the build: the start screen's few are in
 * the first page, the rest in one file per language, loaded right after the start screen.
 */
export const LANGS = [
  { code: "en", name: "English" },
  { code: "ru", name: "Русский" },
] as const;

let texts: Record<string, string> = {};
let current = "en";
let full = false;

export const lang = (): string => current;
/** The locale for dates: English as written in Britain (27 November 2026), not the US month first. */
export const dateLocale = (): string => (current === "en" ? "en-GB" : current);

const known = (code: string): string => (LANGS.some((l) => l.code === code) ? code : "en");

/** Switches to a language at once with the start screen's texts; `loadTexts` brings the rest. */
export function setLang(code: string): void {
  const next = known(code);
  if (next !== current || Object.keys(texts).length === 0) {
    texts = { ...START_TEXTS[next] };
    full = false;
  }
  current = next;
  document.documentElement.lang = next;
  localStorage.setItem("backcheck.lang", next);
}

/** Every text of the current language (the screens past the start need them). */
export async function loadTexts(): Promise<void> {
  if (full) return;
  const code = current;
  const all = await buildFile<Record<string, string>>(KNOWLEDGE_FILES.locales[code] ?? "");
  if (code === current) {
    texts = all;
    full = true;
  }
}

export function initialLang(): string {
  const saved = localStorage.getItem("backcheck.lang");
  if (saved) return known(saved);
  return navigator.language.toLowerCase().startsWith("ru") ? "ru" : "en";
}

/** A text by key, with {name} placeholders filled in. A missing key shows itself, which tests catch. */
export function t(key: TextKey, vars: Record<string, string | number> = {}): string {
  const raw = texts[key] ?? key;
  return raw.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** Whether a key built at run time is one the texts define (then `t` takes it). */
export const has = (key: string): key is TextKey => key in texts;

/** An answer in words, as the command line prints it: "Pain (0-10): 7". */
export function describeAnswer(field: string, value: unknown): string {
  const word = (v: unknown): string =>
    typeof v === "boolean"
      ? t(v ? "answer.yes" : "answer.no")
      : typeof v === "string"
        ? t(`option.${field}.${v}`)
        : String(v);
  const shown = Array.isArray(value) ? (value.length ? value.map(word).join(", ") : t("answer.none")) : word(value);
  return `${t(`finding.${field}.label`)}: ${shown}`;
}
