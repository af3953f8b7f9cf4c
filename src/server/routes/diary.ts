import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { toCsv } from "../../diary/csv.js";
import { entryJsonSchema, validateEntry, type Entry, type EntryData } from "../../diary/entries.js";
import { followUp } from "../../diary/follow-up.js";
import { diaryBundle } from "../../fhir/diary.js";
import type { Case } from "../../engine/types.js";
import type { Problem } from "../../errors/problem.js";
import { requireUser } from "../auth.js";
import type { AppContext } from "../context.js";
import { badRequest, conflict, MAX_PROBLEMS, notFound } from "../http-errors.js";
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

const entryParams = { type: "object", required: ["id"], properties: { id: { type: "string", maxLength: 36, format: "uuid" } } } as const;

/** The diary of the logged-in user: entries, the follow-up triage and the training insight. */
export function diaryRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { repo, knowledge: k } = ctx;
  const today = (): string => ctx.now().toISOString().slice(0, 10);
  // Generated from the diary's one entry schema (entries.ts), for validation and for /api/openapi.json.
  const entryBody = entryJsonSchema(k);

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

  const quota = () => conflict("diary.quota", `a diary holds at most ${ctx.limits.diaryMaxEntries} entries; export and delete old ones first`, "body");

  app.get<{ Querystring: { limit?: string; offset?: string } }>(
    "/api/diary",
    {
      schema: {
        tags: ["diary"],
        summary: "My diary: one page of entries (newest page first, oldest first within it), the follow-up triage, the training insight and the chart",
        description: `\`limit\` entries (default ${PAGE}, at most ${PAGE_MAX}) before the newest \`offset\` ones; \`total\` counts them all. \`chart\` has one point per day of the last ${CHART_DAYS} days that has entries.`,
        querystring: {
          type: "object",
          additionalProperties: false,
          // Query values are text (the validator does not coerce): decimal digits only, ranges checked below.
          properties: { limit: { type: "string", pattern: "^[0-9]{1,7}$" }, offset: { type: "string", pattern: "^[0-9]{1,7}$" } },
        },
        response: { 400: problemsSchema, 401: problemsSchema },
      },
    },
    async (request) => {
      const user = await requireUser(repo, request, ctx.now());
      const limit = request.query.limit === undefined ? PAGE : Number(request.query.limit);
      const offset = request.query.offset === undefined ? 0 : Number(request.query.offset);
      if (limit < 1 || limit > PAGE_MAX) throw badRequest([{ code: "querystring.limit", path: "querystring.limit", message: `must be from 1 to ${PAGE_MAX}` }]);
      const all = await repo.listDiary(user.id);
      const page = await repo.listDiaryPage(user.id, limit, offset);
      const f = followUp(all, today(), await baseCase(user.id), k);
      return { ...page, limit, offset, follow_up: f.ok ? (f.value ?? null) : null, problems: f.ok ? [] : f.problems, chart: chartOf(all, today()) };
    },
  );

  app.post<{ Body: unknown }>(
    "/api/diary/entries",
    { schema: { tags: ["diary"], summary: "Add a workout or a pain check-in; answers with the entry and the follow-up", body: entryBody, response: { 400: problemsSchema, 401: problemsSchema, 409: problemsSchema } } },
    async (request, reply) => {
      const user = await requireUser(repo, request, ctx.now());
      const v = validateEntry(request.body, today(), k, "body");
      if (!v.ok) throw badRequest(v.problems);
      const entry: Entry = { ...v.value, id: randomUUID() };
      if ((await repo.addDiaryEntries(user.id, [entry], ctx.now().toISOString(), ctx.limits.diaryMaxEntries)) === "quota") throw quota();
      return reply.status(201).send({ entry, ...(await followUpOf(user.id)) });
    },
  );

  app.put<{ Params: { id: string }; Body: unknown }>(
    "/api/diary/entries/:id",
    { schema: { tags: ["diary"], summary: "Change an entry; answers with the entry and the follow-up", params: entryParams, body: entryBody, response: { 400: problemsSchema, 401: problemsSchema, 404: problemsSchema } } },
    async (request) => {
      const user = await requireUser(repo, request, ctx.now());
      const v = validateEntry(request.body, today(), k, "body");
      if (!v.ok) throw badRequest(v.problems);
      if (!(await repo.updateDiaryEntry(user.id, request.params.id, v.value, ctx.now().toISOString()))) throw notFound("entry");
      return { entry: { ...v.value, id: request.params.id }, ...(await followUpOf(user.id)) };
    },
  );

  app.delete<{ Params: { id: string } }>(
    "/api/diary/entries/:id",
    { schema: { tags: ["diary"], summary: "Delete an entry; answers with the follow-up", params: entryParams, response: { 401: problemsSchema, 404: problemsSchema } } },
    async (request) => {
      const user = await requireUser(repo, request, ctx.now());
      if (!(await repo.deleteDiaryEntry(user.id, request.params.id))) throw notFound("entry");
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
          properties: { format: { type: "string", enum: ["json", "csv", "fhir"] }, lang: { type: "string", pattern: "^[a-z]{2}$" } },
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
        body: { type: "object", additionalProperties: false, required: ["entries"], properties: { entries: { type: "array", maxItems: 2000, items: entryJsonSchema(k, { exported: true }) } } },
        response: { 400: problemsSchema, 401: problemsSchema, 409: problemsSchema },
      },
    },
    async (request, reply) => {
      const user = await requireUser(repo, request, ctx.now());
      const problems: Problem[] = [];
      const entries: Entry[] = [];
      for (const [i, raw] of request.body.entries.entries()) {
        // Imported ids are replaced: an id from another account or an old export must not collide.
        const { id: _id, ...data } = raw as EntryData & { id?: string };
        const v = validateEntry(data, today(), k, `body.entries[${i}]`);
        if (v.ok) entries.push({ ...v.value, id: randomUUID() });
        else problems.push(...v.problems);
        // Nothing is stored on any problem; the first ones are enough to fix the file.
        if (problems.length >= MAX_PROBLEMS) break;
      }
      if (problems.length) throw badRequest(problems);
      if ((await repo.addDiaryEntries(user.id, entries, ctx.now().toISOString(), ctx.limits.diaryMaxEntries)) === "quota") throw quota();
      return reply.status(201).send({ imported: entries.length, ...(await followUpOf(user.id)) });
    },
  );
}
