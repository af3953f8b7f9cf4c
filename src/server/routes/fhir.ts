import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ajvProblems, semanticProblems } from "../../case/validate-case.js";
import type { ErrorObject } from "ajv";
import { assess, withLanguage } from "../../engine/assess.js";
import type { Case } from "../../engine/types.js";
import type { Problem } from "../../errors/problem.js";
import { toBundle } from "../../fhir/assessment.js";
import { capabilityStatement } from "../../fhir/capability.js";
import { nextQuestion } from "../../fhir/next-question.js";
import { operationOutcome } from "../../fhir/outcome.js";
import { backcheckQuestionnaire, codeSystem } from "../../fhir/questionnaire.js";
import { QUESTIONNAIRE_ID } from "../../fhir/urls.js";
import { knowledgeDate, VERSION } from "../../fhir/version.js";
import { nextStep } from "../../interview/next-step.js";
import { caseOf } from "../../interview/state.js";
import { sessionUser } from "../auth.js";
import type { AppContext } from "../context.js";
import { conflict, HttpError, notFound } from "../http-errors.js";
import { caseSchema, idParams, problemsSchema } from "../schemas.js";

/** Largest FHIR request body: a finished interview's response with its questionnaire and results is ~110 KB. */
export const FHIR_BODY_LIMIT = 1024 * 1024;

const resourceSchema = (type: string, description: string) =>
  ({
    type: "object",
    additionalProperties: true,
    required: ["resourceType"],
    properties: { resourceType: { type: "string", enum: [type] } },
    description,
  }) as const;
const outcomeSchema = resourceSchema(
  "OperationOutcome",
  "Each problem as an issue: details.text says what, expression gives the JSON path (FHIRPath) of the element.",
);
const langQuery = {
  type: "object",
  additionalProperties: false,
  properties: { lang: { type: "string", pattern: "^[a-z]{2}$" } },
} as const;
const bundleQuery = {
  type: "object",
  additionalProperties: false,
  properties: {
    lang: { type: "string", pattern: "^[a-z]{2}$" },
    type: {
      type: "string",
      enum: ["collection", "document"],
      description: "document: with a Composition, the doctor's report",
    },
  },
} as const;

/** Every error under /fhir as an OperationOutcome with the paths of the problems; bad input is 400, never 500. */
function fhirErrorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const send = (status: number, problems: Problem[]) =>
    void reply.status(status).type("application/fhir+json; charset=utf-8").send(operationOutcome(problems));
  if (err instanceof HttpError) return send(err.status, err.problems);
  if (err.validation) return send(400, ajvProblems(err.validation as ErrorObject[], err.validationContext ?? "body"));
  if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE")
    return send(413, [{ code: "too-costly", path: "", message: "the request body is too large" }]);
  if (err.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE")
    return send(415, [
      { code: "not-supported", path: "", message: "send JSON (application/fhir+json or application/json)" },
    ]);
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
    return send(err.statusCode, [{ code: "structure", path: "", message: "the body is not valid JSON" }]);
  request.log.error({ err: { message: err.message, code: err.code } }, "unhandled error");
  send(500, [{ code: "exception", path: "", message: "something went wrong on our side" }]);
}

