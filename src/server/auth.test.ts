import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Repository } from "../storage/repository.js";
import {
  checkCsrf,
  CSRF_COOKIE,
  CSRF_HEADER,
  csrfTokenOf,
  endSession,
  hashPassword,
  loginKey,
  requireUser,
  SESSION_COOKIE,
  sessionUser,
  startSession,
  verifyOrDummy,
  verifyPassword,
} from "./auth.js";
import { HttpError } from "./http-errors.js";

/**
 * The session and CSRF code on its own, with a recording reply and an in-memory session store: fast enough
 * to run after every mutation of auth.ts (npm run mutate), and exact about cookies, hashes and expiry.
 */
const sha256 = (s: string): string => createHash("sha256").update(s).digest("hex");

function request(
  method: string,
  cookies: Record<string, string>,
  headers: Record<string, string | string[]> = {},
): FastifyRequest {
  return { method, cookies, headers } as unknown as FastifyRequest;
}

interface CookieCall {
  op: "set" | "clear";
  name: string;
  value?: string;
  options: Record<string, unknown>;
}
function reply(): FastifyReply & { calls: CookieCall[] } {
  const calls: CookieCall[] = [];
  const r = {
    calls,
    setCookie(name: string, value: string, options: Record<string, unknown>) {
      calls.push({ op: "set", name, value, options });
      return r;
    },
    clearCookie(name: string, options: Record<string, unknown>) {
      calls.push({ op: "clear", name, options });
      return r;
    },
  };
  return r as unknown as FastifyReply & { calls: CookieCall[] };
}

/** Sessions in a map, with the same expiry rule as the repository (expires_at strictly after now). */
function memoryRepo() {
  const sessions = new Map<string, { user_id: string; expires_at: string }>();
  const log: string[] = [];
  const repo = {
    async createSession(s: { token_hash: string; user_id: string; expires_at: string }) {
      sessions.set(s.token_hash, { user_id: s.user_id, expires_at: s.expires_at });
    },
    async findSession(hash: string, now: string) {
      log.push(`find ${hash} ${now}`);
      const s = sessions.get(hash);
      return s && s.expires_at > now ? { user_id: s.user_id } : undefined;
    },
    async deleteSession(hash: string) {
      log.push(`delete ${hash}`);
      sessions.delete(hash);
    },
    async findUser(id: string) {
      return id === "u1" ? { id: "u1", email: "a@example.org", created_at: "2026-01-01T00:00:00.000Z" } : undefined;
    },
  };
  return { repo: repo as unknown as Repository, sessions, log };
}

const NOW = new Date("2026-11-27T10:00:00.000Z");
const config = { sessionDays: 30, secureCookies: true };

describe("sessions", () => {
  test("a session stores only the hash of its token, expires after the configured days, and sets two cookies", async () => {
    const { repo, sessions } = memoryRepo();
    const r = reply();
    const csrf = await startSession(repo, r, "u1", config, NOW);
    const set = r.calls.filter((c) => c.op === "set");
    assert.deepEqual(
      set.map((c) => c.name),
      [SESSION_COOKIE, CSRF_COOKIE],
    );
    const token = set[0]!.value!;
    assert.match(token, /^[A-Za-z0-9_-]{43}$/, "32 random bytes, base64url");
    assert.equal(csrf, csrfTokenOf(token));
    assert.equal(set[1]!.value, csrf);
    const expires = new Date(NOW.getTime() + 30 * 86_400_000);
    assert.deepEqual([...sessions], [[sha256(token), { user_id: "u1", expires_at: expires.toISOString() }]]);
    assert.deepEqual(set[0]!.options, { path: "/", sameSite: "lax", secure: true, expires, httpOnly: true });
    assert.deepEqual(set[1]!.options, { path: "/", sameSite: "lax", secure: true, expires, httpOnly: false });
    const plain = reply();
    await startSession(repo, plain, "u1", { sessionDays: 1, secureCookies: false }, NOW);
    assert.equal(plain.calls[0]!.options["secure"], false);
    assert.notEqual(plain.calls[0]!.value, token, "every session gets a new token");
  });

  test("the session's user is found by the token's hash while the session lives, and not after", async () => {
    const { repo, log } = memoryRepo();
    const token = (await startSessionToken(repo)).token;
    const req = request("GET", { [SESSION_COOKIE]: token });
    assert.equal((await sessionUser(repo, req, NOW))?.id, "u1");
    assert.deepEqual(log, [`find ${sha256(token)} ${NOW.toISOString()}`]);
    const expiry = new Date(NOW.getTime() + 30 * 86_400_000);
    assert.equal(await sessionUser(repo, req, new Date(expiry.getTime() - 1)).then((u) => u?.id), "u1");
    assert.equal(await sessionUser(repo, req, expiry), undefined, "a session is over at its expiry time");
    assert.equal(await sessionUser(repo, request("GET", { [SESSION_COOKIE]: `${token}x` }), NOW), undefined);
    assert.equal(await sessionUser(repo, request("GET", { [CSRF_COOKIE]: csrfTokenOf(token) }), NOW), undefined);
    log.length = 0;
    assert.equal(await sessionUser(repo, request("GET", { [SESSION_COOKIE]: "" }), NOW), undefined);
    assert.deepEqual(log, [], "no cookie, no lookup");
  });

  test("requireUser answers 401 without a live session and the user with one", async () => {
    const { repo } = memoryRepo();
    const { token } = await startSessionToken(repo);
    assert.equal((await requireUser(repo, request("GET", { [SESSION_COOKIE]: token }), NOW)).id, "u1");
    await assert.rejects(
      requireUser(repo, request("GET", {}), NOW),
      (e: unknown) => e instanceof HttpError && e.status === 401,
    );
  });

  test("logout deletes the session on the server and clears both cookies", async () => {
    const { repo, sessions, log } = memoryRepo();
    const { token } = await startSessionToken(repo);
    const other = (await startSessionToken(repo)).token;
    const r = reply();
    await endSession(repo, request("POST", { [SESSION_COOKIE]: token }), r);
    assert.ok(log.includes(`delete ${sha256(token)}`));
    assert.equal(
      await sessionUser(repo, request("GET", { [SESSION_COOKIE]: token }), NOW),
      undefined,
      "the old cookie opens nothing",
    );
    assert.ok(sessions.has(sha256(other)), "another session of the same user stays");
    assert.deepEqual(r.calls, [
      { op: "clear", name: SESSION_COOKIE, options: { path: "/" } },
      { op: "clear", name: CSRF_COOKIE, options: { path: "/" } },
    ]);
    log.length = 0;
    const none = reply();
    await endSession(repo, request("POST", {}), none);
    assert.deepEqual(log, [], "no cookie, nothing to delete");
    assert.equal(none.calls.length, 2);
  });
});

