import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import type { Repository } from "../storage/repository.js";
import { testDatabases, type TestDatabase } from "../storage/test-databases.js";
import { Client, testApp } from "./test-app.js";

// The parse route is stateless; one database (SQLite) is enough to build the app.
const target = (await testDatabases())[0]!;
let db: TestDatabase;
let app: FastifyInstance;
let repo: Repository;
let logs: string[];
before(async () => {
  db = await target.make();
  ({ app, repo, logs } = await testApp(db));
});
after(async () => {
  await app.close();
  await repo.close();
  await db.drop();
});

test("POST /api/parse returns fields with spans and plain-words lines; the text is never logged", async () => {
  const c = new Client(app);
  const text = "Мне 34, со вчерашнего дня болит поясница. Не немеет, без температуры.";
  const r = await c.request("POST", "/api/parse", { text, lang: "ru" });
  assert.equal(r.statusCode, 200, r.body);
  const body = JSON.parse(r.body) as {
    fields: {
      field: string;
      value: unknown;
      certain: boolean;
      spans: { start: number; end: number; text: string }[];
    }[];
    lines: { text: string }[];
  };
  const age = body.fields.find((f) => f.field === "age")!;
  assert.equal(age.value, 34);
  assert.equal(text.slice(age.spans[0]!.start, age.spans[0]!.end), age.spans[0]!.text);
  assert.equal(body.fields.find((f) => f.field === "fever")?.value, false);
  assert.ok(body.lines.some((l) => l.text.startsWith("Возраст")));
  assert.ok(!logs.join("").includes("поясница"), "the person's words are not in the logs");
});

test("POST /api/parse refuses a missing text and an unknown language with 400", async () => {
  const c = new Client(app);
  assert.equal((await c.request("POST", "/api/parse", { lang: "en" })).statusCode, 400);
  assert.equal((await c.request("POST", "/api/parse", { text: "x", lang: "xx" })).statusCode, 400);
});

test("an interview started from confirmed answers does not ask them again, and still asks the warning signs", async () => {
  const c = new Client(app);
  const r = await c.request("POST", "/api/interviews", {
    lang: "en",
    answers: { age: 34, location: ["lower_back"], leg_numbness: false },
  });
  assert.equal(r.statusCode, 201, r.body);
  const i = JSON.parse(r.body) as {
    step: { done: boolean; question: { id: string; fields: string[] } };
    state: { steps: unknown[] };
  };
  assert.equal(i.state.steps.length, 1);
  assert.notEqual(i.step.question.id, "age");
  assert.ok(!i.step.question.fields.includes("leg_numbness"));
  const bad = await c.request("POST", "/api/interviews", { lang: "en", answers: { age: 500 } });
  assert.equal(bad.statusCode, 400);
});

test("the OpenAPI document describes POST /api/parse", async () => {
  const doc = JSON.parse((await app.inject({ method: "GET", url: "/api/openapi.json" })).body) as {
    paths: Record<string, Record<string, unknown>>;
  };
  assert.ok(doc.paths["/api/parse"]?.["post"]);
});