export function fhirRoutes(app: FastifyInstance, ctx: AppContext): void {
  const k = ctx.knowledge;
  const questionsDate = knowledgeDate();
  const langOf = (lang: string | undefined): string => (lang && k.locales[lang] ? lang : "en");
  /** ?lang= first; else the first language of Accept-Language the knowledge speaks (FHIR clients send headers, not queries). */
  const requestLang = (request: FastifyRequest): string => {
    const q = (request.query as { lang?: string } | undefined)?.lang;
    if (q) return langOf(q);
    const header = String(request.headers["accept-language"] ?? "");
    const found = header
      .split(",")
      .map((p) => p.trim().slice(0, 2).toLowerCase())
      .find((l) => k.locales[l]);
    return found ?? "en";
  };

  // GET /api/interviews/{id}/fhir: a finished interview's result, for the person who may see the interview.
  app.get<{ Params: { id: string }; Querystring: { lang?: string; type?: "collection" | "document" } }>(
    "/api/interviews/:id/fhir",
    {
      schema: {
        tags: ["fhir"],
        summary: "A finished interview as a FHIR Bundle (collection, or document: the doctor's report)",
        params: idParams,
        querystring: bundleQuery,
        response: { 200: resourceSchema("Bundle", "FHIR R4 Bundle"), 404: problemsSchema, 409: problemsSchema },
      },
    },
    async (request, reply) => {
      const i = await ctx.repo.getInterview(request.params.id);
      if (!i) throw notFound("interview");
      if (i.owner_id !== null) {
        const user = await sessionUser(ctx.repo, request, ctx.now());
        if (user?.id !== i.owner_id) throw notFound("interview");
      }
      const lang = langOf(request.query.lang ?? i.lang);
      const step = nextStep(i.state, k, lang);
      if (!step.done) throw conflict("not_finished", "the interview is not finished yet");
      const bundle = toBundle(
        {
          case: caseOf(i.state),
          result: withLanguage(step.result, k, lang),
          steps: i.state.steps,
          lang,
          now: ctx.now(),
          version: VERSION,
        },
        k,
        request.query.type ?? "collection",
      );
      void reply.header("content-disposition", 'attachment; filename="backcheck-fhir.json"');
      return reply.type("application/fhir+json; charset=utf-8").send(bundle);
    },
  );

  void app.register(
    async (f) => {
      f.addContentTypeParser("application/fhir+json", { parseAs: "string" }, f.getDefaultJsonParser("error", "error"));
      f.setErrorHandler(fhirErrorHandler);
      f.setNotFoundHandler((request, reply) => {
        void reply
          .status(404)
          .type("application/fhir+json; charset=utf-8")
          .send(
            operationOutcome([
              { code: "not-found", path: "", message: `no such resource or operation: ${request.url.split("?")[0]}` },
            ]),
          );
      });
      f.addHook("onSend", async (_request, reply, payload) => {
        if (String(reply.getHeader("content-type") ?? "").startsWith("application/json"))
          void reply.type("application/fhir+json; charset=utf-8");
        return payload;
      });

      f.get(
        "/metadata",
        {
          schema: {
            tags: ["fhir"],
            summary: "CapabilityStatement (FHIR 4.0.1)",
            response: { 200: resourceSchema("CapabilityStatement", "What this server offers") },
          },
        },
        async () => capabilityStatement(VERSION, ctx.now()),
      );

      f.get<{ Params: { id: string }; Querystring: { lang?: string } }>(
        "/Questionnaire/:id",
        {
          schema: {
            tags: ["fhir"],
            summary: "The adaptive questionnaire (SDC): every question of the knowledge, English and Russian",
            description: "Texts in ?lang= (en, ru); the other language rides along in the translation extension.",
            params: { type: "object", required: ["id"], properties: { id: { type: "string" } } },
            querystring: langQuery,
            response: { 200: resourceSchema("Questionnaire", "sdc-questionnaire-adapt"), 404: outcomeSchema },
          },
        },
        async (request) => {
          if (request.params.id !== QUESTIONNAIRE_ID) throw notFound(`Questionnaire/${request.params.id}`);
          return backcheckQuestionnaire(k, requestLang(request), VERSION, questionsDate);
        },
      );

      f.post<{ Body: unknown; Querystring: { lang?: string } }>(
        "/Questionnaire/$next-question",
        {
          // The response carries its questionnaire (every asked question, in every language): larger than the API's usual bodies.
          bodyLimit: FHIR_BODY_LIMIT,
          schema: {
            tags: ["fhir"],
            summary:
              "SDC $next-question: the response with the next question appended, or completed with the assessment",
            description:
              "Body: a QuestionnaireResponse (contained questionnaire as returned last time; start with none), or Parameters holding one. " +
              'Answer the last question by adding an item with its linkId; "don\'t know" is the data-absent-reason extension with valueCode "asked-unknown". ' +
              "When no question is left: status completed, the assessment's resources contained, the ClinicalImpression referenced from the assessment extension.",
            querystring: langQuery,
            body: {
              type: "object",
              additionalProperties: true,
              required: ["resourceType"],
              properties: { resourceType: { type: "string", enum: ["QuestionnaireResponse", "Parameters"] } },
            },
            response: {
              200: resourceSchema("QuestionnaireResponse", "The response with the next question, or completed"),
              400: outcomeSchema,
            },
          },
        },
        async (request) => {
          const r = nextQuestion(request.body, k, { lang: requestLang(request), now: ctx.now(), version: VERSION });
          if (!r.ok) throw new HttpError(400, "invalid_request", r.problems);
          return r.value;
        },
      );

      f.get<{ Params: { id: string }; Querystring: { lang?: string } }>(
        "/CodeSystem/:id",
        {
          schema: {
            tags: ["fhir"],
            summary:
              "The code systems backcheck publishes: backcheck-finding (questions) and backcheck-answer (options)",
            params: { type: "object", required: ["id"], properties: { id: { type: "string" } } },
            querystring: langQuery,
            response: { 200: resourceSchema("CodeSystem", "Generated from the knowledge"), 404: outcomeSchema },
          },
        },
        async (request) => {
          const id = request.params.id;
          if (id !== "backcheck-finding" && id !== "backcheck-answer") throw notFound(`CodeSystem/${id}`);
          return codeSystem(id, k, requestLang(request), VERSION);
        },
      );

      f.post<{ Body: Case; Querystring: { lang?: string; type?: "collection" | "document" } }>(
        "/$assess",
        {
          schema: {
            tags: ["fhir"],
            summary: "A case in, a FHIR Bundle out (collection, or document: the doctor's report)",
            description:
              "The body is a case as in contract/case.schema.json; the result is the same assessment as POST /api/assess, as FHIR resources.",
            querystring: bundleQuery,
            body: caseSchema,
            response: { 200: resourceSchema("Bundle", "FHIR R4 Bundle"), 400: outcomeSchema },
          },
        },
        async (request) => {
          const problems = semanticProblems(request.body, "body");
          if (problems.length) throw new HttpError(400, "invalid_request", problems);
          const lang = requestLang(request);
          return toBundle(
            {
              case: request.body,
              result: withLanguage(assess(request.body, k), k, lang),
              lang,
              now: ctx.now(),
              version: VERSION,
            },
            k,
            request.query.type ?? "collection",
          );
        },
      );
    },
    { prefix: "/fhir" },
  );
}
