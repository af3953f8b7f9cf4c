import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { toCsv } from "../../diary/csv.js";
import { entryJsonSchema, validateEntry, type Entry, type EntryData } from "../../diary/entries.js";
import { followUp } from "../../diary/follow-up.js";
import { diaryBundle } from "../../fhir/diary.js";
import type { Case } from "../../engine/types.js";
import type { Problem } from "../../errors/problem.js";
import type { PutOutcome, StoredEntry } from "../../storage/repository.js";
import { requireUser } from "../auth.js";
import type { AppContext } from "../context.js";
import { badRequest, conflict, MAX_PROBLEMS, notFound, staleRevision } from "../http-errors.js";
import { problemsSchema } from "../schemas.js";

/** Entries per page of GET /api/diary, by default and at most. */
export const PAGE = 100;
export const PAGE_MAX = 500;
/** The chart covers this many days back from today. */
export const CHART_DAYS = 365;

/** One point per day with entries: the worst pain of the day's check-ins, and whether there was a workout. */
export interface ChartDay {
  date: string;
  pain: number | null;
  workout: boolean;
}

/** The chart's data, aggregated here so the page never needs the whole diary. */
export function chartOf(entries: Entry[], today: string): ChartDay[] {
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - CHART_DAYS * 86_400_000).toISOString().slice(0, 10);
  const days = new Map<string, ChartDay>();
  for (const e of entries) {
    if (e.date < from) continue;
    const d = days.get(e.date) ?? { date: e.date, pain: null, workout: false };
    if (e.kind === "checkin") d.pain = Math.max(d.pain ?? 0, e.intensity);
    else d.workout = true;
    days.set(e.date, d);
  }
  return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
}

const entryParams = {
  type: "object",
  required: ["id"],
  properties: { id: { type: "string", maxLength: 36, format: "uuid" } },
} as const;
const uuid = { type: "string", maxLength: 36, format: "uuid" } as const;
const baseRevision = {
  type: "integer",
  minimum: 0,
  maximum: 2_147_483_647,
  description: "The revision the client last got (0: it never had a server copy). Absent: a blind write (old clients).",
} as const;
const deleteQuery = {
  type: "object",
  additionalProperties: false,
  properties: { base_revision: { type: "string", pattern: "^[0-9]{1,10}$" } },
} as const;
/** A stored entry: its fields, its id and its revision. */
const storedEntrySchema = {
  type: "object",
  required: ["id", "revision", "kind", "date"],
  additionalProperties: true,
  properties: { id: uuid, revision: { type: "integer" }, kind: { type: "string" }, date: { type: "string" } },
} as const;
const entryConflict = {
  ...problemsSchema,
  properties: { ...problemsSchema.properties, current: storedEntrySchema },
} as const;

/** The entry schema with one more optional field in each kind's branch (each branch lists its own fields). */
function withField(schema: Record<string, unknown>, name: string, field: object): Record<string, unknown> {
  const branches = (schema["oneOf"] as Record<string, unknown>[]).map((b) => ({
    ...b,
    properties: { ...(b["properties"] as object), [name]: field },
  }));
  return { ...schema, oneOf: branches };
}

