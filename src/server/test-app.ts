import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { defaultKnowledge } from "../knowledge/load.js";
import { openRepository } from "../storage/open-repository.js";
import type { Repository } from "../storage/repository.js";
import type { TestDatabase } from "../storage/test-databases.js";
import { buildApp, type Timeouts } from "./app.js";
import { DEFAULT_LIMITS, type Limits } from "./context.js";
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from "./auth.js";

/** Test helper: an app over a test database, with its log lines captured. */
export async function testApp(
  db: TestDatabase,
  opts: {
    authRateLimit?: number;
    registerRateLimit?: number;
    repo?: Repository;
    limits?: Partial<Limits>;
    timeouts?: Partial<Timeouts>;
    trustProxy?: boolean | number | string;
    now?: () => Date;
  } = {},
): Promise<{ app: FastifyInstance; repo: Repository; logs: string[] }> {
  let repo = opts.repo;
  if (!repo) {
    const r = await openRepository(db.config);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    repo = r.value;
  }
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _e, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const app = await buildApp(
    {
      repo,
      knowledge: defaultKnowledge(),
      auth: { sessionDays: 30, secureCookies: false },
      now: opts.now ?? (() => new Date()),
      limits: { ...DEFAULT_LIMITS, loginMaxFailures: 1000, ...opts.limits },
    },
    {
      logger: { level: "info", stream },
      authRateLimit: opts.authRateLimit ?? 1000,
      registerRateLimit: opts.registerRateLimit ?? 1000,
      ...(opts.timeouts ? { timeouts: opts.timeouts } : {}),
      ...(opts.trustProxy !== undefined ? { trustProxy: opts.trustProxy } : {}),
    },
  );
  return { app, repo, logs };
}

/** A browser-like client: keeps the session and CSRF cookies and sends the CSRF header on writes. */
export class Client {
  cookies: Record<string, string> = {};
  constructor(private readonly app: FastifyInstance) {}

  async request(
    method: "GET" | "POST" | "PUT" | "DELETE",
    url: string,
    body?: unknown,
    opts: { csrf?: boolean } = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = {};
    if (Object.keys(this.cookies).length)
      headers["cookie"] = Object.entries(this.cookies)
        .map(([k, v]) => `${k}=${v}`)
        .join("; ");
    if (method !== "GET" && opts.csrf !== false && this.cookies[CSRF_COOKIE])
      headers[CSRF_HEADER] = this.cookies[CSRF_COOKIE];
    const res = await this.app.inject({
      method,
      url,
      headers,
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    for (const c of res.cookies) {
      if (c.value === "" || (c.expires && c.expires.getTime() < Date.now())) delete this.cookies[c.name];
      else this.cookies[c.name] = c.value;
    }
    return res;
  }

  /** The Cookie header this client sends. */
  cookieHeader(): string {
    return Object.entries(this.cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join("; ");
  }

  get loggedIn(): boolean {
    return SESSION_COOKIE in this.cookies;
  }

  async register(email: string, password = "correct horse battery"): Promise<LightMyRequestResponse> {
    return this.request("POST", "/api/auth/register", { email, password });
  }
}

/**
 * The documented error shape: { error, problems: [{ code, path, message }] } and nothing else, except that
 * a revision conflict (stale_revision) of a saved result or a diary entry also carries the stored record
 * as `current` (an interview's conflict does not: its client reloads the interview).
 */
export function assertErrorShape(body: string, what: string): void {
  const b = JSON.parse(body) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const stale = b["error"] === "conflict" && b["problems"]?.[0]?.["code"] === "stale_revision";
  const keys = Object.keys(b).sort();
  if (stale && keys.includes("current")) assert.deepEqual(keys, ["current", "error", "problems"], what);
  else assert.deepEqual(keys, ["error", "problems"], what);
  assert.equal(typeof b["error"], "string", what);
  assert.ok(Array.isArray(b["problems"]) && b["problems"].length > 0, what);
  for (const p of b["problems"]) {
    assert.deepEqual(Object.keys(p).sort(), ["code", "message", "path"], what);
    for (const k of ["code", "message", "path"]) assert.equal(typeof p[k], "string", what);
  }
}
