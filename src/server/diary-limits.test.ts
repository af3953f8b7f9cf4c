import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { Repository } from "../storage/repository.js";
import { testDatabases, type TestDatabase } from "../storage/test-databases.js";
import { chartOf } from "./routes/diary.js";
import { Client, testApp } from "./test-app.js";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const json = (r: { body: string }): Json => JSON.parse(r.body) as Json;
const day = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

for (const target of await testDatabases()) {
  describe(`diary quota and paging on ${target.name}`, { skip: target.skip }, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    let repo: Repository;
    before(async () => {
      db = await target.make();
      ({ app, repo } = await testApp(db, { limits: { diaryMaxEntries: 30 } }));
    });
    after(async () => {
      await app.close();
      await repo.close();
      await db.drop();
    });

    test("an account holds at most DIARY_MAX_ENTRIES entries: an import or an entry past it is refused whole", async () => {
      const c = new Client(app);
      await c.register(`quota-${randomUUID()}@example.org`);
      const entries = Array.from({ length: 25 }, (_, n) => ({
        kind: "checkin",
        date: day(40 - n),
        intensity: n % 10,
        age: 30,
      }));
      assert.equal((await c.request("POST", "/api/diary/import", { entries })).statusCode, 201);
      const over = await c.request("POST", "/api/diary/import", { entries: entries.slice(0, 6) });
      assert.equal(over.statusCode, 409);
      assert.equal(json(over)["problems"][0]["code"], "diary.quota");
      assert.equal(json(await c.request("GET", "/api/diary"))["total"], 25, "nothing of the refused import was stored");
      for (let n = 0; n < 5; n++)
        assert.equal(
          (await c.request("POST", "/api/diary/entries", { kind: "checkin", date: day(1), intensity: 2 })).statusCode,
          201,
        );
      const full = await c.request("POST", "/api/diary/entries", { kind: "checkin", date: day(1), intensity: 2 });
      assert.equal(full.statusCode, 409);
      assert.match(json(full)["problems"][0]["message"], /30/);
      // Deleting makes room again.
      const first = json(await c.request("GET", "/api/diary?limit=1&offset=29"))["entries"][0];
      assert.equal((await c.request("DELETE", `/api/diary/entries/${first.id}`)).statusCode, 200);
      assert.equal(
        (await c.request("POST", "/api/diary/entries", { kind: "checkin", date: day(1), intensity: 2 })).statusCode,
        201,
      );
    });

    test("the diary is paged, newest page first; the chart is one point per day, built on the server", async () => {
      const c = new Client(app);
      await c.register(`pages-${randomUUID()}@example.org`);
      const entries = Array.from({ length: 12 }, (_, n) => ({
        kind: "checkin",
        date: day(12 - n),
        intensity: n % 10,
        age: 30,
      }));
      entries.push({ kind: "workout", date: day(3), activity: "running", exercises: [] } as never);
      await c.request("POST", "/api/diary/import", { entries });
      const p1 = json(await c.request("GET", "/api/diary?limit=5"));
      assert.equal(p1["total"], 13);
      assert.equal(p1["entries"].length, 5);
      assert.deepEqual(
        p1["entries"].map((e: Json) => e.date),
        [day(4), day(3), day(3), day(2), day(1)].sort(),
        "the newest five, oldest first",
      );
      const p3 = json(await c.request("GET", "/api/diary?limit=5&offset=10"));
      assert.deepEqual(
        p3["entries"].map((e: Json) => e.date),
        [day(12), day(11), day(10)],
      );
      assert.equal((await c.request("GET", "/api/diary?limit=100000")).statusCode, 400, "a page has a largest size");
      assert.equal(p1["chart"].length, 12, "one point per day");
      assert.deepEqual(
        p1["chart"].find((d: Json) => d.date === day(3)),
        { date: day(3), pain: 9, workout: true },
      );
      assert.ok(p1["follow_up"], "the follow-up reads the whole diary");
      const write = json(
        await c.request("POST", "/api/diary/entries", { kind: "checkin", date: day(0), intensity: 3 }),
      );
      assert.deepEqual(Object.keys(write).sort(), ["entry", "follow_up", "problems"]);
    });
  });
}

test("chartOf: the worst pain of the day, workouts marked, nothing older than a year", () => {
  const today = "2026-11-27";
  const chart = chartOf(
    [
      { id: "1", kind: "checkin", date: "2026-11-20", intensity: 3 },
      { id: "2", kind: "checkin", date: "2026-11-20", intensity: 6 },
      { id: "3", kind: "workout", date: "2026-11-21", activity: "running", exercises: [] },
      { id: "4", kind: "checkin", date: "2024-01-01", intensity: 9 },
    ],
    today,
  );
  assert.deepEqual(chart, [
    { date: "2026-11-20", pain: 6, workout: false },
    { date: "2026-11-21", pain: null, workout: true },
  ]);
});
