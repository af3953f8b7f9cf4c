/** Accepts "1,5" as well as "1.5": a decimal comma is how much of the world writes a number. */
export function parseNumber(raw: string): number | undefined {
  const s = raw.trim().replace(/\s/g, "").replace(",", ".");
  if (s === "" || !/^[-+]?\d*\.?\d+$/.test(s)) return undefined;
  return Number(s);
}