/** The diary of the logged-in user: entries, the follow-up triage and the training insight. */
export function diaryRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { repo, knowledge: k } = ctx;
  const today = (): string => ctx.now().toISOString().slice(0, 10);
  // Generated from the diary's one entry schema (entries.ts), for validation and for /api/openapi.json.
  const entryBody = entryJsonSchema(k);
  /** A new entry may bring its own id (a UUID made on the device), so a retried offline upload does not duplicate. */
  const newEntryBody = withField(entryBody, "id", { ...uuid, description: "Optional: the client's id for the entry." });
  const changedEntryBody = withField(entryBody, "base_revision", baseRevision);

  /** The base of the follow-up: the case of the user's latest assessment, if any (its age, sex, activity). */
  async function baseCase(userId: string): Promise<Partial<Case>> {
    const latest = (await repo.listAssessments(userId))[0];
    if (!latest) return {};
    // The diary measures the course itself: an old duration or trend would count twice.
    const { duration_days: _d, trend: _t, intensity: _i, ...base } = latest.case as Case;
    return base;
  }

  /**
   * The follow-up reads the whole diary (its course starts at the first check-in); the quota keeps that
   * bounded. Writes answer with this, not with the diary.
   */
  async function followUpOf(userId: string) {
    const f = followUp(await repo.listDiary(userId), today(), await baseCase(userId), k);
    return { follow_up: f.ok ? (f.value ?? null) : null, problems: f.ok ? [] : f.problems };
  }

  const quota = () =>
    conflict(
      "diary.quota",
      `a diary holds at most ${ctx.limits.diaryMaxEntries} entries; export and delete old ones first`,
      "body",
    );

  /** The entry a revisioned write left, or the error that says why there is none. */
  function written(out: PutOutcome<StoredEntry>, conflictPath: string): StoredEntry {
    switch (out.status) {
      case "created":
      case "updated":
      case "unchanged":
        return out.record;
      case "conflict":
        throw staleRevision(out.current, conflictPath);
      case "quota":
        throw quota();
      case "id_taken":
        // Diary ids are unique across the server; a random UUID practically never collides.
        throw conflict("id_taken", "this id is in use already; make a new one and send again", "body.id");
      default:
        throw notFound("entry");
    }
  }

  app.get<{ Querystring: { limit?: string; offset?: string } }>(
    "/api/diary",
    {
      schema: {
        tags: ["diary"],
        summary:
          "My diary: one page of entries (newest page first, oldest first within it), the follow-up triage, the training insight and the chart",
        description: `\`limit\` entries (default ${PAGE}, at most ${PAGE_MAX}) before the newest \`offset\` ones; \`total\` counts them all. \`chart\` has one point per day of the last ${CHART_DAYS} days that has entries.`,
        querystring: {
          type: "object",
          additionalProperties: false,
          // Query values are text (the validator does not coerce): decimal digits only, ranges checked below.
          properties: {
            limit: { type: "string", pattern: "^[0-9]{1,7}$" },
            offset: { type: "string", pattern: "^[0-9]{1,7}$" },
          },
        },
        response: { 400: problemsSchema, 401: problemsSchema },
      },
    },
    async (request) => {
      const user = await requireUser(repo, request, ctx.now());
      const limit = request.query.limit === undefined ? PAGE : Number(request.query.limit);
      const offset = request.query.offset === undefined ? 0 : Number(request.query.offset);
      if (limit < 1 || limit > PAGE_MAX)
        throw badRequest([
          { code: "querystring.limit", path: "querystring.limit", message: `must be from 1 to ${PAGE_MAX}` },
        ]);
      const all = await repo.listDiary(user.id);
      const page = await repo.listDiaryPage(user.id, limit, offset);
      const f = followUp(all, today(), await baseCase(user.id), k);
      return {
        ...page,
        limit,
        offset,
        follow_up: f.ok ? (f.value ?? null) : null,
        problems: f.ok ? [] : f.problems,
        chart: chartOf(all, today()),
      };
    },
  );

  app.post<{ Body: unknown }>(
    "/api/diary/entries",
    {
      schema: {
        tags: ["diary"],
        summary:
          "Add a workout or a pain check-in; answers with the entry (with its id and revision) and the follow-up",
        description:
          "With `id` (a UUID the client made): created under that id (201); if this account has it already, the same content answers 200 and changes nothing (a retried upload), other content 409 stale_revision with the stored entry as `current`. An id another account uses: 409 id_taken.",
        body: newEntryBody,
        response: { 200: { type: "object" }, 400: problemsSchema, 401: problemsSchema, 409: entryConflict },
      },
    },
    async (request, reply) => {
      const user = await requireUser(repo, request, ctx.now());
      const { id, ...raw } = (request.body ?? {}) as { id?: string };
      const v = validateEntry(raw, today(), k, "body");
      if (!v.ok) throw badRequest(v.problems);
      if (id === undefined) {
        const entry: Entry = { ...v.value, id: randomUUID() };
        if (
          (await repo.addDiaryEntries(user.id, [entry], ctx.now().toISOString(), ctx.limits.diaryMaxEntries)) ===
          "quota"
        )
          throw quota();
        return reply.status(201).send({ entry: { ...entry, revision: 1 }, ...(await followUpOf(user.id)) });
      }
      const out = await repo.putDiaryEntry(
        user.id,
        id,
        0,
        v.value,
        ctx.now().toISOString(),
        ctx.limits.diaryMaxEntries,
      );
      const entry = written(out, "body.id");
      return reply.status(out.status === "created" ? 201 : 200).send({ entry, ...(await followUpOf(user.id)) });
    },
  );

  app.put<{ Params: { id: string }; Body: unknown }>(
    "/api/diary/entries/:id",
    {
      schema: {
        tags: ["diary"],
        summary:
          "Change an entry (or create it under this id with base_revision 0); answers with the entry and the follow-up",
        description:
          "With `base_revision`: changed only if it is the stored revision (200), created if 0 and absent (201); a stale one gets 409 stale_revision with the stored entry as `current`; content identical to the stored answers 200 and changes nothing. Without `base_revision` (old clients): the last write wins.",
        params: entryParams,
        body: changedEntryBody,
        response: { 400: problemsSchema, 401: problemsSchema, 404: problemsSchema, 409: entryConflict },
      },
    },
    async (request, reply) => {
      const user = await requireUser(repo, request, ctx.now());
      const { base_revision: base, ...raw } = (request.body ?? {}) as { base_revision?: number };
      const v = validateEntry(raw, today(), k, "body");
      if (!v.ok) throw badRequest(v.problems);
      const id = request.params.id;
      if (base === undefined) {
        if (!(await repo.updateDiaryEntry(user.id, id, v.value, ctx.now().toISOString()))) throw notFound("entry");
        const entry = (await repo.getDiaryEntry(user.id, id)) ?? { ...v.value, id };
        return { entry, ...(await followUpOf(user.id)) };
      }
      const out = await repo.putDiaryEntry(
        user.id,
        id,
        base,
        v.value,
        ctx.now().toISOString(),
        ctx.limits.diaryMaxEntries,
      );
      const entry = written(out, "body.base_revision");
      return reply.status(out.status === "created" ? 201 : 200).send({ entry, ...(await followUpOf(user.id)) });
    },
  );

  app.delete<{ Params: { id: string }; Querystring: { base_revision?: string } }>(
    "/api/diary/entries/:id",
    {
      schema: {
        tags: ["diary"],
        summary: "Delete an entry; answers with the follow-up",
        description:
          "With ?base_revision=N it is deleted only if N is still its revision (else 409 stale_revision with `current`).",
        params: entryParams,
        querystring: deleteQuery,
        response: { 401: problemsSchema, 404: problemsSchema, 409: entryConflict },
      },
    },
    async (request) => {
      const user = await requireUser(repo, request, ctx.now());
      if (request.query.base_revision === undefined) {
        if (!(await repo.deleteDiaryEntry(user.id, request.params.id))) throw notFound("entry");
        return followUpOf(user.id);
      }
      const out = await repo.deleteDiaryEntryAt(user.id, request.params.id, Number(request.query.base_revision));
      if (out.status === "conflict") throw staleRevision(out.current, "querystring.base_revision");
      if (out.status === "absent") throw notFound("entry");
      return followUpOf(user.id);
    },
  );

  app.get<{ Querystring: { format?: "json" | "csv" | "fhir"; lang?: string } }>(
    "/api/diary/export",
    {
      schema: {
        tags: ["diary"],
        summary: "Export the diary as JSON, CSV or FHIR (a Bundle of Observations: pain over time, workouts)",
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: {
            format: { type: "string", enum: ["json", "csv", "fhir"] },
            lang: { type: "string", pattern: "^[a-z]{2}$" },
          },
        },
        response: { 401: problemsSchema },
      },
    },
    async (request, reply) => {
      const user = await requireUser(repo, request, ctx.now());
      const entries = await repo.listDiary(user.id);
      if (request.query.format === "csv") {
        void reply.header("content-disposition", 'attachment; filename="backcheck-diary.csv"');
        return reply.type("text/csv; charset=utf-8").send(toCsv(entries));
      }
      if (request.query.format === "fhir") {
        const lang = request.query.lang && k.locales[request.query.lang] ? request.query.lang : "en";
        void reply.header("content-disposition", 'attachment; filename="backcheck-diary-fhir.json"');
        return reply.type("application/fhir+json; charset=utf-8").send(diaryBundle(entries, k, lang, ctx.now()));
      }
      void reply.header("content-disposition", 'attachment; filename="backcheck-diary.json"');
      return { entries };
    },
  );

  app.post<{ Body: { entries: unknown[] } }>(
    "/api/diary/import",
    {
      schema: {
        tags: ["diary"],
        summary: "Import entries (the JSON export's format); all or nothing",
        body: {
          type: "object",
          additionalProperties: false,
          required: ["entries"],
          properties: { entries: { type: "array", maxItems: 2000, items: entryJsonSchema(k, { exported: true }) } },
        },
        response: { 400: problemsSchema, 401: problemsSchema, 409: problemsSchema },
      },
    },
    async (request, reply) => {
      const user = await requireUser(repo, request, ctx.now());
      const problems: Problem[] = [];
      const entries: Entry[] = [];
      for (const [i, raw] of request.body.entries.entries()) {
        // Imported ids are replaced: an id from another account or an old export must not collide.
        const { id: _id, revision: _revision, ...data } = raw as EntryData & { id?: string; revision?: number };
        const v = validateEntry(data, today(), k, `body.entries[${i}]`);
        if (v.ok) entries.push({ ...v.value, id: randomUUID() });
        else problems.push(...v.problems);
        // Nothing is stored on any problem; the first ones are enough to fix the file.
        if (problems.length >= MAX_PROBLEMS) break;
      }
      if (problems.length) throw badRequest(problems);
      if (
        (await repo.addDiaryEntries(user.id, entries, ctx.now().toISOString(), ctx.limits.diaryMaxEntries)) === "quota"
      )
        throw quota();
      return reply.status(201).send({ imported: entries.length, ...(await followUpOf(user.id)) });
    },
  );
}
