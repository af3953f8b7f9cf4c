import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import type { Repository } from "../storage/repository.js";
import { testDatabases, type TestDatabase } from "../storage/test-databases.js";
import { assertErrorShape, Client, testApp } from "./test-app.js";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const json = (r: { body: string }): Json => JSON.parse(r.body) as Json;

/**
 * Bodies per database (2,000 in all over SQLite and PostgreSQL); every write endpoint gets its share.
 * FUZZ_RUNS=20000 for a deeper run by hand.
 */
const RUNS = Number(process.env["FUZZ_RUNS"] ?? 1000);

/** Hostile values: wrong types, huge and odd strings (NUL, lone surrogates, RTL), deep and wide values. */
const odd = fc.oneof(
  fc.constantFrom(
    "",
    "\u0000",
    "\ud800",
    "\u202e",
    "0x1e",
    "1e309",
    "-0",
    "NaN",
    "unknown",
    "true",
    "__proto__",
    "constructor",
    "toString",
    "a@b.co",
    "../../etc/passwd",
    "%00",
  ),
  fc.string({ unit: "binary", maxLength: 40 }),
);
// Huge strings, built by repetition (generating and serialising megabytes each time would be the test's cost).
const huge = fc
  .tuple(fc.string({ unit: "binary", minLength: 1, maxLength: 3 }), fc.integer({ min: 100, max: 25_000 }))
  .map(([u, n]) => u.repeat(n));
const small = fc.oneof(
  odd,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(-1, 0, 1e21, Number.MAX_SAFE_INTEGER, 2 ** 31, -(2 ** 31)),
);
const scalar = fc.oneof({ weight: 5, arbitrary: small }, { weight: 1, arbitrary: huge });
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: scalar },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3, depthSize: "small" }) },
  { weight: 1, arbitrary: fc.array(small, { maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.oneof(small, fc.constant({}), fc.constant([])), fc.integer({ min: 100, max: 6000 }))
      .map(([x, n]) => Array(n).fill(x)),
  },
  { weight: 1, arbitrary: fc.array(fc.object({ maxDepth: 1, maxKeys: 5 }), { maxLength: 10 }) },
  { weight: 1, arbitrary: fc.dictionary(odd, small, { maxKeys: 30 }) },
);

