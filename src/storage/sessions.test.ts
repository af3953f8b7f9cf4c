import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { openRepository } from "./open-repository.js";
import type { Repository } from "./repository.js";
import { testDatabases, type TestDatabase } from "./test-databases.js";

/** The sessions a logged-in person holds, in both databases: a logout must end the session on the server. */
for (const target of await testDatabases()) {
  describe(`sessions on ${target.name}`, { skip: target.skip }, () => {
    let db: TestDatabase;
    let repo: Repository;
    let userId: string;
    before(async () => {
      db = await target.make();
      const r = await openRepository(db.config);
      assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
      repo = r.value;
      userId = randomUUID();
      await repo.createUser({
        id: userId,
        email: `${userId}@example.org`,
        password_hash: "h",
        created_at: "2026-11-27T00:00:00.000Z",
      });
    });
    after(async () => {
      await repo?.close();
      await db?.drop();
    });

    test("a session is found by its hash until its expiry time, and not at or after it", async () => {
      await repo.createSession({ token_hash: "hash-a", user_id: userId, expires_at: "2026-12-01T00:00:00.000Z" });
      assert.deepEqual(await repo.findSession("hash-a", "2026-11-30T23:59:59.999Z"), { user_id: userId });
      assert.equal(await repo.findSession("hash-a", "2026-12-01T00:00:00.000Z"), undefined);
      assert.equal(await repo.findSession("hash-a", "2027-01-01T00:00:00.000Z"), undefined);
      assert.equal(
        await repo.findSession("hash-b", "2026-11-27T00:00:00.000Z"),
        undefined,
        "an unknown hash is no session",
      );
    });

    test("logout deletes that session only; the user's other sessions stay", async () => {
      await repo.createSession({ token_hash: "hash-c", user_id: userId, expires_at: "2026-12-01T00:00:00.000Z" });
      await repo.createSession({ token_hash: "hash-d", user_id: userId, expires_at: "2026-12-01T00:00:00.000Z" });
      await repo.deleteSession("hash-c");
      assert.equal(await repo.findSession("hash-c", "2026-11-27T00:00:00.000Z"), undefined);
      assert.deepEqual(await repo.findSession("hash-d", "2026-11-27T00:00:00.000Z"), { user_id: userId });
      await repo.deleteSession("hash-c"); // a second logout with the same cookie is harmless
    });

    test("deleting the account ends all its sessions", async () => {
      await repo.createSession({ token_hash: "hash-e", user_id: userId, expires_at: "2026-12-01T00:00:00.000Z" });
      await repo.deleteUser(userId);
      assert.equal(await repo.findSession("hash-e", "2026-11-27T00:00:00.000Z"), undefined);
      assert.equal(await repo.findSession("hash-d", "2026-11-27T00:00:00.000Z"), undefined);
    });
  });
}
