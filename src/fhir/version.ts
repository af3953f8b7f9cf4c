import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { KNOWLEDGE_DIR } from "../knowledge/load.js";

/** The package version, named in the CapabilityStatement, the questionnaire and the report's Device. */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;

/**
 * When the questions were last changed: the newest knowledge file (the questionnaire's `date`, which
 * SDC asks for). Read once; the knowledge does not change while the server runs.
 */
export function knowledgeDate(dir: string = KNOWLEDGE_DIR): string {
  const data = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true })
      .filter((e) => e.isFile() && /\.(json|ya?ml)$/.test(e.name))
      .map((e) => join(d, e.name));
  const times = [...data(dir), ...data(join(dir, "locales"))].map((f) => statSync(f).mtimeMs);
  // No readable file is a broken install elsewhere; the date then says "unknown" as the epoch rather than failing here.
  return new Date(times.length ? Math.max(...times) : 0).toISOString();
}
