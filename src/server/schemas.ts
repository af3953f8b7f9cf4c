import { caseJsonSchema } from "../case/validate-case.js";
import { TRIAGE_URGENT_FIRST } from "../engine/types.js";
import { CONDITIONS, SPECIALISTS } from "../knowledge/vocabulary.js";

/**
 * The JSON Schemas the handlers validate with; @fastify/swagger builds the OpenAPI document from the very
 * same objects. The case schema is the contract itself, with its one local $ref inlined so it can sit
 * inside a route schema.
 */
function bundledCaseSchema(): Record<string, unknown> {
  const raw = caseJsonSchema();
  const defs = raw["$defs"] as Record<string, unknown>;
  const inline = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(inline);
    if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      if (typeof o["$ref"] === "string" && o["$ref"].startsWith("#/$defs/"))
        return inline(defs[o["$ref"].slice("#/$defs/".length)]);
      return Object.fromEntries(
        Object.entries(o)
          .filter(([key]) => !["$schema", "$id", "$defs"].includes(key))
          .map(([key, v]) => [key, inline(v)]),
      );
    }
    return node;
  };
  return inline(raw) as Record<string, unknown>;
}

/** The longest string and list any request field may hold when its schema names no tighter bound. */
export const MAX_STRING = 200;
export const MAX_ITEMS = 100;

/**
 * Gives every string, array and open object in a schema an upper bound, so no validation step (ajv's
 * `uniqueItems` compares items pairwise) runs on an unbounded input. A list of enum values can hold
 * each value at most once; anything else gets MAX_STRING / MAX_ITEMS.
 */
export function bounded(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(bounded);
  if (!node || typeof node !== "object") return node;
  const o = Object.fromEntries(
    Object.entries(node as Record<string, unknown>).map(([key, v]) => [
      key,
      key === "enum" || key === "const" ? v : bounded(v),
    ]),
  );
  if (o["type"] === "string" && o["maxLength"] === undefined && o["enum"] === undefined) o["maxLength"] = MAX_STRING;
  if (o["type"] === "array" && o["maxItems"] === undefined) {
    const items = o["items"] as { enum?: unknown[] } | undefined;
    o["maxItems"] = Array.isArray(items?.enum) ? items.enum.length : MAX_ITEMS;
  }
  if (o["type"] === "object" && o["additionalProperties"] !== false && o["maxProperties"] === undefined)
    o["maxProperties"] = MAX_ITEMS;
  return o;
}

/**
 * The form a schema is compiled in: bounded, and with every check that costs more than the length check
 * (a string's pattern or format, an array's items and uniqueness) moved behind it with if/then. Ajv with
 * `allErrors` runs every keyword even after `maxLength` or `maxItems` has failed; an `if` that fails
 * skips its `then`, so an oversized value gets one cheap problem instead of a quadratic check.
 */
export function guarded(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(guarded);
  if (!node || typeof node !== "object") return node;
  const o = Object.fromEntries(
    Object.entries(bounded(node) as Record<string, unknown>).map(([key, v]) => [
      key,
      key === "enum" || key === "const" ? v : guarded(v),
    ]),
  );
  const costly = (keys: string[], bound: Record<string, unknown>): Record<string, unknown> => {
    const then: Record<string, unknown> = {};
    for (const key of keys) {
      if (o[key] !== undefined) {
        then[key] = o[key];
        delete o[key];
      }
    }
    if (Object.keys(then).length === 0) return o;
    if (o["if"] !== undefined) return { ...o, ...then }; // already has its own if/then: leave it as it was
    return { ...o, if: bound, then };
  };
  if (o["type"] === "string" && typeof o["maxLength"] === "number")
    return costly(["pattern", "format"], { maxLength: o["maxLength"] });
  if (o["type"] === "array" && typeof o["maxItems"] === "number")
    return costly(["items", "uniqueItems", "contains", "prefixItems"], { maxItems: o["maxItems"] });
  return o;
}

export const caseSchema = bounded(bundledCaseSchema()) as Record<string, unknown>;

export const TRIAGE = { type: "string", enum: TRIAGE_URGENT_FIRST } as const;
const anything = {} as const;

