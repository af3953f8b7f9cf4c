import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../context.js";
import { endSession, hashPassword, requireUser, startSession, verifyPassword } from "../auth.js";
import { conflict, unauthorized } from "../http-errors.js";
import { credentialsSchema, problemsSchema, userSchema } from "../schemas.js";

/** Login and registration are the targets of password guessing: rate limited per address (limits in app.ts). */
const LIMITED = { rateLimit: {} };
const normalize = (email: string): string => email.trim().toLowerCase();
const session = { type: "object", properties: { user: userSchema, csrf_token: { type: "string" } } } as const;

export function accountRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { repo } = ctx;

  app.post<{ Body: { email: string; password: string } }>(
    "/api/auth/register",
    {
      config: LIMITED,
      schema: { tags: ["account"], summary: "Create an account and log in", body: credentialsSchema, response: { 201: session, 400: problemsSchema, 409: problemsSchema } },
    },
    async (request, reply) => {
      const email = normalize(request.body.email);
      const id = randomUUID();
      const created = await repo.createUser({ id, email, password_hash: await hashPassword(request.body.password), created_at: ctx.now().toISOString() });
      if (created === "email_taken") throw conflict("email_taken", "an account with this e-mail exists; log in instead", "body.email");
      const csrf = await startSession(repo, reply, id, ctx.auth, ctx.now());
      return reply.status(201).send({ user: await repo.findUser(id), csrf_token: csrf });
    },
  );

  app.post<{ Body: { email: string; password: string } }>(
    "/api/auth/login",
    { config: LIMITED, schema: { tags: ["account"], summary: "Log in", body: credentialsSchema, response: { 200: session, 400: problemsSchema, 401: problemsSchema } } },
    async (request, reply) => {
      const user = await repo.findUserByEmail(normalize(request.body.email));
      // One answer for an unknown e-mail and a wrong password, so the reply does not reveal who has an account.
      if (!user || !(await verifyPassword(user.password_hash, request.body.password))) throw unauthorized("wrong e-mail or password");
      const csrf = await startSession(repo, reply, user.id, ctx.auth, ctx.now());
      return { user: { id: user.id, email: user.email, created_at: user.created_at }, csrf_token: csrf };
    },
  );

  app.post("/api/auth/logout", { schema: { tags: ["account"], summary: "Log out" } }, async (request, reply) => {
    await endSession(repo, request, reply);
    return reply.status(204).send();
  });

  app.get("/api/me", { schema: { tags: ["account"], summary: "The logged-in user", response: { 200: userSchema, 401: problemsSchema } } }, async (request) =>
    requireUser(repo, request, ctx.now()),
  );

  app.get(
    "/api/me/assessments",
    { schema: { tags: ["account"], summary: "Past assessments, newest first", response: { 401: problemsSchema } } },
    async (request) => {
      const user = await requireUser(repo, request, ctx.now());
      return repo.listAssessments(user.id);
    },
  );

  app.get("/api/me/export", { schema: { tags: ["account"], summary: "Everything stored about me, as JSON", response: { 401: problemsSchema } } }, async (request, reply) => {
    const user = await requireUser(repo, request, ctx.now());
    void reply.header("content-disposition", 'attachment; filename="backcheck-export.json"');
    return repo.exportUser(user.id);
  });

  app.delete("/api/me", { schema: { tags: ["account"], summary: "Delete my account and everything in it", response: { 204: { type: "null" }, 401: problemsSchema } } }, async (request, reply) => {
    const user = await requireUser(repo, request, ctx.now());
    await repo.deleteUser(user.id);
    await endSession(repo, request, reply);
    return reply.status(204).send();
  });
}
