import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { answer } from "../../interview/answer.js";
import { nextStep, type NextStep } from "../../interview/next-step.js";
import { startFrom } from "../../interview/start.js";
import { back, caseOf, emptyState, reviseFrom, type InterviewState } from "../../interview/state.js";
import type { StoredInterview } from "../../storage/repository.js";
import { sessionUser } from "../auth.js";
import type { AppContext } from "../context.js";
import { badRequest, conflict, notFound } from "../http-errors.js";
import { answerValueSchema, idParams, interviewSchema, problemsSchema } from "../schemas.js";

const revision = {
  type: "integer",
  minimum: 0,
  maximum: 2_147_483_647,
  description: "The revision the client last saw.",
} as const;

/** How many interviews' current steps a server keeps in memory (a few MB at most; older ones are recomputed). */
const STEP_CACHE_SIZE = 2000;

export function interviewRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { repo, knowledge: k } = ctx;

  /**
   * The step computed for an interview's stored revision, so that answering runs `nextStep` once (for the new
   * state) instead of again for the question just shown. A revision changes with every stored change, so an
   * entry is either exact or ignored; another server process simply misses and recomputes.
   */
  const steps = new Map<string, { revision: number; lang: string; step: NextStep }>();
  const remember = (id: string, revision: number, lang: string, step: NextStep): NextStep => {
    steps.delete(id);
    steps.set(id, { revision, lang, step });
    if (steps.size > STEP_CACHE_SIZE) steps.delete(steps.keys().next().value!);
    return step;
  };
  /** The current step of a stored interview, worded in `lang` (`any`: only which question it is matters). */
  const currentStep = (i: StoredInterview, lang: string | "any"): NextStep => {
    const known = steps.get(i.id);
    if (known && known.revision === i.revision && (lang === "any" || known.lang === lang)) return known.step;
    const wording = lang === "any" ? i.lang : lang;
    return remember(i.id, i.revision, wording, nextStep(i.state, k, wording));
  };

  const view = (i: StoredInterview, step: NextStep, lang = i.lang) => ({
    id: i.id,
    revision: i.revision,
    lang,
    state: i.state,
    step,
  });

  /** The language to word the questions in: `?lang=` when it exists (switching mid-interview), else the interview's. */
  const langOf = (request: FastifyRequest, i: StoredInterview): string => {
    const q = (request.query as { lang?: string } | undefined)?.lang;
    return q && k.locales[q] ? q : i.lang;
  };
  const langQuery = {
    type: "object",
    additionalProperties: false,
    properties: { lang: { type: "string", pattern: "^[a-z]{2}$" } },
  } as const;

  /** The interview, if this requester may see it: anyone for an anonymous one, only the owner otherwise. */
  async function load(request: FastifyRequest<{ Params: { id: string } }>): Promise<StoredInterview> {
    const i = await repo.getInterview(request.params.id);
    if (!i) throw notFound("interview");
    if (i.owner_id !== null) {
      const user = await sessionUser(repo, request, ctx.now());
      // Someone else's interview is reported as absent, not as forbidden: its existence is private too.
      if (user?.id !== i.owner_id) throw notFound("interview");
    }
    return i;
  }

  /** Stores a new state if nobody changed the interview meanwhile; an owner's finished result goes to the history. */
  async function save(i: StoredInterview, seen: number, state: InterviewState, lang: string) {
    if (seen !== i.revision)
      throw conflict("stale_revision", `the interview changed (revision ${i.revision}); reload it`, "body.revision");
    const step = nextStep(state, k, lang);
    const now = ctx.now().toISOString();
    // The state and its history entry are written in one transaction, one entry per interview.
    const finished =
      step.done && i.owner_id !== null
        ? {
            id: randomUUID(),
            user_id: i.owner_id,
            interview_id: i.id,
            case: caseOf(state),
            result: step.result,
            created_at: now,
          }
        : undefined;
    const updated = await repo.updateInterview(i.id, i.revision, state, now, finished);
    if (updated === "conflict")
      throw conflict("stale_revision", "the interview changed meanwhile; reload it", "body.revision");
    remember(updated.id, updated.revision, lang, step);
    return view(updated, step, lang);
  }

  app.post<{ Body: { lang?: string; answers?: Record<string, unknown> } }>(
    "/api/interviews",
    {
      schema: {
        tags: ["interview"],
        summary: "Start an interview",
        description:
          "Anonymous unless a session cookie is sent; an account's interviews and results are private to it.",
        body: {
          type: "object",
          additionalProperties: false,
          properties: {
            lang: { type: "string", pattern: "^[a-z]{2}$" },
            answers: {
              type: "object",
              description:
                "Answers the person confirmed from their own words (POST /api/parse): case fields, not asked again.",
            },
          },
        },
        response: { 201: interviewSchema, 400: problemsSchema },
      },
    },
    async (request, reply) => {
      const lang = request.body?.lang ?? "en";
      if (!k.locales[lang])
        throw badRequest([
          { code: "lang", path: "body.lang", message: `available: ${Object.keys(k.locales).join(", ")}` },
        ]);
      const user = await sessionUser(repo, request, ctx.now());
      const now = ctx.now().toISOString();
      const started = request.body?.answers
        ? startFrom(request.body.answers, k)
        : { ok: true as const, value: emptyState() };
      if (!started.ok) throw badRequest(started.problems.map((p) => ({ ...p, path: `body.${p.path}` })));
      const state = started.value;
      const i = await repo.createInterview({
        id: randomUUID(),
        owner_id: user?.id ?? null,
        lang,
        state,
        created_at: now,
        updated_at: now,
      });
      return reply.status(201).send(view(i, remember(i.id, i.revision, lang, nextStep(state, k, lang))));
    },
  );

  app.get<{ Params: { id: string } }>(
    "/api/interviews/:id",
    {
      schema: {
        tags: ["interview"],
        summary: "The interview's state and its current step",
        params: idParams,
        querystring: langQuery,
        response: { 200: interviewSchema, 404: problemsSchema },
      },
    },
    async (request) => {
      const i = await load(request);
      const lang = langOf(request, i);
      return view(i, currentStep(i, lang), lang);
    },
  );

  app.post<{ Params: { id: string }; Body: { question: string; answer: unknown; revision: number } }>(
    "/api/interviews/:id/answer",
    {
      schema: {
        tags: ["interview"],
        summary: "Answer the current question",
        description:
          'answer: a value of the question\'s kind, or "unknown" for "don\'t know". For a checklist: the list of chosen finding ids, or an object finding id -> true/false/"unknown".',
        params: idParams,
        querystring: langQuery,
        body: {
          type: "object",
          additionalProperties: false,
          required: ["question", "answer", "revision"],
          properties: { question: { type: "string", maxLength: 100 }, answer: answerValueSchema, revision },
        },
        response: { 200: interviewSchema, 400: problemsSchema, 404: problemsSchema, 409: problemsSchema },
      },
    },
    async (request) => {
      const i = await load(request);
      // Only which question is current matters here: the step shown last (in any language) will do.
      const step = currentStep(i, "any");
      if (step.done) throw conflict("finished", "the interview is finished; go back to change an answer");
      if (step.question.id !== request.body.question) {
        throw conflict("not_current_question", `the current question is ${step.question.id}`, "body.question");
      }
      const r = answer(i.state, step.question, request.body.answer, k);
      if (!r.ok) throw badRequest(r.problems.map((p) => ({ ...p, path: `body.${p.path}` })));
      return save(i, request.body.revision, r.value, langOf(request, i));
    },
  );

  app.post<{ Params: { id: string }; Body: { revision: number; question?: string } }>(
    "/api/interviews/:id/back",
    {
      schema: {
        tags: ["interview"],
        summary: "Go back",
        description:
          "Without `question`: back one step. With `question`: back to that earlier question, dropping its answer and all later ones.",
        params: idParams,
        querystring: langQuery,
        body: {
          type: "object",
          additionalProperties: false,
          required: ["revision"],
          properties: { revision, question: { type: "string", maxLength: 100 } },
        },
        response: { 200: interviewSchema, 404: problemsSchema, 409: problemsSchema },
      },
    },
    async (request) => {
      const i = await load(request);
      const q = request.body.question;
      if (q !== undefined && !i.state.steps.some((s) => s.question === q)) {
        throw badRequest([
          { code: "unknown_question", path: "body.question", message: "that question was not asked in this interview" },
        ]);
      }
      return save(
        i,
        request.body.revision,
        q === undefined ? back(i.state) : reviseFrom(i.state, q),
        langOf(request, i),
      );
    },
  );
}
