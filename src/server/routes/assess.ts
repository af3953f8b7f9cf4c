import type { FastifyInstance } from "fastify";
import { semanticProblems } from "../../case/validate-case.js";
import { assess, withLanguage, type Assessment } from "../../engine/assess.js";
import { assessmentJson } from "../../engine/assessment-json.js";
import type { Case } from "../../engine/types.js";
import type { AppContext } from "../context.js";
import { badRequest } from "../http-errors.js";
import { assessmentSchema, caseSchema, problemsSchema } from "../schemas.js";

export function assessRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post<{ Body: Case; Querystring: { lang?: string } }>(
    "/api/assess",
    {
      schema: {
        tags: ["assessment"],
        summary: "Assess one case",
        description: "A case (contract/case.schema.json) in, an assessment out. Stateless; nothing is stored.",
        body: caseSchema,
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: { lang: { type: "string", pattern: "^[a-z]{2}$" } },
        },
        response: { 200: assessmentSchema, 400: problemsSchema },
      },
      // The response schema documents the answer (OpenAPI). An assessment is written by assessmentJson (the
      // text JSON.stringify gives, about three times faster: npm run bench:http); errors by JSON.stringify.
      serializerCompiler:
        ({ httpStatus }) =>
        (data) =>
          String(httpStatus) === "200" ? assessmentJson(data as Assessment) : JSON.stringify(data),
    },
    async (request) => {
      const problems = semanticProblems(request.body, "body");
      if (problems.length) throw badRequest(problems);
      const lang = request.query.lang && ctx.knowledge.locales[request.query.lang] ? request.query.lang : "en";
      return withLanguage(assess(request.body, ctx.knowledge), ctx.knowledge, lang);
    },
  );
}
