import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { openRepository } from "./open-repository.js";
import type { Repository } from "./repository.js";
import { testDatabases, type TestDatabase } from "./test-databases.js";

const now = (offsetSeconds = 0): string => new Date(Date.UTC(2026, 10, 26, 12, 0, offsetSeconds)).toISOString();
const state = { version: 1 as const, steps: [{ question: "age", fields: ["age"], answers: { age: 30 } }] };

/** One suite, run against every implementation of the repository. */
for (const target of await testDatabases()) {
  describe(`storage on ${target.name}`, { skip: target.skip }, () => {
    let db: TestDatabase;
    let repo: Repository;
    before(async () => {
      db = await target.make();
      const r = await openRepository(db.config);
      assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
      repo = r.value;
    });
    after(async () => {
      await repo?.close();
      await db?.drop();
    });

    const user = async (email = `${randomUUID()}@example.org`) => {
      const id = randomUUID();
      assert.equal(await repo.createUser({ id, email, password_hash: "h", created_at: now() }), "created");
      return id;
    };

    test("migrations are idempotent: opening again keeps the data", async () => {
      const id = await user("again@example.org");
      const second = await openRepository(db.config);
      assert.ok(second.ok);
      assert.equal((await second.value.findUser(id))?.email, "again@example.org");
      await second.value.close();
    });

    test("users: create, find by id and email, duplicate email refused", async () => {
      const id = await user("a@example.org");
      assert.equal((await repo.findUser(id))?.email, "a@example.org");
      assert.equal((await repo.findUserByEmail("a@example.org"))?.id, id);
      assert.equal(
        await repo.createUser({ id: randomUUID(), email: "a@example.org", password_hash: "x", created_at: now() }),
        "email_taken",
      );
      assert.equal(await repo.findUser(randomUUID()), undefined);
    });

    test("sessions: live until they expire, gone after delete", async () => {
      const id = await user();
      await repo.createSession({ token_hash: "t1", user_id: id, expires_at: now(60) });
      assert.deepEqual(await repo.findSession("t1", now()), { user_id: id });
      assert.equal(await repo.findSession("t1", now(61)), undefined);
      await repo.deleteSession("t1");
      assert.equal(await repo.findSession("t1", now()), undefined);
    });

    test("interviews: stored as JSON, updated with a revision check", async () => {
      const id = randomUUID();
      const created = await repo.createInterview({
        id,
        owner_id: null,
        lang: "en",
        state,
        created_at: now(),
        updated_at: now(),
      });
      assert.equal(created.revision, 0);
      assert.deepEqual((await repo.getInterview(id))?.state, state);
      const next = { version: 1 as const, steps: [...state.steps, { question: "sex", fields: ["sex"], answers: {} }] };
      const updated = await repo.updateInterview(id, 0, next, now(1));
      assert.ok(updated !== "conflict");
      assert.equal(updated.revision, 1);
      assert.deepEqual(updated.state, next);
      assert.equal(await repo.updateInterview(id, 0, state, now(2)), "conflict", "a stale revision is refused");
      assert.equal(await repo.getInterview(randomUUID()), undefined);
    });

    test("assessments: listed newest first, only the owner's", async () => {
      const a = await user();
      const b = await user();
      await repo.saveAssessment({
        id: randomUUID(),
        user_id: a,
        interview_id: null,
        case: { age: 1 },
        result: { triage: "doctor" },
        created_at: now(1),
      });
      await repo.saveAssessment({
        id: randomUUID(),
        user_id: a,
        interview_id: null,
        case: { age: 2 },
        result: { triage: "urgent" },
        created_at: now(2),
      });
      await repo.saveAssessment({
        id: randomUUID(),
        user_id: b,
        interview_id: null,
        case: { age: 3 },
        result: {},
        created_at: now(3),
      });
      const list = await repo.listAssessments(a);
      assert.deepEqual(
        list.map((x) => x.case),
        [{ age: 2 }, { age: 1 }],
      );
    });

    test("export has everything of the user and nothing of others; delete removes it all", async () => {
      const a = await user("export@example.org");
      const b = await user();
      await repo.createInterview({
        id: randomUUID(),
        owner_id: a,
        lang: "en",
        state,
        created_at: now(),
        updated_at: now(),
      });
      await repo.createInterview({
        id: randomUUID(),
        owner_id: b,
        lang: "en",
        state,
        created_at: now(),
        updated_at: now(),
      });
      await repo.saveAssessment({
        id: randomUUID(),
        user_id: a,
        interview_id: null,
        case: { age: 4 },
        result: {},
        created_at: now(),
      });
      await repo.createSession({ token_hash: `s-${a}`, user_id: a, expires_at: now(600) });
      const exported = await repo.exportUser(a);
      assert.equal(exported?.user.email, "export@example.org");
      assert.equal(exported?.interviews.length, 1);
      assert.ok(exported?.interviews.every((i) => i.owner_id === a));
      assert.equal(exported?.assessments.length, 1);
      assert.ok(!JSON.stringify(exported).includes("password_hash"));
      await repo.deleteUser(a);
      assert.equal(await repo.findUser(a), undefined);
      assert.equal(await repo.findSession(`s-${a}`, now()), undefined);
      assert.deepEqual(await repo.listAssessments(a), []);
      assert.equal(await repo.exportUser(a), undefined);
      assert.ok((await repo.exportUser(b))?.interviews.length === 1, "the other user keeps their data");
    });
  });
}

