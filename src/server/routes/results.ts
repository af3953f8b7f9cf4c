import type { FastifyInstance } from "fastify";
import type { PutOutcome, SavedResult } from "../../storage/repository.js";
import { requireUser } from "../auth.js";
import type { AppContext } from "../context.js";
import { badRequest, conflict, notFound, staleRevision } from "../http-errors.js";
import { nestedDeeperThan } from "../json-depth.js";
import { caseSchema, idParams, problemsSchema } from "../schemas.js";

/** The largest PUT /api/results/:id body: a result with its trace is about 15 KB in English, twice that in Russian. */
export const RESULT_BODY_LIMIT = 128 * 1024;
/** A result nests a few levels (conditions, their reasons); nothing real comes near this. */
export const RESULT_MAX_DEPTH = 32;

const revisionSchema = { type: "integer", minimum: 0, maximum: 2_147_483_647 } as const;
/** An ISO 8601 date-time as the browser's Date#toISOString writes it (an offset is accepted too). */
const DATE_TIME = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$";

/** What a saved result holds: what the device computed, and with which knowledge. */
const savedBody = {
  type: "object",
  additionalProperties: false,
  required: ["case", "result", "lang", "knowledge_version"],
  properties: {
    case: caseSchema,
    // The engine's result as the browser got it; only its triage is checked, so nothing the engine adds is refused.
    result: {
      type: "object",
      required: ["triage"],
      properties: { triage: { type: "string", enum: ["emergency", "urgent", "doctor", "self_care"] } },
    },
    lang: { type: "string", pattern: "^[a-z]{2}$" },
    knowledge_version: {
      type: "string",
      minLength: 1,
      maxLength: 100,
      pattern: "^[A-Za-z0-9._:-]+$",
      description: "The hash of the knowledge that produced the result.",
    },
    created_at: {
      type: "string",
      maxLength: 40,
      pattern: DATE_TIME,
      description: "When the device produced the result.",
    },
  },
} as const;

const savedResultSchema = {
  type: "object",
  required: ["id", "revision", "created_at", "updated_at", "body"],
  properties: {
    id: { type: "string", format: "uuid" },
    revision: { type: "integer", description: "1 when created, +1 with every change; send it as base_revision." },
    created_at: { type: "string", description: "When the server first stored it." },
    updated_at: { type: "string" },
    body: savedBody,
  },
} as const;

/** A 409 about a revision: the problem, and the stored record as `current`. */
const conflictSchema = {
  ...problemsSchema,
  properties: { ...problemsSchema.properties, current: savedResultSchema },
} as const;
const written = {
  type: "object",
  required: ["id", "revision"],
  properties: { id: { type: "string" }, revision: { type: "integer" } },
} as const;

const SYNC_RULES =
  "The client chooses the id (a UUID made on the device), so a retried upload never duplicates. base_revision is the revision the client last got (0: never uploaded). " +
  "A stale base_revision gets 409 with the stored record as `current` and changes nothing. Content identical to what is stored is accepted whatever the base (a retry whose answer was lost). " +
  "Another account's ids are invisible: 404, never 403.";