/** What an assessment returns: the contract's fields plus the trace. Open objects so nothing is dropped. */
export const assessmentSchema = {
  type: "object",
  additionalProperties: true,
  required: ["triage", "conditions", "specialists"],
  properties: {
    triage: TRIAGE,
    conditions: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        additionalProperties: true,
        required: ["id"],
        properties: {
          id: { type: "string", enum: [...CONDITIONS] },
          score: { type: "number" },
          likelihood: {
            type: "string",
            enum: ["rule_out_first", "most_likely", "possible", "less_likely"],
            description: "In words: the scores are hand-set weights, not probabilities.",
          },
          for: { type: "array", items: anything },
          against: { type: "array", items: anything },
          sources: { type: "array", items: { type: "string" } },
        },
      },
    },
    specialists: { type: "array", items: { type: "string", enum: [...SPECIALISTS] } },
    reasons: {
      type: "array",
      items: anything,
      description: "The rules that fired, with the answers behind them and their sources.",
    },
    investigations: { type: "array", items: anything },
    advice: { type: "array", items: anything },
    open_questions: {
      type: "array",
      description:
        "Unanswered questions that could still raise the urgency, most consequential first, each once: the finding (its question's words are the locale's finding.<field>.question), the level it could raise to, and the rule that would get there with the fewest other answers.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["field", "could_raise_to", "rule"],
        properties: { field: { type: "string" }, could_raise_to: TRIAGE, rule: { type: "string" } },
      },
    },
    must_rule_out: {
      type: "array",
      items: anything,
      description: "Serious causes a doctor must rule out, with the rules that point to them.",
    },
    open_warning_signs: {
      type: "array",
      items: anything,
      description: 'Warning signs not ruled out: not asked, or answered "I don\'t know" (asked: true).',
    },
    emergency_number: {
      type: "string",
      description: "On an emergency result: the number to call (?country=GB gives 999; the default is 112).",
    },
    pathway: anything,
    sources: { type: "array", items: { type: "string" } },
    disclaimer: { type: "string" },
    knowledge_version: {
      type: "string",
      pattern: "^[0-9a-f]{12}$",
      description: "The version (content hash) of the knowledge that produced this result.",
    },
  },
} as const;

export const problemsSchema = {
  type: "object",
  required: ["error", "problems"],
  properties: {
    error: { type: "string" },
    problems: {
      type: "array",
      items: {
        type: "object",
        required: ["code", "path", "message"],
        properties: { code: { type: "string" }, path: { type: "string" }, message: { type: "string" } },
      },
    },
  },
} as const;

const questionSchema = {
  type: "object",
  additionalProperties: true,
  required: ["id", "kind", "fields", "text", "unknown_label"],
  properties: {
    id: { type: "string" },
    kind: { type: "string", enum: ["boolean", "single", "multi", "number", "integer", "checklist"] },
    fields: { type: "array", items: { type: "string" } },
    text: { type: "string" },
    help: { type: "string" },
    options: {
      type: "array",
      items: { type: "object", properties: { value: { type: "string" }, label: { type: "string" } } },
    },
    min: { type: "number" },
    max: { type: "number" },
    min_items: { type: "integer" },
    unknown_label: { type: "string" },
  },
} as const;

export const stepSchema = {
  type: "object",
  additionalProperties: true,
  required: ["done"],
  properties: {
    done: { type: "boolean" },
    question: questionSchema,
    phase: { type: "string", enum: ["first", "red_flag", "triage", "condition"] },
    asked: { type: "integer" },
    red_flags_left: { type: "integer" },
    result: assessmentSchema,
  },
} as const;

export const interviewStateSchema = {
  type: "object",
  required: ["version", "steps"],
  properties: {
    version: { type: "integer", enum: [1] },
    steps: {
      type: "array",
      items: {
        type: "object",
        required: ["question", "fields", "answers"],
        properties: {
          question: { type: "string" },
          fields: { type: "array", items: { type: "string" } },
          answers: { type: "object", additionalProperties: true },
        },
      },
    },
  },
} as const;

export const interviewSchema = {
  type: "object",
  required: ["id", "revision", "lang", "step"],
  properties: {
    id: { type: "string", format: "uuid" },
    revision: { type: "integer", description: "Send it back with the next change; a stale one gets 409." },
    lang: { type: "string" },
    state: interviewStateSchema,
    step: stepSchema,
  },
} as const;

export const idParams = {
  type: "object",
  required: ["id"],
  properties: { id: { type: "string", maxLength: 36, format: "uuid" } },
} as const;

/**
 * An interview answer as the API takes it: a value, a list of chosen items or an object of items
 * (answer.ts reads the meaning). Only its size is bounded here.
 */
export const answerValueSchema = {
  anyOf: [
    { type: "string", maxLength: MAX_STRING },
    { type: "number" },
    { type: "boolean" },
    { type: "null" },
    { type: "array", maxItems: MAX_ITEMS, items: { type: ["string", "number", "boolean"], maxLength: MAX_STRING } },
    {
      type: "object",
      maxProperties: MAX_ITEMS,
      propertyNames: { maxLength: MAX_STRING },
      additionalProperties: { type: ["string", "boolean"], maxLength: MAX_STRING },
    },
  ],
} as const;

export const credentialsSchema = {
  type: "object",
  additionalProperties: false,
  required: ["email", "password"],
  properties: {
    email: { type: "string", format: "email", maxLength: 254 },
    password: { type: "string", minLength: 8, maxLength: 200 },
  },
} as const;

export const userSchema = {
  type: "object",
  required: ["id", "email", "created_at"],
  properties: { id: { type: "string" }, email: { type: "string" }, created_at: { type: "string" } },
} as const;
