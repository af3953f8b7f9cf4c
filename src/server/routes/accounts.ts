import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppContext } from "../context.js";
import { endSession, hashPassword, loginKey, requireUser, startSession, verifyOrDummy } from "../auth.js";
import { conflict, HttpError, unauthorized } from "../http-errors.js";
import { credentialsSchema, problemsSchema, userSchema } from "../schemas.js";

/** Login and registration are the targets of password guessing: rate limited per address (limits in app.ts). */
const LIMITED = { rateLimit: {} };
const normalize = (email: string): string => email.trim().toLowerCase();
const session = { type: "object", properties: { user: userSchema, csrf_token: { type: "string" } } } as const;

export function accountRoutes(app: FastifyInstance, ctx: AppContext, registerRateLimit: number): void {
  const { repo } = ctx;

  /**
   * Too many failed logins for this account, from anywhere: counted in the database so every worker and
   * instance sees them. Asked before the password is checked, and the same for an unknown e-mail.
   */
  async function lockedOut(key: string): Promise<boolean> {
    const since = new Date(ctx.now().getTime() - ctx.limits.loginFailureWindowMinutes * 60_000).toISOString();
    return (await repo.countLoginFailures(key, since)) >= ctx.limits.loginMaxFailures;
  }
  const tooMany = (): HttpError =>
    new HttpError(429, "too_many_requests", [
      {
        code: "login_locked",
        path: "",
        message: `too many failed logins for this account; try again in ${ctx.limits.loginFailureWindowMinutes} minutes`,
      },
    ]);

  /** Checks a password for an e-mail, counting a failure against the account; the user when it matches. */
  async function checkPassword(email: string, password: string) {
    const key = loginKey(email);
    if (await lockedOut(key)) throw tooMany();
    const user = await repo.findUserByEmail(email);
    // An unknown e-mail is checked against a dummy hash: the same time, the same answer as a wrong password.
    if (!(await verifyOrDummy(user?.password_hash, password)) || !user) {
      await repo.recordLoginFailure(key, ctx.now().toISOString());
      return undefined;
    }
    await repo.clearLoginFailures(key);
    return user;
  }

  app.post<{ Body: { email: string; password: string } }>(
    "/api/auth/register",
    {
      // Registration cannot hide whether an address is taken from someone who can create accounts, so it
      // is limited hard per address (REGISTER_RATE_LIMIT an hour) on top of the per-minute auth limit.
      config: {
        rateLimit: {
          max: registerRateLimit,
          timeWindow: "1 hour",
          keyGenerator: (r: FastifyRequest) => `register:${r.ip}`,
        },
      },
      schema: {
        tags: ["account"],
        summary: "Create an account and log in",
        description:
          "201 with a new account. For an address that already has an account: with its password, that account is logged in (200); without it, 409 that does not say whether the address is registered or the password was wrong.",
        body: credentialsSchema,
        response: { 200: session, 201: session, 400: problemsSchema, 409: problemsSchema, 429: problemsSchema },
      },
    },
    async (request, reply) => {
      const email = normalize(request.body.email);
      const existing = await repo.findUserByEmail(email);
      if (existing) {
        // A login in disguise: only the right password learns that the account exists.
        const user = await checkPassword(email, request.body.password);
        if (!user)
          throw conflict(
            "registration_refused",
            "cannot create an account with this e-mail and password; if you have an account, log in",
            "body.email",
          );
        const csrf = await startSession(repo, reply, user.id, ctx.auth, ctx.now());
        return reply
          .status(200)
          .send({ user: { id: user.id, email: user.email, created_at: user.created_at }, csrf_token: csrf });
      }
      const id = randomUUID();
      const created = await repo.createUser({
        id,
        email,
        password_hash: await hashPassword(request.body.password),
        created_at: ctx.now().toISOString(),
      });
      if (created === "email_taken")
        throw conflict(
          "registration_refused",
          "cannot create an account with this e-mail and password; if you have an account, log in",
          "body.email",
        );
      const csrf = await startSession(repo, reply, id, ctx.auth, ctx.now());
      return reply.status(201).send({ user: await repo.findUser(id), csrf_token: csrf });
    },
  );

  app.post<{ Body: { email: string; password: string } }>(
    "/api/auth/login",
    {
      config: LIMITED,
      schema: {
        tags: ["account"],
        summary: "Log in",
        body: credentialsSchema,
        response: { 200: session, 400: problemsSchema, 401: problemsSchema, 429: problemsSchema },
      },
    },
    async (request, reply) => {
      const user = await checkPassword(normalize(request.body.email), request.body.password);
      // One answer for an unknown e-mail and a wrong password, so the reply does not reveal who has an account.
      if (!user) throw unauthorized("wrong e-mail or password");
      const csrf = await startSession(repo, reply, user.id, ctx.auth, ctx.now());
      return { user: { id: user.id, email: user.email, created_at: user.created_at }, csrf_token: csrf };
    },
  );

  app.post("/api/auth/logout", { schema: { tags: ["account"], summary: "Log out" } }, async (request, reply) => {
    await endSession(repo, request, reply);
    return reply.status(204).send();
  });

  app.get(
    "/api/me",
    {
      schema: { tags: ["account"], summary: "The logged-in user", response: { 200: userSchema, 401: problemsSchema } },
    },
    async (request) => requireUser(repo, request, ctx.now()),
  );

  app.get(
    "/api/me/assessments",
    { schema: { tags: ["account"], summary: "Past assessments, newest first", response: { 401: problemsSchema } } },
    async (request) => {
      const user = await requireUser(repo, request, ctx.now());
      return repo.listAssessments(user.id);
    },
  );

  app.get(
    "/api/me/export",
    {
      schema: { tags: ["account"], summary: "Everything stored about me, as JSON", response: { 401: problemsSchema } },
    },
    async (request, reply) => {
      const user = await requireUser(repo, request, ctx.now());
      void reply.header("content-disposition", 'attachment; filename="backcheck-export.json"');
      return repo.exportUser(user.id);
    },
  );

  app.delete(
    "/api/me",
    {
      schema: {
        tags: ["account"],
        summary: "Delete my account and everything in it",
        response: { 204: { type: "null" }, 401: problemsSchema },
      },
    },
    async (request, reply) => {
      const user = await requireUser(repo, request, ctx.now());
      await repo.deleteUser(user.id, loginKey(user.email));
      await endSession(repo, request, reply);
      return reply.status(204).send();
    },
  );
}