/** Results a logged-in person saved from the browser (issue 16: local first, saved to the account on request). */
export function resultRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { repo } = ctx;

  app.get(
    "/api/results",
    {
      schema: {
        tags: ["sync"],
        summary: "My saved results, newest first",
        response: {
          200: {
            type: "object",
            properties: {
              results: { type: "array", items: savedResultSchema },
              total: { type: "integer" },
              max: { type: "integer" },
            },
          },
          401: problemsSchema,
        },
      },
    },
    async (request) => {
      const user = await requireUser(repo, request, ctx.now());
      const results = await repo.listSavedResults(user.id);
      return { results, total: results.length, max: ctx.limits.resultsMaxEntries };
    },
  );

  app.get<{ Params: { id: string } }>(
    "/api/results/:id",
    {
      schema: {
        tags: ["sync"],
        summary: "One saved result",
        params: idParams,
        response: { 200: savedResultSchema, 401: problemsSchema, 404: problemsSchema },
      },
    },
    async (request) => {
      const user = await requireUser(repo, request, ctx.now());
      const r = await repo.getSavedResult(user.id, request.params.id);
      if (!r) throw notFound("saved result");
      return r;
    },
  );

  app.put<{ Params: { id: string }; Body: { base_revision: number; body: { lang: string; created_at?: string } } }>(
    "/api/results/:id",
    {
      bodyLimit: RESULT_BODY_LIMIT,
      // The result is an open object: a document thousands of levels deep is refused before anything walks it.
      preValidation: async (request) => {
        if (nestedDeeperThan(request.body, RESULT_MAX_DEPTH))
          throw badRequest([
            { code: "body.depth", path: "body", message: `is nested more than ${RESULT_MAX_DEPTH} levels deep` },
          ]);
      },
      schema: {
        tags: ["sync"],
        summary: "Save a result under the client's id: create it (base_revision 0) or change it",
        description: `${SYNC_RULES} 404 when base_revision > 0 and it no longer exists (deleted on another device). At most ${RESULT_BODY_LIMIT / 1024} KB; 409 results.quota past the account's limit.`,
        params: idParams,
        body: {
          type: "object",
          additionalProperties: false,
          required: ["base_revision", "body"],
          properties: { base_revision: revisionSchema, body: savedBody },
        },
        response: {
          200: written,
          201: written,
          400: problemsSchema,
          401: problemsSchema,
          403: problemsSchema,
          404: problemsSchema,
          409: conflictSchema,
          413: problemsSchema,
        },
      },
    },
    async (request, reply) => {
      const user = await requireUser(repo, request, ctx.now());
      const { base_revision: base, body } = request.body;
      if (!ctx.knowledge.locales[body.lang])
        throw badRequest([
          {
            code: "body.lang",
            path: "body.body.lang",
            message: `available: ${Object.keys(ctx.knowledge.locales).join(", ")}`,
          },
        ]);
      if (body.created_at !== undefined && Number.isNaN(Date.parse(body.created_at)))
        throw badRequest([
          { code: "body.format", path: "body.body.created_at", message: "is not a real date and time" },
        ]);
      const out: PutOutcome<SavedResult> = await repo.putSavedResult(
        user.id,
        request.params.id,
        base,
        body,
        ctx.now().toISOString(),
        ctx.limits.resultsMaxEntries,
      );
      switch (out.status) {
        case "created":
          return reply.status(201).send({ id: out.record.id, revision: out.record.revision });
        case "updated":
        case "unchanged":
          return { id: out.record.id, revision: out.record.revision };
        case "conflict":
          throw staleRevision(out.current, "body.base_revision");
        case "quota":
          throw conflict(
            "results.quota",
            `an account holds at most ${ctx.limits.resultsMaxEntries} saved results; delete old ones first`,
            "body",
          );
        default:
          // "absent" (and "id_taken", which saved results cannot have: their ids are per account).
          throw notFound("saved result");
      }
    },
  );

  app.delete<{ Params: { id: string }; Querystring: { base_revision?: string } }>(
    "/api/results/:id",
    {
      schema: {
        tags: ["sync"],
        summary: "Delete a saved result",
        description:
          "With ?base_revision=N it is deleted only if N is still its revision (else 409 with `current`). 404 when it does not exist: a retried delete may treat that as done.",
        params: idParams,
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: { base_revision: { type: "string", pattern: "^[0-9]{1,10}$" } },
        },
        response: {
          204: { type: "null" },
          401: problemsSchema,
          403: problemsSchema,
          404: problemsSchema,
          409: conflictSchema,
        },
      },
    },
    async (request, reply) => {
      const user = await requireUser(repo, request, ctx.now());
      const base = request.query.base_revision === undefined ? undefined : Number(request.query.base_revision);
      const out = await repo.deleteSavedResult(user.id, request.params.id, base);
      if (out.status === "conflict") throw staleRevision(out.current, "querystring.base_revision");
      if (out.status === "absent") throw notFound("saved result");
      return reply.status(204).send();
    },
  );
}
