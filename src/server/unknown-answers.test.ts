import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sqliteTestDatabase, type TestDatabase } from "../storage/test-databases.js";
import { Client, testApp } from "./test-app.js";
import type { FastifyInstance } from "fastify";

// "I don't know" to every question is not "no": the result is never self-care, and it names the warning
// signs it could not rule out (issue 9). Through the API, as a client would do it.
let db: TestDatabase;
let app: FastifyInstance;
before(async () => {
  db = sqliteTestDatabase();
  app = (await testApp(db)).app;
});
after(async () => {
  await app.close();
  await db.drop();
});

test("answering \"I don't know\" to everything but the age gives at least a doctor's visit and lists the open warning signs", async () => {
  const c = new Client(app);
  let i = JSON.parse((await c.request("POST", "/api/interviews", { lang: "en" })).body);
  for (let n = 0; n < 80 && !i.step.done; n++) {
    const q = i.step.question;
    const r = await c.request("POST", `/api/interviews/${i.id}/answer`, {
      question: q.id,
      answer: q.id === "age" ? 34 : "unknown",
      revision: i.revision,
    });
    assert.equal(r.statusCode, 200, r.body);
    i = JSON.parse(r.body);
  }
  assert.ok(i.step.done, "the interview ends");
  const result = i.step.result;
  assert.notEqual(result.triage, "self_care");
  assert.ok(result.reasons.some((r: { rule: string }) => r.rule === "could_not_rule_out"));
  const open = result.open_warning_signs
    .filter((w: { asked: boolean }) => w.asked)
    .map((w: { field: string }) => w.field);
  for (const f of ["saddle_numbness", "bladder_problem", "chest_pain"])
    assert.ok(open.includes(f), `${f} in ${open.join(", ")}`);
});

test("assess of a whole case lists the warning signs that were not asked, and never claims none was found", async () => {
  const r = await app.inject({ method: "POST", url: "/api/assess", payload: { age: 30, intensity: 3 } });
  assert.equal(r.statusCode, 200, r.body);
  const a = JSON.parse(r.body);
  assert.equal(a.triage, "self_care");
  assert.ok(a.open_warning_signs.length > 5);
  assert.ok(a.open_warning_signs.every((w: { asked: boolean }) => w.asked === false));
});

test("an emergency result names the number to call; the country changes it", async () => {
  const r = await app.inject({
    method: "POST",
    url: "/api/assess",
    payload: { age: 55, sex: "male", chest_pain: true },
  });
  const a = JSON.parse(r.body);
  assert.equal(a.triage, "emergency");
  assert.equal(a.emergency_number, "112");
  const n = JSON.parse((await app.inject("/api/emergency-numbers")).body);
  assert.equal(n["GB"], "999");
  assert.equal(n["default"], "112");
});
