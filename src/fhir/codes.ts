import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { KNOWLEDGE_DIR } from "../knowledge/load.js";
import type { Triage } from "../engine/types.js";

/**
 * The table of standard codes (knowledge/fhir-codes.json): SNOMED CT and LOINC codes that mean the same
 * as one of backcheck's conditions, findings or answer options, each with where it was checked.
 */
const codeSchema = z
  .object({
    /** `condition.<id>`, `finding.<id>` or `option.<finding>.<option>`. */
    target: z.string().regex(/^(condition|finding|option)\.[a-z0-9_.]+$/),
    system: z.enum(["http://snomed.info/sct", "http://loinc.org"]),
    code: z.string().min(1),
    display: z.string().min(1),
    source: z.string().min(10),
  })
  .strict();

const urgencyMap = <T extends z.ZodTypeAny>(v: T) =>
  z.object({ emergency: v, urgent: v, doctor: v, self_care: v }).strict();

export const fhirCodesSchema = z
  .object({
    about: z.string(),
    codes: z.array(codeSchema),
    text_only: z.array(z.object({ target: z.string(), why: z.string().min(10) }).strict()),
    not_a_request: z.object({ investigations: z.array(z.string()), why: z.string() }).strict(),
    urgency: z
      .object({
        priority: urgencyMap(z.enum(["routine", "urgent", "asap", "stat"])),
        cds_indicator: urgencyMap(z.enum(["info", "warning", "critical"])),
        why: z.string(),
      })
      .strict(),
  })
  .strict();

export type FhirCodes = z.infer<typeof fhirCodesSchema>;
export type StandardCode = FhirCodes["codes"][number];

export const FHIR_CODES_FILE = join(KNOWLEDGE_DIR, "fhir-codes.json");

let cached: FhirCodes | undefined;

/** The shipped table, parsed once; a broken table is a bug in the package, so it throws. */
export function fhirCodes(): FhirCodes {
  if (!cached) cached = fhirCodesSchema.parse(JSON.parse(readFileSync(FHIR_CODES_FILE, "utf8")));
  return cached;
}

/** The standard codings for a target ("condition.scoliosis"), possibly none. */
export function standardCodings(
  target: string,
  table: FhirCodes = fhirCodes(),
): { system: string; code: string; display: string }[] {
  return table.codes.filter((c) => c.target === target).map(({ system, code, display }) => ({ system, code, display }));
}

export const priorityOf = (t: Triage, table: FhirCodes = fhirCodes()) => table.urgency.priority[t];
export const indicatorOf = (t: Triage, table: FhirCodes = fhirCodes()) => table.urgency.cds_indicator[t];
