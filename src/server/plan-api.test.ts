import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { Repository } from "../storage/repository.js";
import { sqliteTestDatabase, type TestDatabase } from "../storage/test-databases.js";
import { Client, testApp } from "./test-app.js";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const json = (r: { body: string }): Json => JSON.parse(r.body) as Json;
const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const BEGINNER = {
  age: 28,
  activity: "weightlifting",
  exercises: ["deadlift"],
  experience: "beginner",
  onset: "next_day",
  injury: "none",
  intensity: 3,
  location: ["lower_back"],
  character: ["dull_aching"],
};

let db: TestDatabase;
let app: FastifyInstance;
let repo: Repository;
before(async () => {
  db = sqliteTestDatabase();
  ({ app, repo } = await testApp(db));
});
after(async () => {
  await app.close();
  await repo.close();
  await db.drop();
});

test("POST /api/plan: a case gives stage 1; a diary of easy sessions moves it to stage 2; Russian on request", async () => {
  const c = new Client(app);
  const first = await c.request("POST", "/api/plan", { case: BEGINNER });
  assert.equal(first.statusCode, 200, first.body);
  assert.equal(json(first)["stage"]["index"], 1);
  const entries: Record<string, unknown>[] = [{ kind: "checkin", date: day(-7), intensity: 2, age: 28 }];
  for (const d of [-6, -4, -2])
    entries.push(
      { kind: "workout", date: day(d), activity: "weightlifting", exercises: [] },
      { kind: "checkin", date: day(d), intensity: 2 },
      { kind: "checkin", date: day(d + 1), intensity: 1 },
    );
  const moved = await c.request("POST", "/api/plan?lang=ru", { case: BEGINNER, diary: { entries } });
  assert.equal(moved.statusCode, 200, moved.body);
  const v = json(moved);
  assert.equal(v["stage"]["index"], 2);
  assert.equal(v["change"]["rule"], "move_on");
  assert.match(v["change"]["why"], /переход к этапу 2/);
});

test("POST /api/plan: an emergency gets no plan and the reason; bad input is a 400 with paths", async () => {
  const c = new Client(app);
  const r = await c.request("POST", "/api/plan", { case: { age: 40, saddle_numbness: true, bladder_problem: true } });
  assert.equal(r.statusCode, 200);
  assert.equal(json(r)["available"], false);
  assert.equal(json(r)["reason"]["code"], "emergency");
  const bad = await c.request("POST", "/api/plan", {
    case: BEGINNER,
    diary: { entries: [{ kind: "checkin", date: day(0), intensity: 11 }] },
  });
  assert.equal(bad.statusCode, 400);
  assert.ok(
    json(bad)["problems"].some((p: Json) => p["path"] === "body.diary.entries[0].intensity"),
    bad.body,
  );
  const noCase = await c.request("POST", "/api/plan", {});
  assert.equal(noCase.statusCode, 400);
});

test("GET /api/plan: needs a login and an assessment; then reads the latest assessment and the person's diary", async () => {
  assert.equal((await app.inject("/api/plan")).statusCode, 401);
  const c = new Client(app);
  await c.register(`plan-${randomUUID()}@example.org`);
  assert.equal((await c.request("GET", "/api/plan")).statusCode, 404);
  const me = json(await c.request("GET", "/api/me"));
  await repo.saveAssessment({
    id: randomUUID(),
    user_id: me["id"],
    interview_id: null,
    case: BEGINNER,
    result: {},
    created_at: new Date().toISOString(),
  });
  assert.equal(json(await c.request("GET", "/api/plan"))["stage"]["index"], 1);
  await c.request("POST", "/api/diary/entries", {
    kind: "checkin",
    date: day(-1),
    intensity: 3,
    age: 28,
    findings: { leg_weakness: true },
  });
  const stopped = json(await c.request("GET", "/api/plan"));
  assert.equal(stopped["available"], false);
  assert.equal(stopped["reason"]["code"], "new_sign");
  // Another person's plan is not moved by this diary.
  const other = new Client(app);
  await other.register(`plan-${randomUUID()}@example.org`);
  assert.equal((await other.request("GET", "/api/plan")).statusCode, 404);
});

test("the plan is in the OpenAPI document, and its illustrations are served as SVG", async () => {
  const doc = json(await app.inject("/api/openapi.json"));
  assert.ok(doc["paths"]["/api/plan"]["get"] && doc["paths"]["/api/plan"]["post"]);
  assert.ok(
    doc["paths"]["/api/plan"]["post"]["responses"]["200"]["content"]["application/json"]["schema"]["properties"][
      "stages"
    ],
  );
  const svg = await app.inject("/api/plan/illustrations/bird-dog.svg");
  assert.equal(svg.statusCode, 200);
  assert.match(svg.headers["content-type"] as string, /image\/svg\+xml/);
  assert.equal((await app.inject("/api/plan/illustrations/other.svg")).statusCode, 404);
  assert.equal((await app.inject("/api/plan/illustrations/..%2Fsources.json")).statusCode, 400);
});
