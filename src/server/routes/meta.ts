import type { FastifyInstance } from "fastify";
import type { AppContext } from "../context.js";
import { notFound } from "../http-errors.js";

export function metaRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get("/api/health", { schema: { tags: ["meta"], summary: "Liveness and the storage in use" } }, async () => ({
    status: "ok",
    storage: ctx.repo.kind,
  }));

  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  // The local emergency numbers by country (knowledge/settings.json), so a page can offer the right one.
  app.get(
    "/api/emergency-numbers",
    { schema: { tags: ["meta"], summary: "The emergency number of each country, and the default (112)" } },
    async () => ctx.knowledge.settings.emergency_numbers,
  );

  app.get(
    "/api/sources",
    { schema: { tags: ["meta"], summary: "Every source the knowledge cites (seed sections, guidelines, studies)" } },
    async () => ctx.knowledge.sources,
  );

  app.get<{ Params: { lang: string } }>(
    "/api/locales/:lang",
    {
      schema: {
        tags: ["meta"],
        summary: "All texts of one language (questions, conditions, advice, interface)",
        params: { type: "object", required: ["lang"], properties: { lang: { type: "string", pattern: "^[a-z]{2}$" } } },
      },
    },
    async (request) => {
      const texts = ctx.knowledge.locales[request.params.lang];
      if (!texts) throw notFound(`language ${request.params.lang}`);
      return texts;
    },
  );
}
