import type { TextKey } from "../../src/knowledge/text-key";
import { getJson } from "./api";

/** The texts come from the server's locale files: the same keys the command line uses. */
export const LANGS = [
  { code: "en", name: "English" },
  { code: "ru", name: "Русский" },
] as const;

let texts: Record<string, string> = {};
let current = "en";

export const lang = (): string => current;
/** The locale for dates: English as written in Britain (27 November 2026), not the US month first. */
export const dateLocale = (): string => (current === "en" ? "en-GB" : current);

export async function setLang(code: string): Promise<void> {
  const next = LANGS.some((l) => l.code === code) ? code : "en";
  texts = await getJson<Record<string, string>>(`/api/locales/${next}`);
  current = next;
  document.documentElement.lang = next;
  localStorage.setItem("backcheck.lang", next);
}

export function initialLang(): string {
  const saved = localStorage.getItem("backcheck.lang");
  if (saved) return saved;
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
    typeof v === "boolean" ? t(v ? "answer.yes" : "answer.no") : typeof v === "string" ? t(`option.${field}.${v}`) : String(v);
  const shown = Array.isArray(value) ? (value.length ? value.map(word).join(", ") : t("answer.none")) : word(value);
  return `${t(`finding.${field}.label`)}: ${shown}`;
}
