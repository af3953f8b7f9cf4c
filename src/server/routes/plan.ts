import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { semanticProblems } from "../../case/validate-case.js";
import { validateEntry, type Entry } from "../../diary/entries.js";
import type { Case } from "../../engine/types.js";
import type { Problem } from "../../errors/problem.js";
import { describePlan } from "../../plan/describe.js";
import { defaultPlanKnowledge } from "../../plan/knowledge.js";
import { makePlan } from "../../plan/plan.js";
import { requireUser } from "../auth.js";
import type { AppContext } from "../context.js";
import { badRequest } from "../http-errors.js";
import { caseSchema, problemsSchema, TRIAGE } from "../schemas.js";

const stageRef = {
  type: "object",
  required: ["index", "id"],
  properties: { index: { type: "integer", minimum: 1, maximum: 6 }, id: { type: "string" } },
} as const;
const exerciseSchema = {
  type: "object",
  additionalProperties: true,
  required: ["id", "kind", "name", "dose", "dose_text", "illustration", "sources"],
  properties: {
    id: { type: "string" },
    kind: { type: "string", enum: ["exercise", "step"] },
    name: { type: "string" },
    dose: {
      type: "object",
      description:
        "Any of sets, reps, hold_seconds, minutes (a number or a [from, to] range), each_side, per_day, per_week, load_share (a share of the load lifted before the pain).",
      additionalProperties: true,
    },
    dose_text: { type: "string" },
    how: { type: "string" },
    feel: { type: "string" },
    avoid: { type: "string" },
    illustration: { type: "string", description: "File name under GET /api/plan/illustrations/" },
    needs_clearance: { type: "boolean" },
    sources: { type: "array", items: { type: "string" } },
  },
} as const;
const stageSchema = {
  type: "object",
  additionalProperties: true,
  required: ["index", "id", "name", "goal", "exercises", "move_on", "hold", "step_back"],
  properties: {
    index: { type: "integer" },
    id: { type: "string" },
    name: { type: "string" },
    goal: { type: "string" },
    exercises: { type: "array", items: exerciseSchema },
    move_on: { type: "string" },
    hold: { type: "string" },
    step_back: { type: "string" },
  },
} as const;
const changeSchema = {
  type: "object",
  required: ["date", "from", "to", "rule", "why"],
  properties: {
    date: { type: "string" },
    from: stageRef,
    to: stageRef,
    rule: { type: "string", enum: ["move_on", "hold", "step_back"] },
    why: { type: "string" },
  },
} as const;

/** The return plan (src/plan/describe.ts PlanView); open objects so nothing the plan adds is dropped. */
export const planSchema = {
  type: "object",
  additionalProperties: true,
  required: ["available", "triage", "activity", "stage", "stages", "today", "history", "sources", "disclaimer"],
  properties: {
    available: { type: "boolean" },
    reason: {
      type: "object",
      description:
        "Why no plan is offered now: emergency, urgent, doctor_first, age, clearance, new_sign (a check-in reported a new warning sign), stopped.",
      required: ["code", "triage", "text", "because"],
      properties: {
        code: { type: "string" },
        triage: TRIAGE,
        text: { type: "string" },
        because: { type: "array", items: { type: "string" } },
        conditions: { type: "array", items: { type: "string" } },
        signs: { type: "array", items: { type: "string" } },
        date: { type: "string" },
      },
    },
    triage: TRIAGE,
    urgency: { type: "object", properties: { label: { type: "string" }, action: { type: "string" } } },
    activity: { type: "string" },
    activity_plan: { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } },
    wording: {
      type: "string",
      description: "With a doctor's-visit result: until you are seen, and as your doctor allows.",
    },
    stage: { anyOf: [stageRef, { type: "null" }] },
    stages: { type: "array", items: stageSchema },
    today: {
      anyOf: [
        { ...stageSchema, properties: { ...stageSchema.properties, next: { type: "string" } } },
        { type: "null" },
      ],
    },
    change: changeSchema,
    history: { type: "array", items: changeSchema },
    sources: {
      type: "array",
      items: {
        type: "object",
        properties: { id: { type: "string" }, title: { type: "string" }, section: { type: "string" } },
      },
    },
    disclaimer: { type: "string" },
  },
} as const;

