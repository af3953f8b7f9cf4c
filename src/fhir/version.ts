import { readFileSync } from "node:fs";

/** The package version, named in the CapabilityStatement, the questionnaire and the report's Device. */
export const VERSION: string = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
