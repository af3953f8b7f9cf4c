import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ErrorObject } from "ajv";
import { ajvProblems } from "../../case/validate-case.js";
import { CDS_SERVICE_ID, cdsCards, cdsDiscovery, type CdsRequest } from "../../fhir/cds.js";
import { operationOutcome } from "../../fhir/outcome.js";
import type { AppContext } from "../context.js";
import { HttpError } from "../http-errors.js";
import { FHIR_BODY_LIMIT } from "./fhir.js";

const outcome = {
  type: "object",
  additionalProperties: true,
  description: "OperationOutcome: each problem with its JSON path in expression",
} as const;

/** CDS Hooks: discovery and the backcheck-triage service (patient-view). Bad requests get an OperationOutcome. */
export function cdsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const k = ctx.knowledge;
  void app.register(
    async (f) => {
      f.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
        const problems =
          err instanceof HttpError
            ? err.problems
            : err.validation
              ? ajvProblems(err.validation as ErrorObject[], err.validationContext ?? "body")
              : undefined;
        if (problems)
          return void reply.status(err instanceof HttpError ? err.status : 400).send(operationOutcome(problems));
        if (err.statusCode && err.statusCode < 500)
          return void reply
            .status(err.statusCode)
            .send(operationOutcome([{ code: "structure", path: "", message: "the body is not valid JSON" }]));
        request.log.error({ err: { message: err.message, code: err.code } }, "unhandled error");
        return void reply
          .status(500)
          .send(operationOutcome([{ code: "exception", path: "", message: "something went wrong on our side" }]));
      });
      f.get(
        "/",
        { schema: { tags: ["cds"], summary: "CDS Hooks discovery: the backcheck-triage service" } },
        async () => cdsDiscovery(k),
      );
      f.post<{ Body: CdsRequest; Querystring: { lang?: string } }>(
        `/${CDS_SERVICE_ID}`,
        {
          bodyLimit: FHIR_BODY_LIMIT,
          schema: {
            tags: ["cds"],
            summary: "patient-view hook: cards with the urgency, the likely cause, whom to see and the sources",
            description:
              "prefetch.questionnaireResponse: a backcheck QuestionnaireResponse (or a search Bundle holding one); or prefetch.case: a case as in contract/case.schema.json.",
            querystring: {
              type: "object",
              additionalProperties: false,
              properties: { lang: { type: "string", pattern: "^[a-z]{2}$" } },
            },
            body: {
              type: "object",
              required: ["hook", "hookInstance"],
              additionalProperties: true,
              properties: {
                hook: { type: "string" },
                hookInstance: { type: "string" },
                context: { type: "object" },
                prefetch: { type: "object" },
              },
            },
            response: {
              200: {
                type: "object",
                required: ["cards"],
                properties: { cards: { type: "array", items: { type: "object", additionalProperties: true } } },
              },
              400: outcome,
            },
          },
        },
        async (request) => {
          const lang = request.query.lang && k.locales[request.query.lang] ? request.query.lang : "en";
          const r = cdsCards(request.body, k, lang);
          if (!r.ok) throw new HttpError(400, "invalid_request", r.problems);
          return r.value;
        },
      );
    },
    { prefix: "/cds-services" },
  );
}
