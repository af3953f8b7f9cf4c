import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { Repository } from "../storage/repository.js";
import { testDatabases, type TestDatabase } from "../storage/test-databases.js";
import { isEmail } from "./validation-formats.js";
import { assertErrorShape, Client, testApp } from "./test-app.js";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const LIMIT_MS = 100;

test("the e-mail check is linear: 60,000 dots take well under a millisecond per thousand", () => {
  const hostile = `a@${".".repeat(60_000)} `;
  const t = performance.now();
  for (let n = 0; n < 20; n++) isEmail(hostile);
  assert.ok(performance.now() - t < 50, "20 checks of a 60,000-character address");
  assert.equal(isEmail(hostile), false, "longer than 254 characters");
  for (const good of ["a@b.co", "first.last+tag@example.org"]) assert.ok(isEmail(good), good);
  for (const bad of [
    "",
    "a@b",
    "@b.co",
    "a@.co",
    "a@b.",
    "a b@c.de",
    "a@@b.co",
    "a\u0000@b.co",
    "a@b.co\n",
    `${"x".repeat(250)}@b.co`,
  ])
    assert.ok(!isEmail(bad), JSON.stringify(bad));
});

for (const target of await testDatabases()) {
  describe(`hostile bodies on ${target.name}`, { skip: target.skip }, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    let repo: Repository;
    let c: Client;
    let interview: string;
    before(async () => {
      db = await target.make();
      ({ app, repo } = await testApp(db));
      c = new Client(app);
      await c.register(`hostile-${Date.now()}@example.org`);
      interview = (JSON.parse((await c.request("POST", "/api/interviews", {})).body) as Json)["id"];
    });
    after(async () => {
      await app.close();
      await repo.close();
      await db.drop();
    });

    /** Each fits under the 64 KB body limit, so it reaches validation. */
    const dots = `a@${".".repeat(64_000)}`;
    const deep = (n: number): string => "[".repeat(n) + "]".repeat(n);
    const hostile = (): [string, string, string][] => [
      ["POST", "/api/auth/login", JSON.stringify({ email: dots, password: "whatever12" })],
      ["POST", "/api/auth/register", JSON.stringify({ email: dots, password: "whatever12" })],
      ["POST", "/api/auth/login", JSON.stringify({ email: `${dots} `, password: "whatever12" })],
      ["POST", "/api/auth/register", JSON.stringify({ email: `a@${"a.".repeat(31_000)}@`, password: "whatever12" })],
      ["POST", "/api/assess", JSON.stringify({ age: 30, exercises: Array(5_500).fill("deadlift") })],
      ["POST", "/api/assess", JSON.stringify({ age: 30, worse_with: Array.from({ length: 9_000 }, (_, n) => n) })],
      ["POST", "/api/assess", JSON.stringify({ age: 30, location: Array(5_500).fill({}) })],
      [
        "POST",
        `/api/interviews/${interview}/answer`,
        JSON.stringify({ question: "age", revision: 0, answer: Array(12_000).fill("x") }),
      ],
      ["POST", `/api/interviews/${interview}/answer`, `{"question":"age","revision":0,"answer":${deep(15_000)}}`],
      [
        "POST",
        `/api/interviews/${interview}/answer`,
        JSON.stringify({ question: "x".repeat(60_000), revision: 0, answer: 1 }),
      ],
      [
        "POST",
        "/api/diary/entries",
        JSON.stringify({ kind: "checkin", date: "2026-01-01", intensity: 3, location: Array(6_000).fill("neck") }),
      ],
      ["POST", "/api/diary/entries", `{"kind":"checkin","date":"2026-01-01","intensity":3,"note":${deep(15_000)}}`],
      [
        "POST",
        "/api/diary/import",
        JSON.stringify({ entries: Array(1_500).fill({ kind: "checkin", date: "2026-13-45" }) }),
      ],
      [
        "PUT",
        `/api/diary/entries/${"0".repeat(60_000)}`,
        JSON.stringify({ kind: "checkin", date: "2026-01-01", intensity: 3 }),
      ],
      [
        "PUT",
        `/api/diary/entries/${randomUUID()}`,
        JSON.stringify({ kind: "checkin", date: "2026-01-01", intensity: 3, base_revision: Array(12_000).fill(1) }),
      ],
      // Saved results (issue 16): the result is an open object, so its depth is bounded before anything walks it.
      [
        "PUT",
        `/api/results/${randomUUID()}`,
        `{"base_revision":0,"body":{"case":{"age":30},"lang":"en","knowledge_version":"k","result":{"triage":"doctor","x":${deep(30_000)}}}}`,
      ],
      [
        "PUT",
        `/api/results/${randomUUID()}`,
        JSON.stringify({
          base_revision: 0,
          body: {
            case: { age: 30, exercises: Array(5_500).fill("deadlift") },
            result: { triage: "doctor" },
            lang: "en",
            knowledge_version: "k",
          },
        }),
      ],
      [
        "PUT",
        `/api/results/${randomUUID()}`,
        JSON.stringify({
          base_revision: 0,
          body: { case: { age: 30 }, result: { triage: "doctor" }, lang: "en", knowledge_version: "k".repeat(60_000) },
        }),
      ],
      ["PUT", `/api/results/${"0".repeat(60_000)}`, JSON.stringify({ base_revision: 0, body: {} })],
    ];

    test(`each hostile body is refused with a 4xx in the documented shape within ${LIMIT_MS} ms`, async () => {
      for (const [method, url, payload] of hostile()) {
        assert.ok(Buffer.byteLength(payload) < 64 * 1024, `${url}: under the body limit`);
        // The fastest of three: a quadratic check is slow every time, a busy machine only sometimes.
        let best = Infinity;
        let status = 0;
        let body = "";
        for (let n = 0; n < 3; n++) {
          const t = performance.now();
          const r = await app.inject({
            method: method as "POST",
            url,
            payload,
            headers: {
              "content-type": "application/json",
              cookie: c.cookieHeader(),
              "x-csrf-token": c.cookies["bc_csrf"]!,
            },
          });
          best = Math.min(best, performance.now() - t);
          status = r.statusCode;
          body = r.body;
        }
        const what = `${method} ${url.slice(0, 40)} ${payload.slice(0, 40)}…`;
        assert.ok(status >= 400 && status < 500, `${what}: ${status}`);
        assertErrorShape(body, what);
        assert.ok(body.length < 20_000, `${what}: a short answer (${body.length} bytes)`);
        assert.ok(best < LIMIT_MS, `${what}: ${best.toFixed(1)} ms`);
      }
    });
  });
}