async function startSessionToken(repo: Repository): Promise<{ token: string }> {
  const r = reply();
  await startSession(repo, r, "u1", config, NOW);
  return { token: r.calls[0]!.value! };
}

describe("CSRF", () => {
  const token = "session-token-a";
  const good = csrfTokenOf(token);
  const forbidden = (e: unknown): boolean =>
    e instanceof HttpError && e.status === 403 && /bc_csrf.*x-csrf-token/.test(e.problems[0]!.message);

  test("the CSRF token is derived from the session token: fixed for a session, different for another, not the token", () => {
    assert.equal(good, createHash("sha256").update(`csrf\u0000${token}`).digest("base64url"));
    assert.notEqual(csrfTokenOf("session-token-b"), good);
    assert.notEqual(good, token);
  });

  const cases: [string, Record<string, string>, Record<string, string | string[]>][] = [
    ["no token", { [SESSION_COOKIE]: token, [CSRF_COOKIE]: good }, {}],
    ["a wrong token", { [SESSION_COOKIE]: token, [CSRF_COOKIE]: good }, { [CSRF_HEADER]: `${good.slice(0, -1)}A` }],
    [
      "another session's token",
      { [SESSION_COOKIE]: token, [CSRF_COOKIE]: csrfTokenOf("other") },
      { [CSRF_HEADER]: csrfTokenOf("other") },
    ],
    ["no CSRF cookie", { [SESSION_COOKIE]: token }, { [CSRF_HEADER]: good }],
    ["an empty token and an empty cookie", { [SESSION_COOKIE]: token, [CSRF_COOKIE]: "" }, { [CSRF_HEADER]: "" }],
    ["a header that differs from the cookie", { [SESSION_COOKIE]: token, [CSRF_COOKIE]: "x" }, { [CSRF_HEADER]: good }],
    ["a repeated header", { [SESSION_COOKIE]: token, [CSRF_COOKIE]: good }, { [CSRF_HEADER]: [good, good] }],
    [
      "a non-ASCII header of the same length",
      { [SESSION_COOKIE]: token, [CSRF_COOKIE]: good },
      { [CSRF_HEADER]: `${good.slice(0, -1)}é` },
    ],
  ];
  for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
    for (const [what, cookies, headers] of cases) {
      test(`${method} with a session and ${what} is refused`, () => {
        assert.throws(() => checkCsrf(request(method, cookies, headers)), forbidden);
      });
    }
    test(`${method} with the session's token in the header and the cookie passes`, () => {
      assert.doesNotThrow(() =>
        checkCsrf(request(method, { [SESSION_COOKIE]: token, [CSRF_COOKIE]: good }, { [CSRF_HEADER]: good })),
      );
    });
    test(`${method} without a session needs no token`, () => {
      assert.doesNotThrow(() => checkCsrf(request(method, {}, {})));
    });
  }
  for (const method of ["GET", "HEAD", "OPTIONS"]) {
    test(`${method} changes nothing and needs no token`, () => {
      assert.doesNotThrow(() => checkCsrf(request(method, { [SESSION_COOKIE]: token }, {})));
    });
  }

  test("the web app sends the cookie and header the server checks", () => {
    const api = readFileSync(new URL("../../web/src/api.ts", import.meta.url), "utf8");
    assert.ok(api.includes(`"${CSRF_COOKIE}=`), `web/src/api.ts reads the ${CSRF_COOKIE} cookie`);
    assert.ok(api.includes(`"${CSRF_HEADER}"`), `web/src/api.ts sends the ${CSRF_HEADER} header`);
    assert.equal(SESSION_COOKIE, "bc_session", "renaming the session cookie logs every user out");
  });
});

describe("passwords", () => {
  test("argon2id: the right password passes, a wrong one and a broken hash do not", async () => {
    const stored = await hashPassword("correct horse");
    assert.match(stored, /^\$argon2id\$/);
    assert.equal(await verifyPassword(stored, "correct horse"), true);
    assert.equal(await verifyPassword(stored, "wrong horse"), false);
    assert.equal(await verifyPassword("not a hash", "correct horse"), false);
    assert.equal(await verifyOrDummy(stored, "correct horse"), true);
    assert.equal(await verifyOrDummy(stored, "wrong horse"), false);
    assert.equal(await verifyOrDummy(undefined, "correct horse"), false, "no account never logs in");
  });

  test("failed logins are counted under a hash of the e-mail, not the address", () => {
    const key = loginKey("a@example.org");
    assert.equal(key, sha256("login\u0000a@example.org"));
    assert.notEqual(loginKey("b@example.org"), key);
    assert.ok(!key.includes("example"));
  });
});
