import { createHash } from "node:crypto";
import type { Knowledge } from "./schema.js";

/** The first 12 hex digits of the SHA-256 of the knowledge's content (any `version` it already has is left out). */
export function knowledgeVersion(k: Omit<Knowledge, "version"> | Knowledge): string {
  const { version: _ignored, ...content } = k as Knowledge;
  return createHash("sha256").update(JSON.stringify(content)).digest("hex").slice(0, 12);
}