for (const target of await testDatabases()) {
  describe(`diary storage on ${target.name}`, { skip: target.skip }, () => {
    let db: TestDatabase;
    let repo: Repository;
    before(async () => {
      db = await target.make();
      const r = await openRepository(db.config);
      assert.ok(r.ok);
      repo = r.value;
    });
    after(async () => {
      await repo?.close();
      await db?.drop();
    });

    test("diary entries: add, list by date, update and delete only one's own", async () => {
      const a = randomUUID();
      const b = randomUUID();
      for (const id of [a, b])
        await repo.createUser({ id, email: `${id}@example.org`, password_hash: "h", created_at: now() });
      const w = {
        id: randomUUID(),
        kind: "workout" as const,
        date: "2026-11-20",
        activity: "weightlifting",
        exercises: [{ exercise: "deadlift" }],
      };
      const c = { id: randomUUID(), kind: "checkin" as const, date: "2026-11-19", intensity: 4 };
      await repo.addDiaryEntries(a, [w, c], now());
      assert.deepEqual(
        (await repo.listDiary(a)).map((x) => x.id),
        [c.id, w.id],
      );
      assert.deepEqual(await repo.listDiary(b), []);
      assert.equal(
        await repo.updateDiaryEntry(b, c.id, { kind: "checkin", date: "2026-11-19", intensity: 9 }, now()),
        false,
        "B cannot change A's entry",
      );
      assert.equal(
        await repo.updateDiaryEntry(a, c.id, { kind: "checkin", date: "2026-11-19", intensity: 2 }, now()),
        true,
      );
      assert.equal(((await repo.listDiary(a))[0] as { intensity: number }).intensity, 2);
      assert.equal(await repo.deleteDiaryEntry(b, w.id), false);
      assert.equal(await repo.deleteDiaryEntry(a, w.id), true);
      assert.equal((await repo.exportUser(a))?.diary.length, 1);
      await repo.deleteUser(a);
      assert.deepEqual(await repo.listDiary(a), []);
    });

    test("an import is all or nothing", async () => {
      const a = randomUUID();
      await repo.createUser({ id: a, email: `${a}@example.org`, password_hash: "h", created_at: now() });
      const dup = randomUUID();
      await assert.rejects(
        repo.addDiaryEntries(
          a,
          [
            { id: dup, kind: "checkin", date: "2026-11-01", intensity: 1 },
            { id: dup, kind: "checkin", date: "2026-11-02", intensity: 2 },
          ],
          now(),
        ),
      );
      assert.deepEqual(await repo.listDiary(a), []);
    });
  });
}
