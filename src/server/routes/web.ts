import type { FastifyInstance } from "fastify";

/**
 * The start page. The web app (interview, result, report) is built in its own issue; until then the
 * page says what is here and links to the API documentation.
 */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>backcheck</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5">
<h1>backcheck</h1>
<p>Back pain after sport, the gym, a trampoline or a fall: how urgent it is, the likely causes, whom to see and what to do.
backcheck does not replace a doctor. If you feel very unwell, call your local emergency number now.</p>
<p>The API is running: see the <a href="/api/docs">API documentation</a> or the <a href="/api/openapi.json">OpenAPI document</a>.</p>
</body></html>`;

export function webRoutes(app: FastifyInstance): void {
  app.get("/", { schema: { hide: true } }, async (_request, reply) => reply.type("text/html; charset=utf-8").send(PAGE));
}
