import { z } from "zod";
import type { Problem } from "../errors/problem.js";
import { fail, ok, type Outcome } from "../errors/problem.js";
import type { Knowledge } from "../knowledge/schema.js";

/** A training session as the person logs it. */
export interface WorkoutEntry {
  kind: "workout";
  /** Calendar date, YYYY-MM-DD. */
  date: string;
  activity: string;
  exercises: { exercise: string; sets?: number; load_kg?: number; minutes?: number }[];
  hours?: number;
  warmed_up?: boolean;
  /** How hard it felt, 1 to 10. */
  effort?: number;
  experience?: string;
}

/** How the pain is today, and any yes/no finding of the case that changed (night pain, a weak leg). */
export interface CheckInEntry {
  kind: "checkin";
  date: string;
  intensity: number;
  /** The person's age, needed once for the follow-up assessment; the latest given is used. */
  age?: number;
  location?: string[];
  character?: string[];
  findings?: Record<string, boolean>;
}

export type EntryData = WorkoutEntry | CheckInEntry;
export type Entry = EntryData & { id: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_FINDINGS = 100;

/** The entry schemas, built from the knowledge so the diary speaks the case contract's vocabulary. */
function schemas(k: Knowledge) {
  const options = (field: string): [string, ...string[]] => {
    const o = k.findings.find((f) => f.id === field)?.options ?? [];
    return o as [string, ...string[]];
  };
  const booleans = k.findings.filter((f) => f.kind === "boolean").map((f) => f.id);
  const date = z
    .string()
    .max(10)
    .regex(DATE, "must be a date like 2026-11-26")
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "is not a real date");
  const workout = z
    .object({
      kind: z.literal("workout"),
      date,
      activity: z.enum(options("activity")),
      exercises: z
        .array(
          z
            .object({
              exercise: z.enum(options("exercises")),
              sets: z.number().int().min(1).max(100).optional(),
              load_kg: z.number().min(0).max(1000).optional(),
              minutes: z
                .number()
                .min(0)
                .max(24 * 60)
                .optional(),
            })
            .strict(),
        )
        .max(30),
      hours: z.number().min(0).max(24).optional(),
      warmed_up: z.boolean().optional(),
      effort: z.number().int().min(1).max(10).optional(),
      experience: z.enum(options("experience")).optional(),
    })
    .strict();
  const checkin = z
    .object({
      kind: z.literal("checkin"),
      date,
      intensity: z.number().int().min(0).max(10),
      age: z.number().min(0).max(120).optional(),
      location: z
        .array(z.enum(options("location")))
        .min(1)
        .max(20)
        .optional(),
      character: z
        .array(z.enum(options("character")))
        .max(20)
        .optional(),
      findings: z
        .record(z.string(), z.boolean())
        // The bound is also in the JSON Schema the API validates with (maxProperties), before any key is read.
        .meta({ maxProperties: MAX_FINDINGS })
        .superRefine((r, ctx) => {
          if (Object.keys(r).length > MAX_FINDINGS)
            ctx.addIssue({ code: "custom", path: [], message: `at most ${MAX_FINDINGS} findings` });
          for (const key of Object.keys(r)) {
            if (!booleans.includes(key))
              ctx.addIssue({ code: "custom", path: [key], message: "not a yes/no finding of the case" });
          }
        })
        .optional(),
    })
    .strict();
  return z.discriminatedUnion("kind", [workout, checkin]);
}

const cache = new WeakMap<Knowledge, ReturnType<typeof schemas>>();

/** The entry schema of this knowledge, built once per knowledge. */
export function entrySchema(k: Knowledge): ReturnType<typeof schemas> {
  let schema = cache.get(k);
  if (!schema) {
    schema = schemas(k);
    cache.set(k, schema);
  }
  return schema;
}

/**
 * The JSON Schema of an entry, generated from the same schema: the API validates request bodies with it and
 * documents it in /api/openapi.json, so the documentation cannot drift from what is checked. What JSON Schema
 * cannot say (a real calendar date, a date not after today, a finding that is a yes/no finding of the case)
 * is checked by `validateEntry` after it.
 */
export function entryJsonSchema(k: Knowledge, opts: { exported?: boolean } = {}): Record<string, unknown> {
  const { $schema: _, ...schema } = z.toJSONSchema(entrySchema(k), { io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  // An exported entry (the import's format) also carries the id and the revision it had; the import replaces both.
  const exportedFields = { id: { type: "string", maxLength: 100 }, revision: { type: "integer", minimum: 0 } };
  const branches = (schema["oneOf"] as Record<string, unknown>[]).map((b) =>
    opts.exported ? { ...b, properties: { ...(b["properties"] as object), ...exportedFields } } : b,
  );
  // Only the branch of the entry's kind is checked, so a bad check-in is told about the check-in's fields.
  // The discriminator reads `kind` only from an object: anything else (null, a list) is refused before it.
  return {
    description: "A workout or a pain check-in.",
    type: "object",
    required: ["kind"],
    ...schema,
    oneOf: branches,
    discriminator: { propertyName: "kind" },
  };
}

/**
 * Checks one entry: the contract's vocabulary, ranges, and no date after `today` (a diary records what
 * happened). Every problem comes back with its path; nothing is stored on any problem.
 */
export function validateEntry(input: unknown, today: string, k: Knowledge, root = "entry"): Outcome<EntryData> {
  const r = entrySchema(k).safeParse(input);
  if (!r.success) {
    // An unknown field is reported at its own path (body.note), one problem per field.
    const issues = r.error.issues.flatMap((i): { code: string; path: PropertyKey[]; message: string }[] =>
      i.code === "unrecognized_keys"
        ? i.keys.map((key) => ({ code: i.code, path: [...i.path, key], message: "unknown field" }))
        : [i],
    );
    return fail(
      issues.map((i) => ({
        code: `diary.${i.code}`,
        path: [root, ...i.path]
          .map((p, n) => (n === 0 ? String(p) : typeof p === "number" ? `[${p}]` : `.${String(p)}`))
          .join(""),
        message: i.message,
      })),
    );
  }
  const problems: Problem[] = [];
  if (r.data.date > today)
    problems.push({ code: "diary.future_date", path: `${root}.date`, message: `is after today (${today})` });
  return problems.length ? fail(problems) : ok(r.data as EntryData);
}

/** Days from a to b (dates as YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export const byDate = <T extends { date: string }>(xs: T[]): T[] =>
  [...xs].sort((a, b) => a.date.localeCompare(b.date));
