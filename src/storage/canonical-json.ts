/**
 * JSON with the keys of every object sorted: two documents with the same content give the same text
 * whatever order their keys came in, so "is this exactly what is stored?" is a comparison of strings.
 * (A retried upload is recognised this way; see PutOutcome's "unchanged".)
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .filter((k) => o[k] !== undefined)
        .map((k) => [k, sortKeys(o[k])]),
    );
  }
  return value;
}
