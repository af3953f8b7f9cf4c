import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { openRepository } from "../storage/open-repository.js";
import type { Repository } from "../storage/repository.js";
import { testDatabases, type TestDatabase } from "../storage/test-databases.js";
import { readConfig } from "./config.js";
import { purgeOnce } from "./retention.js";
import { Client, testApp } from "./test-app.js";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const json = (r: { body: string }): Json => JSON.parse(r.body) as Json;
const state = { version: 1 as const, steps: [] };
const ago = (now: Date, days: number): string => new Date(now.getTime() - days * 86_400_000).toISOString();

for (const target of await testDatabases()) {
  describe(`retention on ${target.name}`, { skip: target.skip }, () => {
    let db: TestDatabase;
    let repo: Repository;
    let app: FastifyInstance;
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

    test("the purge deletes anonymous interviews past the retention, expired sessions and stale failed logins; nothing else", async () => {
      const now = new Date();
      const user = randomUUID();
      await repo.createUser({ id: user, email: `${user}@example.org`, password_hash: "h", created_at: ago(now, 400) });
      const mk = async (owner: string | null, days: number) => {
        const id = randomUUID();
        await repo.createInterview({
          id,
          owner_id: owner,
          lang: "en",
          state,
          created_at: ago(now, days),
          updated_at: ago(now, days),
        });
        return id;
      };
      const oldAnonymous = await mk(null, 31);
      const recentAnonymous = await mk(null, 29);
      const oldOwned = await mk(user, 400);
      await repo.createSession({ token_hash: "expired", user_id: user, expires_at: ago(now, 1) });
      await repo.createSession({ token_hash: "live", user_id: user, expires_at: ago(now, -1) });
      await repo.recordLoginFailure("k", ago(now, 1));
      await repo.recordLoginFailure("k", now.toISOString());
      const counts = await purgeOnce(repo, { interviewDays: 30, loginFailureWindowMinutes: 15 }, now);
      assert.deepEqual(counts, { interviews: 1, sessions: 1, login_failures: 1 });
      assert.equal(await repo.getInterview(oldAnonymous), undefined);
      assert.ok(await repo.getInterview(recentAnonymous));
      assert.ok(await repo.getInterview(oldOwned), "an account's interviews are kept until the account is deleted");
      assert.equal(await repo.findSession("expired", ago(now, 2)), undefined, "the expired session row is gone");
      assert.ok(await repo.findSession("live", now.toISOString()));
      assert.equal(await repo.countLoginFailures("k", ago(now, 10)), 1);
    });

    test("saved results and diary entries belong to the account: the purge keeps them however old; deleting the account removes them", async () => {
      const now = new Date();
      const user = randomUUID();
      await repo.createUser({ id: user, email: `${user}@example.org`, password_hash: "h", created_at: ago(now, 800) });
      const id = randomUUID();
      await repo.putSavedResult(
        user,
        id,
        0,
        { case: { age: 30 }, result: { triage: "doctor" }, lang: "en", knowledge_version: "k" },
        ago(now, 700),
        10,
      );
      await repo.putDiaryEntry(
        user,
        randomUUID(),
        0,
        { kind: "checkin", date: ago(now, 700).slice(0, 10), intensity: 3 },
        ago(now, 700),
        10,
      );
      await purgeOnce(repo, { interviewDays: 30, loginFailureWindowMinutes: 15 }, now);
      assert.equal((await repo.getSavedResult(user, id))?.revision, 1);
      assert.equal((await repo.listDiary(user)).length, 1);
      await repo.deleteUser(user);
      assert.deepEqual(await repo.listSavedResults(user), []);
      assert.deepEqual(await repo.listDiary(user), []);
    });

    test("finishing one interview four times (going back each time) leaves one history entry, the latest", async () => {
      const c = new Client(app);
      await c.register(`history-${randomUUID()}@example.org`);
      let i = json(await c.request("POST", "/api/interviews", {}));
      const finish = async (age: number) => {
        for (let n = 0; n < 60 && !i["step"]["done"]; n++) {
          const q = i["step"]["question"];
          const value =
            q.id === "age"
              ? age
              : q.kind === "checklist"
                ? []
                : q.kind === "boolean"
                  ? false
                  : q.kind === "multi"
                    ? [q.options[0].value]
                    : q.kind === "number" || q.kind === "integer"
                      ? 2
                      : q.options[0].value;
          const r = await c.request("POST", `/api/interviews/${i["id"]}/answer`, {
            question: q.id,
            answer: value,
            revision: i["revision"],
          });
          assert.equal(r.statusCode, 200, r.body);
          i = json(r);
        }
        assert.equal(i["step"]["done"], true);
      };
      for (const age of [31, 32, 33, 34]) {
        if (i["step"]["done"])
          i = json(
            await c.request("POST", `/api/interviews/${i["id"]}/back`, { revision: i["revision"], question: "age" }),
          );
        await finish(age);
      }
      const history = json(await c.request("GET", "/api/me/assessments"));
      assert.equal(history.length, 1);
      assert.equal(history[0]["case"]["age"], 34);
    });

    test("the interview's state and its history entry are written together or not at all", async () => {
      const id = randomUUID();
      await repo.createInterview({
        id,
        owner_id: null,
        lang: "en",
        state,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      });
      const next = { version: 1 as const, steps: [{ question: "age", fields: ["age"], answers: { age: 30 } }] };
      // A history entry that cannot be stored (its user does not exist): the state must not move either.
      const broken = {
        id: randomUUID(),
        user_id: randomUUID(),
        interview_id: id,
        case: {},
        result: {},
        created_at: new Date().toISOString(),
      };
      await assert.rejects(repo.updateInterview(id, 0, next, new Date().toISOString(), broken));
      const after = await repo.getInterview(id);
      assert.equal(after?.revision, 0);
      assert.deepEqual(after?.state, state);
    });
  });
}

test("INTERVIEW_RETENTION_DAYS is a setting, 30 days by default", () => {
  const d = readConfig({});
  assert.ok(d.ok && d.value.interviewRetentionDays === 30);
  const r = readConfig({ INTERVIEW_RETENTION_DAYS: "7" });
  assert.ok(r.ok && r.value.interviewRetentionDays === 7);
  assert.ok(!readConfig({ INTERVIEW_RETENTION_DAYS: "0" }).ok);
});
