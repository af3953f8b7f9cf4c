import compress from "@fastify/compress";
import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { Ajv2020 } from "ajv/dist/2020.js";
import { createServer } from "node:http";
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from "fastify";
import { checkCsrf } from "./auth.js";
import type { AppContext } from "./context.js";
import { clientErrorHandler, errorHandler, notFoundBody } from "./http-errors.js";
import { guarded } from "./schemas.js";
import { HELMET_OPTIONS, securityHeaders } from "./security-headers.js";
import { isEmail, isUuid } from "./validation-formats.js";
import { accountRoutes } from "./routes/accounts.js";
import { assessRoutes } from "./routes/assess.js";
import { cdsRoutes } from "./routes/cds-services.js";
import { diaryRoutes } from "./routes/diary.js";
import { fhirRoutes } from "./routes/fhir.js";
import { interviewRoutes } from "./routes/interviews.js";
import { metaRoutes } from "./routes/meta.js";
import { planRoutes } from "./routes/plan.js";
import { resultRoutes } from "./routes/results.js";
import { parseRoutes } from "./routes/parse.js";
import { webRoutes } from "./routes/web.js";

export interface AppOptions {
  /** pino options, or false for no logs (tests). */
  logger: FastifyServerOptions["logger"];
  /** Largest request body in bytes; larger ones get 413. */
  bodyLimit?: number;
  /** Requests per minute to login and registration from one address. */
  authRateLimit?: number;
  /** Registrations per hour from one address (registration reveals whether an address is taken). */
  registerRateLimit?: number;
  /** Which proxies to believe about the client's address (fastify's trustProxy); false: none. */
  trustProxy?: boolean | number | string;
  /** Connection limits against slow clients; see `Timeouts`. */
  timeouts?: Partial<Timeouts>;
}

/** How long a client may take; a socket that trickles bytes is closed when one of these runs out. */
export interface Timeouts {
  /** The whole request, headers and body, in ms. */
  requestMs: number;
  /** The headers alone, in ms. */
  headersMs: number;
  /** An idle keep-alive connection between requests, in ms. */
  keepAliveMs: number;
  /** A socket with no traffic at all, in ms. */
  idleMs: number;
  /** How often the server checks the request and header timeouts, in ms. */
  checkEveryMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = {
  requestMs: 30_000,
  headersMs: 10_000,
  keepAliveMs: 5_000,
  idleMs: 30_000,
  checkEveryMs: 2_000,
};

/**
 * Logs say which route answered and how, never what a person wrote: no bodies, no queries, no cookies,
 * and no concrete URL. An anonymous interview's id is its only credential, so the log names the route
 * template (`/api/interviews/:id/answer`), never the path with the id in it.
 */
export const serializers = {
  req: (req: { method: string; id: string; routeOptions?: { url?: string | undefined } }) => ({
    id: req.id,
    method: req.method,
    route: req.routeOptions?.url ?? "(no route)",
  }),
  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
};

/** Responses that may carry health or account data; every /api/ route but these few public ones. */
const PUBLIC_API = /^\/api\/(health|openapi\.json|sources|locales\/|docs(\/|$))/;

export async function buildApp(ctx: AppContext, options: AppOptions): Promise<FastifyInstance> {
  const logger =
    options.logger === false
      ? false
      : {
          ...(typeof options.logger === "object" ? options.logger : {}),
          serializers,
          redact: ["req.headers.cookie", "req.headers.authorization"],
        };
  const t = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const app = Fastify({
    logger,
    // One log line a request, when it is answered (below), instead of fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    // A number of hops is accepted at run time (proxy-addr) though the type lists only the other forms.
    trustProxy: (options.trustProxy ?? false) as boolean | string,
    // Slow clients: a socket trickling a byte now and then is closed when its request or headers run late.
    // (connectionsCheckingInterval can only be given when the server is created, hence the factory.)
    serverFactory: (handler) => {
      const server = createServer(
        { headersTimeout: t.headersMs, requestTimeout: t.requestMs, connectionsCheckingInterval: t.checkEveryMs },
        handler,
      );
      server.keepAliveTimeout = t.keepAliveMs;
      server.setTimeout(t.idleMs);
      return server;
    },
    // Node's own parse errors (bad framing, a header too large) answer in the API's error shape too.
    clientErrorHandler,
    // A malformed or overlong URL component: our shape too, not fastify's.
    frameworkErrors: (err, request, reply) => errorHandler(err, request, reply),
  });

  // One validator for every route: every problem at once, with the same messages as the command line.
  // Formats are functions that check the length first and then run in linear time (validation-formats.ts).
  // discriminator: a oneOf with a `kind` (the diary's entries) is checked against the branch of its kind only.
  const ajv = new Ajv2020({
    allErrors: true,
    strict: false,
    coerceTypes: false,
    useDefaults: false,
    discriminator: true,
  });
  ajv.addFormat("email", { type: "string", validate: isEmail });
  ajv.addFormat("uuid", { type: "string", validate: isUuid });
  app.setValidatorCompiler(({ schema }) => ajv.compile(guarded(schema) as object));
  // Response schemas document the API; serialising with them could silently drop a field the engine adds.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler(errorHandler);
  // The API speaks JSON only: a text body is refused with 415 instead of being parsed as a string.
  app.removeContentTypeParser("text/plain");
  app.setNotFoundHandler((_request, reply) => {
    void reply.status(404).send(notFoundBody());
  });
  // Health data must not be kept by a browser or a proxy cache.
  app.addHook("onSend", (request, reply, payload, done) => {
    if (request.url.startsWith("/api/") && !PUBLIC_API.test(request.url))
      void reply.header("cache-control", "no-store");
    done(null, payload);
  });
  // Each request is logged once, when answered: the route template, the status and the time (the
  // serializers above keep ids, bodies and queries out). Half the logging work of fastify's request and
  // response lines, which said nothing more.
  if (logger) {
    app.addHook("onResponse", (request, reply, done) => {
      request.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, "request completed");
      done();
    });
  }

