import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { Ajv2020 } from "ajv/dist/2020.js";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { checkCsrf } from "./auth.js";
import type { AppContext } from "./context.js";
import { errorHandler } from "./http-errors.js";
import { accountRoutes } from "./routes/accounts.js";
import { assessRoutes } from "./routes/assess.js";
import { diaryRoutes } from "./routes/diary.js";
import { interviewRoutes } from "./routes/interviews.js";
import { metaRoutes } from "./routes/meta.js";
import { parseRoutes } from "./routes/parse.js";
import { webRoutes } from "./routes/web.js";

export interface AppOptions {
  /** pino options, or false for no logs (tests). */
  logger: FastifyServerOptions["logger"];
  /** Largest request body in bytes; larger ones get 413. */
  bodyLimit?: number;
  /** Requests per minute to login and registration from one address. */
  authRateLimit?: number;
}

/** Logs say which route answered and how, never what a person wrote: no bodies, no queries, no cookies. */
const serializers = {
  req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, path: req.url.split("?")[0] }),
  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
};

export async function buildApp(ctx: AppContext, options: AppOptions): Promise<FastifyInstance> {
  const logger = options.logger === false ? false : { ...(typeof options.logger === "object" ? options.logger : {}), serializers, redact: ["req.headers.cookie", "req.headers.authorization"] };
  const app = Fastify({ logger, bodyLimit: options.bodyLimit ?? 64 * 1024, trustProxy: false });

  // One validator for every route: every problem at once, with the same messages as the command line.
  const ajv = new Ajv2020({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false });
  ajv.addFormat("email", /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
  ajv.addFormat("uuid", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  app.setValidatorCompiler(({ schema }) => ajv.compile(schema));
  // Response schemas document the API; serialising with them could silently drop a field the engine adds.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler(errorHandler);
  // The API speaks JSON only: a text body is refused with 415 instead of being parsed as a string.
  app.removeContentTypeParser("text/plain");
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: "not_found", problems: [{ code: "not_found", path: request.url.split("?")[0] ?? "", message: "no such route" }] });
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        // Plain http://localhost must keep working; behind HTTPS the proxy adds its own policy.
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(rateLimit, { global: false, max: options.authRateLimit ?? 10, timeWindow: "1 minute" });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "backcheck API",
        version: "0.1.0",
        description: "Back pain after sport, the gym, a trampoline or a fall: what to do. It does not replace a doctor.",
      },
      tags: [
        { name: "assessment", description: "Stateless assessment of a case" },
        { name: "interview", description: "The adaptive interview, stored so it can be continued" },
        { name: "account", description: "Accounts, history, export and deletion" },
        { name: "diary", description: "Pain and training diary with follow-up triage (logged-in users, each sees only their own)" },
        { name: "meta", description: "Health and texts" },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs", staticCSP: true });

  app.addHook("preHandler", async (request) => checkCsrf(request));

  metaRoutes(app, ctx);
  assessRoutes(app, ctx);
  interviewRoutes(app, ctx);
  parseRoutes(app, ctx);
  accountRoutes(app, ctx);
  diaryRoutes(app, ctx);
  webRoutes(app);
  return app;
}
