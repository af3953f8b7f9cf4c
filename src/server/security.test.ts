import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { openRepository } from "../storage/open-repository.js";
import type { Repository } from "../storage/repository.js";
import { sqliteTestDatabase, testDatabases, type TestDatabase } from "../storage/test-databases.js";
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from "./auth.js";
import { readConfig } from "./config.js";
import { assertErrorShape, Client, testApp } from "./test-app.js";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const json = (r: { body: string }): Json => JSON.parse(r.body) as Json;
const today = (): string => new Date().toISOString().slice(0, 10);
const PASSWORD = "correct horse battery";

for (const target of await testDatabases()) {
  describe(`security on ${target.name}`, { skip: target.skip }, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    let repo: Repository;
    before(async () => {
      db = await target.make();
      const r = await openRepository(db.config);
      assert.ok(r.ok);
      repo = r.value;
      ({ app } = await testApp(db, { repo }));
    });
    after(async () => {
      await app.close();
      await repo.close();
      await db.drop();
    });

    describe("CSRF: {no token, wrong token, another session's token, no CSRF cookie} × {POST, PUT, DELETE}", () => {
      let a: Client;
      let b: Client;
      let entryId: string;
      before(async () => {
        a = new Client(app);
        b = new Client(app);
        await a.register(`csrf-a-${randomUUID()}@example.org`);
        await b.register(`csrf-b-${randomUUID()}@example.org`);
        const e = await a.request("POST", "/api/diary/entries", {
          kind: "checkin",
          date: today(),
          intensity: 3,
          age: 30,
        });
        assert.equal(e.statusCode, 201);
        entryId = json(e)["entry"]["id"];
      });

      /** A's session cookie, with the CSRF cookie and header a forger could try. */
      const forged: Record<string, () => { cookie: string; header?: string }> = {
        "no token": () => ({
          cookie: `${SESSION_COOKIE}=${a.cookies[SESSION_COOKIE]}; ${CSRF_COOKIE}=${a.cookies[CSRF_COOKIE]}`,
        }),
        "wrong token": () => ({
          cookie: `${SESSION_COOKIE}=${a.cookies[SESSION_COOKIE]}; ${CSRF_COOKIE}=forged-token-value`,
          header: "forged-token-value",
        }),
        "another session's token": () => ({
          cookie: `${SESSION_COOKIE}=${a.cookies[SESSION_COOKIE]}; ${CSRF_COOKIE}=${b.cookies[CSRF_COOKIE]}`,
          header: b.cookies[CSRF_COOKIE]!,
        }),
        "no CSRF cookie": () => ({
          cookie: `${SESSION_COOKIE}=${a.cookies[SESSION_COOKIE]}`,
          header: a.cookies[CSRF_COOKIE]!,
        }),
        // As long as the real token in characters, longer in bytes: must be a 403, not a crash.
        "a token of non-ASCII characters": () => ({
          cookie: `${SESSION_COOKIE}=${a.cookies[SESSION_COOKIE]}; ${CSRF_COOKIE}=${a.cookies[CSRF_COOKIE]}`,
          header: "\u00e9".repeat(a.cookies[CSRF_COOKIE]!.length),
        }),
      };
      const writes = {
        POST: () => ({ url: "/api/diary/entries", payload: { kind: "checkin", date: today(), intensity: 9 } }),
        PUT: () => ({
          url: `/api/diary/entries/${entryId}`,
          payload: { kind: "checkin", date: today(), intensity: 9 },
        }),
        DELETE: () => ({ url: `/api/diary/entries/${entryId}`, payload: undefined }),
      };

      for (const [how, credentials] of Object.entries(forged)) {
        for (const [method, request] of Object.entries(writes)) {
          test(`${method} with ${how} is refused and changes nothing`, async () => {
            const { cookie, header } = credentials();
            const { url, payload } = request();
            const headers: Record<string, string> = { cookie };
            if (header !== undefined) headers[CSRF_HEADER] = header;
            const r = await app.inject({ method: method as "POST", url, headers, ...(payload ? { payload } : {}) });
            assert.equal(r.statusCode, 403, r.body);
            assert.equal(json(r)["problems"][0]["code"], "forbidden");
            const diary = json(await a.request("GET", "/api/diary"));
            assert.equal(diary["total"], 1);
            assert.equal(diary["entries"][0]["intensity"], 3);
          });
        }
      }

      test("the same writes with the session's own token pass (the table above is not refusing everything)", async () => {
        assert.equal(
          (await a.request("PUT", `/api/diary/entries/${entryId}`, { kind: "checkin", date: today(), intensity: 4 }))
            .statusCode,
          200,
        );
        const added = await a.request("POST", "/api/diary/entries", { kind: "checkin", date: today(), intensity: 5 });
        assert.equal(added.statusCode, 201);
        assert.equal((await a.request("DELETE", `/api/diary/entries/${json(added)["entry"]["id"]}`)).statusCode, 200);
      });
    });

    test("logout ends the session on the server: the old cookie opens nothing afterwards", async () => {
      const c = new Client(app);
      await c.register(`logout-${randomUUID()}@example.org`);
      const stolen = c.cookieHeader();
      const headers = { cookie: stolen, [CSRF_HEADER]: c.cookies[CSRF_COOKIE]! };
      assert.equal((await app.inject({ url: "/api/me", headers })).statusCode, 200);
      assert.equal((await c.request("POST", "/api/auth/logout")).statusCode, 204);
      assert.equal(
        (await app.inject({ url: "/api/me", headers })).statusCode,
        401,
        "the replayed session cookie is dead",
      );
      assert.equal(
        (
          await app.inject({
            method: "POST",
            url: "/api/diary/entries",
            headers,
            payload: { kind: "checkin", date: today(), intensity: 1 },
          })
        ).statusCode,
        401,
      );
    });

    test("failed logins are counted per account in the database: every instance sees them", async () => {
      const email = `locked-${randomUUID()}@example.org`;
      await new Client(app).register(email, PASSWORD);
      // A second instance over the same database, as another worker or server would be.
      const second = await testApp(db, { repo, limits: { loginMaxFailures: 3, loginFailureWindowMinutes: 15 } });
      const first = await testApp(db, { repo, limits: { loginMaxFailures: 3, loginFailureWindowMinutes: 15 } });
      try {
        const login = (instance: FastifyInstance, password: string, ip: string): Promise<LightMyRequestResponse> =>
          instance.inject({ method: "POST", url: "/api/auth/login", payload: { email, password }, remoteAddress: ip });
        // Three guesses from three addresses, alternating instances.
        assert.equal((await login(first.app, "guess one!", "10.0.0.1")).statusCode, 401);
        assert.equal((await login(second.app, "guess two!", "10.0.0.2")).statusCode, 401);
        assert.equal((await login(first.app, "guess three", "10.0.0.3")).statusCode, 401);
        const locked = await login(second.app, PASSWORD, "10.0.0.4");
        assert.equal(locked.statusCode, 429, "even the right password waits out the window");
        assert.equal(json(locked)["problems"][0]["code"], "login_locked");
        // An unknown address is treated the same way, so the lockout reveals nothing either.
        const ghost = `ghost-${randomUUID()}@example.org`;
        for (let n = 0; n < 3; n++)
          await first.app.inject({
            method: "POST",
            url: "/api/auth/login",
            payload: { email: ghost, password: "guessing!" },
          });
        assert.equal(
          (
            await first.app.inject({
              method: "POST",
              url: "/api/auth/login",
              payload: { email: ghost, password: "guessing!" },
            })
          ).statusCode,
          429,
        );
      } finally {
        await first.app.close();
        await second.app.close();
      }
      // After the window the account opens again (a clock 16 minutes on).
      const later = await testApp(db, {
        repo,
        limits: { loginMaxFailures: 3, loginFailureWindowMinutes: 15 },
        now: () => new Date(Date.now() + 16 * 60_000),
      });
      assert.equal(
        (await later.app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password: PASSWORD } }))
          .statusCode,
        200,
      );
      await later.app.close();
    });

    test("an unknown e-mail costs the same password check as a known one (no timing tell)", async () => {
      const email = `timing-${randomUUID()}@example.org`;
      await new Client(app).register(email, PASSWORD);
      const time = async (e: string): Promise<number> => {
        const t = performance.now();
        const r = await app.inject({
          method: "POST",
          url: "/api/auth/login",
          payload: { email: e, password: "not the password" },
        });
        assert.equal(r.statusCode, 401);
        return performance.now() - t;
      };
      const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
      const known: number[] = [];
      const unknown: number[] = [];
      for (let n = 0; n < 7; n++) {
        known.push(await time(email));
        unknown.push(await time(`nobody-${n}-${randomUUID()}@example.org`));
      }
      // Without the dummy check an unknown e-mail answered about 4 times faster.
      assert.ok(
        median(unknown) > 0.5 * median(known),
        `unknown ${median(unknown).toFixed(1)} ms, known ${median(known).toFixed(1)} ms`,
      );
    });

    test("registering a taken address: its password logs in, another answer names no cause", async () => {
      const email = `taken-${randomUUID()}@example.org`;
      assert.equal((await new Client(app).register(email, PASSWORD)).statusCode, 201);
      const wrong = await new Client(app).register(email, "someone else's pass");
      assert.equal(wrong.statusCode, 409);
      assert.doesNotMatch(json(wrong)["problems"][0]["message"], /exists|taken|already/i);
      const own = new Client(app);
      const mine = await own.register(email, PASSWORD);
      assert.equal(mine.statusCode, 200);
      assert.equal(json(await own.request("GET", "/api/me"))["email"], email);
    });

    test("Cache-Control: no-store on every answer that carries personal data", async () => {
      const c = new Client(app);
      await c.register(`cache-${randomUUID()}@example.org`);
      const i = json(await c.request("POST", "/api/interviews", {}));
      const personal: LightMyRequestResponse[] = [
        await c.request("GET", "/api/me"),
        await c.request("GET", "/api/me/assessments"),
        await c.request("GET", "/api/me/export"),
        await c.request("GET", "/api/diary"),
        await c.request("GET", "/api/diary/export?format=csv"),
        await c.request("POST", "/api/diary/entries", { kind: "checkin", date: today(), intensity: 3, age: 30 }),
        await c.request("GET", "/api/results"),
        await c.request("GET", `/api/results/${randomUUID()}`),
        await c.request("GET", `/api/interviews/${i["id"]}`),
        await c.request("POST", "/api/assess", { age: 40 }),
        await c.request("POST", "/api/auth/login", { email: "x@example.org", password: "whatever12" }),
      ];
      for (const r of personal)
        assert.equal(r.headers["cache-control"], "no-store", `${r.statusCode} ${r.body.slice(0, 60)}`);
      assert.notEqual(
        (await app.inject("/api/locales/en")).headers["cache-control"],
        "no-store",
        "public texts may be cached",
      );
    });

    test("former 500s answer 400/403/404 in the documented shape", async () => {
      const c = new Client(app);
      await c.register(`fivehundred-${randomUUID()}@example.org`);
      // A checklist item that cannot be turned into text.
      let i = json(await c.request("POST", "/api/interviews", {}));
      for (let n = 0; n < 10 && i["step"]["question"]["kind"] !== "checklist"; n++) {
        const q = i["step"]["question"];
        const value =
          q.id === "age"
            ? 30
            : q.kind === "boolean"
              ? false
              : q.kind === "multi"
                ? [q.options[0].value]
                : (q.options?.[0]?.value ?? "unknown");
        i = json(
          await c.request("POST", `/api/interviews/${i["id"]}/answer`, {
            question: q.id,
            answer: value,
            revision: i["revision"],
          }),
        );
      }
      assert.equal(i["step"]["question"]["kind"], "checklist");
      for (const answer of [[{ toString: 1 }], { toString: 1 }, [null]]) {
        const r = await c.request("POST", `/api/interviews/${i["id"]}/answer`, {
          question: i["step"]["question"]["id"],
          answer,
          revision: i["revision"],
        });
        assert.equal(r.statusCode, 400, `${JSON.stringify(answer)}: ${r.body}`);
        assertErrorShape(r.body, JSON.stringify(answer));
      }
      // A NUL in an e-mail (PostgreSQL cannot store it).
      for (const url of ["/api/auth/register", "/api/auth/login"]) {
        const r = await app.inject({
          method: "POST",
          url,
          payload: { email: "nul\u0000@example.org", password: "whatever12" },
        });
        assert.equal(r.statusCode, 400, r.body);
        assertErrorShape(r.body, url);
      }
      // A static file path the docs plugin refuses.
      for (const url of ["/api/docs/static//x", "/api/docs/static/../../package.json", "/api/docs/static/%2e%2e/x"]) {
        const r = await app.inject(url);
        assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${url}: ${r.statusCode}`);
        assertErrorShape(r.body, url);
      }
    });

    test("problems name the right place and kind: body.note for an unknown diary field, params.format for a bad id, age as decimal only", async () => {
      const c = new Client(app);
      await c.register(`paths-${randomUUID()}@example.org`);
      const note = await c.request("POST", "/api/diary/entries", {
        kind: "checkin",
        date: today(),
        intensity: 3,
        note: "x",
      });
      assert.equal(note.statusCode, 400);
      assert.deepEqual(
        json(note)["problems"].map((p: Json) => p.path),
        ["body.note"],
      );
      const badId = await c.request("GET", "/api/interviews/not-a-uuid");
      assert.equal(badId.statusCode, 400);
      assert.deepEqual(
        json(badId)["problems"].map((p: Json) => [p.code, p.path]),
        [["params.format", "params.id"]],
      );
      const email = await c.request("POST", "/api/auth/login", { email: "no-at-sign", password: "whatever12" });
      assert.equal(json(email)["problems"][0]["code"], "body.format");
      const caseBody = await c.request("POST", "/api/assess", { age: "x" });
      assert.equal(json(caseBody)["problems"][0]["code"], "case.type", "a case keeps the contract's codes");
      const i = json(await c.request("POST", "/api/interviews", {}));
      const hex = await c.request("POST", `/api/interviews/${i["id"]}/answer`, {
        question: "age",
        answer: "0x1e",
        revision: 0,
      });
      assert.equal(hex.statusCode, 400, "0x1e is not an age");
      const decimal = await c.request("POST", `/api/interviews/${i["id"]}/answer`, {
        question: "age",
        answer: "30",
        revision: 0,
      });
      assert.equal(decimal.statusCode, 200);
      assert.equal(json(decimal)["state"]["steps"][0]["answers"]["age"], 30);
    });
  });
}

describe("the trusted proxy is a setting", () => {
  test("behind an untrusted proxy all clients share one bucket; with TRUST_PROXY each address has its own", async () => {
    const db = sqliteTestDatabase();
    const r = await openRepository(db.config);
    assert.ok(r.ok);
    const attempts = async (trustProxy: boolean): Promise<number[]> => {
      const { app } = await testApp(db, { repo: r.value, authRateLimit: 2, trustProxy });
      const codes: number[] = [];
      for (const ip of ["203.0.113.1", "203.0.113.2", "203.0.113.3"]) {
        const res = await app.inject({
          method: "POST",
          url: "/api/auth/login",
          payload: { email: "p@example.org", password: "whatever12" },
          headers: { "x-forwarded-for": ip },
          remoteAddress: "127.0.0.1",
        });
        codes.push(res.statusCode);
      }
      await app.close();
      return codes;
    };
    assert.deepEqual(await attempts(false), [401, 401, 429], "the proxy's own address is everyone's");
    assert.deepEqual(await attempts(true), [401, 401, 401], "each forwarded address is counted on its own");
    await r.value.close();
    await db.drop();
  });

  test("TRUST_PROXY, AUTH_RATE_LIMIT, REGISTER_RATE_LIMIT, LOGIN_MAX_FAILURES are read and checked", () => {
    const d = readConfig({});
    assert.ok(d.ok);
    assert.deepEqual(
      [
        d.value.trustProxy,
        d.value.authRateLimit,
        d.value.registerRateLimit,
        d.value.loginMaxFailures,
        d.value.loginFailureWindowMinutes,
      ],
      [false, 10, 10, 10, 15],
    );
    const set = readConfig({ TRUST_PROXY: "10.0.0.0/8,127.0.0.1", LOGIN_MAX_FAILURES: "5" });
    assert.ok(set.ok);
    assert.equal(set.value.trustProxy, "10.0.0.0/8,127.0.0.1");
    assert.equal(
      readConfig({ TRUST_PROXY: "2" }).ok &&
        (readConfig({ TRUST_PROXY: "2" }) as { value: { trustProxy: unknown } }).value.trustProxy,
      2,
    );
    const bad = readConfig({ TRUST_PROXY: "everyone; drop", REGISTER_RATE_LIMIT: "-1" });
    assert.ok(!bad.ok);
    assert.deepEqual(bad.problems.map((p) => p.path).sort(), ["REGISTER_RATE_LIMIT", "TRUST_PROXY"]);
  });

  test("registration is rate limited hard per address", async () => {
    const db = sqliteTestDatabase();
    const { app, repo } = await testApp(db, { registerRateLimit: 2 });
    const codes: number[] = [];
    for (let n = 0; n < 3; n++)
      codes.push(
        (
          await app.inject({
            method: "POST",
            url: "/api/auth/register",
            payload: { email: `r${n}-${randomUUID()}@example.org`, password: PASSWORD },
          })
        ).statusCode,
      );
    assert.deepEqual(codes, [201, 201, 429]);
    await app.close();
    await repo.close();
    await db.drop();
  });
});
