import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { KNOWLEDGE_DIR } from "../knowledge/load.js";

/** The package version, named in the CapabilityStatement, the questionnaire and the report's Device. */
export const VERSION: string = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

/**
 * When the questions were last changed: the newest knowledge file (the questionnaire's `date`, which
 * SDC asks for). Read once; the knowledge does not change while the server runs.
 */
export function knowledgeDate(dir: string = KNOWLEDGE_DIR): string {
  const files = [...readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => join(dir, f)), ...readdirSync(join(dir, "locales")).map((f) => join(dir, "locales", f))];
  return new Date(Math.max(...files.map((f) => statSync(f).mtimeMs))).toISOString();
}