const langQuery = {
  type: "object",
  additionalProperties: false,
  properties: { lang: { type: "string", pattern: "^[a-z]{2}$" } },
} as const;

/** GET /api/plan (the logged-in person's latest assessment and diary), POST /api/plan (a case and a diary). */
export function planRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { repo, knowledge: k } = ctx;
  const pk = defaultPlanKnowledge(k);
  const today = (): string => ctx.now().toISOString().slice(0, 10);
  const language = (lang?: string): string => (lang && k.locales[lang] ? lang : "en");
  const plan = (c: Case, entries: Entry[] | undefined, lang: string) => {
    const p = makePlan({ case: c, ...(entries ? { entries } : {}), today: today() }, k, pk);
    if (!p.ok) throw badRequest(p.problems);
    return describePlan(p.value, k, pk, lang);
  };

  app.get<{ Querystring: { lang?: string } }>(
    "/api/plan",
    {
      schema: {
        tags: ["plan"],
        summary: "My return-to-training plan, from my latest assessment and my diary",
        querystring: langQuery,
        response: { 200: planSchema, 401: problemsSchema, 404: problemsSchema },
      },
    },
    async (request, reply) => {
      const user = await requireUser(repo, request, ctx.now());
      const latest = (await repo.listAssessments(user.id))[0];
      if (!latest)
        return reply.status(404).send({
          error: "not_found",
          problems: [
            {
              code: "plan.no_assessment",
              path: "assessment",
              message: "do an assessment first: the plan starts from it",
            },
          ],
        });
      return plan(latest.case as Case, await repo.listDiary(user.id), language(request.query.lang));
    },
  );

  app.post<{ Body: { case: Case; diary?: { entries: unknown[] } }; Querystring: { lang?: string } }>(
    "/api/plan",
    {
      schema: {
        tags: ["plan"],
        summary: "A return-to-training plan for a case, optionally moved by a diary",
        description: "Stateless; nothing is stored. The diary is its JSON export ({ entries: [...] }).",
        querystring: langQuery,
        body: {
          type: "object",
          additionalProperties: false,
          required: ["case"],
          properties: {
            case: caseSchema,
            diary: {
              type: "object",
              required: ["entries"],
              properties: { entries: { type: "array", maxItems: 2000, items: { type: "object" } } },
            },
          },
        },
        response: { 200: planSchema, 400: problemsSchema },
      },
    },
    async (request) => {
      const problems: Problem[] = semanticProblems(request.body.case, "body.case");
      let entries: Entry[] | undefined;
      if (request.body.diary) {
        entries = [];
        request.body.diary.entries.forEach((raw, i) => {
          const { id, ...data } = raw as Record<string, unknown>;
          const v = validateEntry(data, today(), k, `body.diary.entries[${i}]`);
          if (v.ok) entries!.push({ ...v.value, id: typeof id === "string" ? id : `entry-${i}` });
          else problems.push(...v.problems);
        });
      }
      if (problems.length) throw badRequest(problems);
      return plan(request.body.case, entries, language(request.query.lang));
    },
  );

  // The drawings, by name: only the files the plan's knowledge names are served.
  const names = new Set([...pk.exercises.map((e) => e.illustration), ...pk.plans.map((p) => p.illustration)]);
  app.get<{ Params: { name: string } }>(
    "/api/plan/illustrations/:name",
    {
      schema: {
        tags: ["plan"],
        summary: "An exercise's illustration (SVG)",
        params: {
          type: "object",
          required: ["name"],
          properties: { name: { type: "string", pattern: "^[a-z0-9-]+\\.svg$" } },
        },
      },
    },
    async (request, reply) => {
      if (!names.has(request.params.name))
        return reply.status(404).send({
          error: "not_found",
          problems: [{ code: "not_found", path: request.params.name, message: "no such illustration" }],
        });
      void reply.header("cache-control", "public, max-age=3600");
      return reply.type("image/svg+xml").send(await readFile(join(pk.dir, "illustrations", request.params.name)));
    },
  );
}