/** Raw texts no serializer would write: prototype keys, deep nesting, broken JSON. */
const rawText = fc.oneof(
  fc.constantFrom(
    '{"__proto__":{"admin":true}}',
    '{"constructor":{"prototype":{"x":1}}}',
    "{",
    "[",
    "nul\u0000",
    '{"a":1,"a":2}',
    "\ufeff{}",
    "null",
    "[]",
    '"x"',
    "1e999",
  ),
  fc.integer({ min: 100, max: 20_000 }).map((n) => "[".repeat(n) + "]".repeat(n)),
  fc.integer({ min: 100, max: 6_000 }).map((n) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`),
  fc
    .tuple(fc.string({ maxLength: 30 }), hostileValue)
    .map(([k, v]) => `{"__proto__":${JSON.stringify(v) ?? "1"},${JSON.stringify(k)}:1}`),
);

/** A valid body with one field replaced by a hostile value, one field added, or one removed. */
function mutated(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  // defineProperty: a key "__proto__" becomes an own field, as JSON.parse would make it.
  const added = fc
    .tuple(fc.oneof(odd, fc.constantFrom("__proto__", "note", "id", "extra")), hostileValue)
    .map(([k, v]) => {
      const o: Record<string, unknown> = { ...valid };
      Object.defineProperty(o, k, { value: v, enumerable: true, configurable: true, writable: true });
      return o;
    });
  if (keys.length === 0) return added;
  return fc.oneof(
    fc.tuple(fc.constantFrom(...keys), hostileValue).map(([k, v]) => ({ ...valid, [k]: v })),
    added,
    fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(valid).filter(([x]) => x !== k))),
  );
}

const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const checkin = {
  kind: "checkin",
  date: day,
  intensity: 4,
  age: 30,
  location: ["lower_back"],
  findings: { night_pain: false },
};
const savedResult = {
  case: {
    age: 40,
    sex: "male",
    activity: "weightlifting",
    exercises: ["deadlift"],
    location: ["lower_back"],
    intensity: 5,
  },
  result: { triage: "doctor", conditions: [{ id: "doms" }] },
  lang: "en",
  knowledge_version: "k-1",
};
const workout = {
  kind: "workout",
  date: day,
  activity: "weightlifting",
  exercises: [{ exercise: "deadlift", sets: 3, load_kg: 60 }],
  warmed_up: true,
};

/** A body: hostile as a whole, a valid one spoiled in one place, or raw text. */
const bodyFor = (valid: Record<string, unknown>): fc.Arbitrary<{ raw?: string; value?: unknown }> =>
  fc.oneof(
    { weight: 2, arbitrary: hostileValue.map((value) => ({ value })) },
    { weight: 3, arbitrary: mutated(valid).map((value) => ({ value })) },
    { weight: 1, arbitrary: rawText.map((raw) => ({ raw })) },
  );

type Endpoint = { method: "POST" | "PUT" | "DELETE"; url: () => string; valid: Record<string, unknown> };

for (const target of await testDatabases()) {
  describe(`fuzzed bodies on ${target.name}`, { skip: target.skip }, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    let repo: Repository;
    let c: Client;
    let atAge: Json;
    let atChecklist: Json;
    let entryId: string;
    let resultId = randomUUID();
    before(async () => {
      db = await target.make();
      ({ app, repo } = await testApp(db));
    });
    after(async () => {
      await app.close();
      await repo.close();
      await db.drop();
    });

    /** A logged-in client with one diary entry and two interviews: one at the age question, one at a checklist. */
    async function setUp(): Promise<void> {
      c = new Client(app);
      assert.equal((await c.register(`fuzz-${randomUUID()}@example.org`)).statusCode, 201);
      await newEntry();
      await newInterviews();
    }
    async function newEntry(): Promise<void> {
      entryId = json(await c.request("POST", "/api/diary/entries", checkin))["entry"]["id"];
    }
    async function newInterviews(): Promise<void> {
      atAge = json(await c.request("POST", "/api/interviews", {}));
      atChecklist = json(await c.request("POST", "/api/interviews", {}));
      for (let n = 0; n < 10 && atChecklist["step"]["question"]["kind"] !== "checklist"; n++) {
        const q = atChecklist["step"]["question"];
        const value =
          q.id === "age"
            ? 30
            : q.kind === "boolean"
              ? false
              : q.kind === "multi"
                ? [q.options[0].value]
                : (q.options?.[0]?.value ?? "unknown");
        atChecklist = json(
          await c.request("POST", `/api/interviews/${atChecklist["id"]}/answer`, {
            question: q.id,
            answer: value,
            revision: atChecklist["revision"],
          }),
        );
      }
    }

    test(`${RUNS} hostile bodies across every write endpoint: never a 5xx, always the documented error shape`, async () => {
      await setUp();
      const endpoints: Endpoint[] = [
        {
          method: "POST",
          url: () => "/api/assess",
          valid: {
            age: 40,
            sex: "male",
            activity: "weightlifting",
            exercises: ["deadlift"],
            location: ["lower_back"],
            intensity: 5,
          },
        },
        { method: "POST", url: () => "/api/interviews", valid: { lang: "en" } },
        {
          method: "POST",
          url: () => `/api/interviews/${atAge["id"]}/answer`,
          valid: { question: "age", answer: 30, revision: 0 },
        },
        {
          method: "POST",
          url: () => `/api/interviews/${atChecklist["id"]}/answer`,
          valid: {
            question: String(atChecklist["step"]["question"]["id"]),
            answer: [],
            revision: Number(atChecklist["revision"]),
          },
        },
        {
          method: "POST",
          url: () => `/api/interviews/${atChecklist["id"]}/back`,
          valid: { revision: Number(atChecklist["revision"]), question: "age" },
        },
        {
          method: "POST",
          url: () => "/api/auth/register",
          valid: { email: "someone@example.org", password: "long enough password" },
        },
        {
          method: "POST",
          url: () => "/api/auth/login",
          valid: { email: "someone@example.org", password: "long enough password" },
        },
        { method: "POST", url: () => "/api/diary/entries", valid: checkin },
        { method: "POST", url: () => "/api/diary/entries", valid: workout },
        { method: "PUT", url: () => `/api/diary/entries/${entryId}`, valid: checkin },
        { method: "POST", url: () => "/api/diary/import", valid: { entries: [checkin, workout] } },
        // The sync writes (issue 16): a client id, a base revision, a saved result with an open result object.
        { method: "POST", url: () => "/api/diary/entries", valid: { ...checkin, id: randomUUID() } },
        { method: "PUT", url: () => `/api/diary/entries/${entryId}`, valid: { ...checkin, base_revision: 1 } },
        { method: "PUT", url: () => `/api/results/${resultId}`, valid: { base_revision: 0, body: savedResult } },
        // Writes that take no body: whatever is sent must not matter. (Logout and account deletion are sent
        // without the session, so the run keeps its account; their handlers read no body either way.)
        { method: "DELETE", url: () => `/api/diary/entries/${entryId}`, valid: {} },
        { method: "DELETE", url: () => `/api/results/${resultId}`, valid: {} },
        { method: "POST", url: () => "/api/auth/logout", valid: {} },
        { method: "DELETE", url: () => "/api/me", valid: {} },
      ];
      const anonymous = new Set(["/api/auth/logout", "/api/me"]);
      const seen = new Map<string, number>();
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(
          fc
            .integer({ min: 0, max: endpoints.length - 1 })
            .chain((i) => bodyFor(endpoints[i]!.valid).map((b) => ({ i, b }))),
          async ({ i, b }) => {
            runs++;
            const e = endpoints[i]!;
            const url = e.url();
            const headers: Record<string, string> = { "content-type": "application/json" };
            if (!anonymous.has(url)) {
              headers["cookie"] = c.cookieHeader();
              headers["x-csrf-token"] = c.cookies["bc_csrf"]!;
            }
            const payload = b.raw ?? JSON.stringify(b.value) ?? "null";
            const r = await app.inject({ method: e.method, url, headers, payload });
            const key = `${e.method} ${url.replace(/[0-9a-f-]{36}/g, ":id")} ${r.statusCode}`;
            seen.set(key, (seen.get(key) ?? 0) + 1);
            assert.ok(
              r.statusCode < 500,
              `${e.method} ${url} ${payload.slice(0, 200)} -> ${r.statusCode} ${r.body.slice(0, 300)}`,
            );
            if (r.statusCode >= 400) assertErrorShape(r.body, `${e.method} ${url} ${payload.slice(0, 200)}`);
            // A stack frame ("    at f (file.js:1:2)"), a module path or a source file: linear patterns only.
            assert.doesNotMatch(r.body, /\n\s+at |node_modules|\.[jt]s:\d/, "no stack trace");
            // Keep the fixtures usable: an entry deleted, an interview answered or moved back, a new session.
            if (r.statusCode < 300) {
              if (url.startsWith("/api/results/")) resultId = randomUUID();
              else if (e.method === "DELETE") await newEntry();
              else if (url.endsWith("/answer") || url.endsWith("/back")) await newInterviews();
              else if (url.startsWith("/api/auth/")) await setUp();
            }
          },
        ),
        { numRuns: RUNS },
      );
      assert.equal(runs, RUNS);
      // Every endpoint was reached, and some bodies got past validation to the handlers.
      for (const e of endpoints)
        assert.ok(
          [...seen.keys()].some((k) => k.startsWith(`${e.method} ${e.url().replace(/[0-9a-f-]{36}/g, ":id")}`)),
          `${e.method} ${e.url()} was fuzzed`,
        );
      assert.ok(
        [...seen.entries()].filter(([k]) => / 2\d\d$/.test(k)).length >= 3,
        `some bodies were accepted: ${JSON.stringify([...seen])}`,
      );
    });
  });
}
