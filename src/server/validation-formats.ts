/**
 * String formats for the request schemas, each checked in time linear in its input and refusing anything
 * longer than its bound before looking at the characters. A regular expression with two unbounded parts
 * (`[^@]+@[^@]+\.[^@]+`) backtracks quadratically on "a@" followed by many dots, and ajv with
 * `allErrors` runs a format even after `maxLength` has failed: one such login body cost seconds of CPU.
 */

export const EMAIL_MAX = 254;

/** Control characters (NUL included: PostgreSQL refuses it in text) and spaces never belong in an address. */
const isBad = (code: number): boolean => code <= 0x20 || code === 0x7f;

/** A plain address: one "@", something before it, a dot inside the domain part, no spaces or control characters. */
export function isEmail(s: string): boolean {
  if (s.length === 0 || s.length > EMAIL_MAX) return false;
  const at = s.indexOf("@");
  if (at <= 0 || at !== s.lastIndexOf("@")) return false;
  for (let i = 0; i < s.length; i++) if (isBad(s.charCodeAt(i))) return false;
  const domain = s.slice(at + 1);
  const dot = domain.indexOf(".");
  // A dot with something on both sides: "a@b.c", not "a@.c" nor "a@b.".
  return dot > 0 && domain.lastIndexOf(".") < domain.length - 1;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID; longer strings are refused before the pattern runs. */
export const isUuid = (s: string): boolean => s.length === 36 && UUID.test(s);
