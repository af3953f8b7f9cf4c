import type { FastifyInstance } from "fastify";
import { parseText, PARSE_LANGS } from "../../parse/index.js";
import { understoodLines } from "../../parse/understood.js";
import type { AppContext } from "../context.js";
import { problemsSchema } from "../schemas.js";

const span = {
  type: "object",
  additionalProperties: false,
  required: ["start", "end", "text"],
  properties: {
    start: {
      type: "integer",
      minimum: 0,
      description: "Offset of the first character in the text (UTF-16 code units).",
    },
    end: { type: "integer", minimum: 0, description: "Offset just after the last character." },
    text: { type: "string" },
  },
} as const;

/** The answer of POST /api/parse, in the OpenAPI document. */
export const parseResultSchema = {
  type: "object",
  additionalProperties: false,
  required: ["lang", "fields", "lines"],
  properties: {
    lang: { type: "string" },
    fields: {
      type: "array",
      description:
        "Case fields the text suggests. None is an answer until the person confirms it; certain: false marks a doubtful value, which is asked.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["field", "value", "certain", "spans"],
        properties: {
          field: { type: "string", description: "A field of contract/case.schema.json." },
          value: { description: "A value of the field's type (boolean, option, list of options, number)." },
          certain: { type: "boolean" },
          negated: { type: "boolean", description: 'The text denied it ("no numbness").' },
          spans: { type: "array", items: span },
        },
      },
    },
    lines: {
      type: "array",
      description: "The same fields in plain words in the requested language, for the confirmation list.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["field", "value", "certain", "text", "spans", "quote"],
        properties: {
          field: { type: "string" },
          value: {},
          certain: { type: "boolean" },
          text: { type: "string" },
          spans: { type: "array", items: span },
          quote: { type: "string" },
        },
      },
    },
  },
} as const;

/** Stateless: the text is read and forgotten (never stored, never logged). */
export function parseRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post<{ Body: { text: string; lang?: string } }>(
    "/api/parse",
    {
      schema: {
        tags: ["interview"],
        summary: "Read a person's own words (English or Russian) into case fields with their spans",
        description:
          "Nothing is stored. The interview takes only what the person confirmed (POST /api/interviews with `answers`); every warning sign the text did not mention is still asked.",
        body: {
          type: "object",
          additionalProperties: false,
          required: ["text"],
          properties: { text: { type: "string", maxLength: 4000 }, lang: { type: "string", enum: [...PARSE_LANGS] } },
        },
        response: { 200: parseResultSchema, 400: problemsSchema },
      },
    },
    async (request) => {
      const lang = request.body.lang ?? "en";
      const result = parseText(request.body.text, lang, ctx.knowledge);
      return { ...result, lines: understoodLines(result, ctx.knowledge, lang) };
    },
  );
}
