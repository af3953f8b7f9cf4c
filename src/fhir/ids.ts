import { createHash } from "node:crypto";

/**
 * Deterministic UUIDs: the same inputs give the same ids, so an export is reproducible and the mapping
 * stays pure (no randomness); different cases or times give different ids.
 */
export function uuidFrom(...parts: string[]): string {
  const h = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  // Shaped as a version-4/variant-1 UUID so every consumer accepts it.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