  await app.register(cookie);
  // helmet's headers (CSP and the rest), computed once and set on every response before anything else runs.
  const headers = securityHeaders(HELMET_OPTIONS);
  app.addHook("onRequest", (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
  // Responses over 1 KB (JSON, the web app's files, the API docs) are compressed, brotli or gzip, when the
  // client accepts it. Not the session routes: their bodies carry the CSRF token, and a compressed secret
  // beside text an attacker chooses leaks through the response's length (BREACH). Request bodies are
  // never inflated: the API takes plain JSON, so no small upload can expand past the body limit.
  app.addHook("onRoute", (route) => {
    if (route.url.startsWith("/api/auth/")) route.compress = false;
  });
  await app.register(compress, { threshold: 1024, encodings: ["br", "gzip"], globalDecompression: false });
  await app.register(rateLimit, { global: false, max: options.authRateLimit ?? 10, timeWindow: "1 minute" });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "backcheck API",
        version: "0.1.0",
        description:
          "Back pain after sport, the gym, a trampoline or a fall: what to do. It does not replace a doctor.",
      },
      tags: [
        { name: "assessment", description: "Stateless assessment of a case" },
        { name: "interview", description: "The adaptive interview, stored so it can be continued" },
        { name: "account", description: "Accounts, history, export and deletion" },
        {
          name: "diary",
          description: "Pain and training diary with follow-up triage (logged-in users, each sees only their own)",
        },
        {
          name: "sync",
          description:
            "Results saved from the browser, with revisions: a stale write gets 409 and the stored version, never a silent overwrite",
        },
        { name: "plan", description: "Return-to-training plan from an assessment, moved on or back by the diary" },
        { name: "meta", description: "Health and texts" },
        {
          name: "fhir",
          description: "HL7 FHIR R4: the adaptive questionnaire (SDC $next-question), results as Bundles",
        },
        { name: "cds", description: "CDS Hooks: the backcheck-triage service" },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs", staticCSP: true });

  app.addHook("preHandler", (request, _reply, done) => {
    try {
      checkCsrf(request);
    } catch (e) {
      return done(e as Error);
    }
    done();
  });

  metaRoutes(app, ctx);
  assessRoutes(app, ctx);
  interviewRoutes(app, ctx);
  accountRoutes(app, ctx, options.registerRateLimit ?? 10);
  parseRoutes(app, ctx);
  diaryRoutes(app, ctx);
  resultRoutes(app, ctx);
  planRoutes(app, ctx);
  fhirRoutes(app, ctx);
  cdsRoutes(app, ctx);
  webRoutes(app);
  return app;
}
