import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { openRepository } from "./open-repository.js";
import type { Repository } from "./repository.js";
import { testDatabases, type TestDatabase } from "./test-databases.js";

const now = (offsetSeconds = 0): string => new Date(Date.UTC(2026, 10, 26, 12, 0, offsetSeconds)).toISOString();
const body = (triage: string) => ({ case: { age: 30 }, result: { triage }, lang: "en", knowledge_version: "abc123" });

/** Saved results and diary revisions (issue 16's sync), against every implementation of the repository. */
for (const target of await testDatabases()) {
  describe(`sync storage on ${target.name}`, { skip: target.skip }, () => {
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

    const user = async () => {
      const id = randomUUID();
      assert.equal(
        await repo.createUser({ id, email: `${id}@example.org`, password_hash: "h", created_at: now() }),
        "created",
      );
      return id;
    };

    test("saved results: created at revision 1, changed only from the current revision, a stale write gets the current", async () => {
      const a = await user();
      const id = randomUUID();
      const created = await repo.putSavedResult(a, id, 0, body("doctor"), now(1), 10);
      assert.equal(created.status, "created");
      assert.ok(created.status === "created");
      assert.equal(created.record.revision, 1);
      assert.deepEqual(created.record.body, body("doctor"));
      const updated = await repo.putSavedResult(a, id, 1, body("urgent"), now(2), 10);
      assert.ok(updated.status === "updated");
      assert.equal(updated.record.revision, 2);
      assert.equal(updated.record.updated_at, now(2));
      assert.equal(updated.record.created_at, now(1), "created_at stays");
      const stale = await repo.putSavedResult(a, id, 1, body("self_care"), now(3), 10);
      assert.ok(stale.status === "conflict");
      assert.equal(stale.current.revision, 2);
      assert.deepEqual(stale.current.body, body("urgent"), "the conflict carries what is stored");
      assert.deepEqual((await repo.getSavedResult(a, id))?.body, body("urgent"), "the stale write changed nothing");
      const fresh = await repo.putSavedResult(a, randomUUID(), 0, body("doctor"), now(4), 10);
      assert.equal(fresh.status, "created");
      assert.deepEqual(
        (await repo.listSavedResults(a)).map((r) => r.created_at),
        [now(4), now(1)],
        "newest first",
      );
    });

    test("saved results: a retry of what is already stored is 'unchanged' whatever its base and key order; nothing is written", async () => {
      const a = await user();
      const id = randomUUID();
      await repo.putSavedResult(a, id, 0, body("doctor"), now(1), 10);
      const reordered = { knowledge_version: "abc123", lang: "en", result: { triage: "doctor" }, case: { age: 30 } };
      const again = await repo.putSavedResult(a, id, 0, reordered, now(5), 10);
      assert.ok(again.status === "unchanged");
      assert.equal(again.record.revision, 1);
      assert.equal(again.record.updated_at, now(1));
      await repo.putSavedResult(a, id, 1, body("urgent"), now(6), 10);
      const lostAnswer = await repo.putSavedResult(a, id, 1, body("urgent"), now(7), 10);
      assert.ok(lostAnswer.status === "unchanged", "the update went through; its retry is not a conflict");
      assert.equal(lostAnswer.record.revision, 2);
      assert.equal((await repo.listSavedResults(a)).length, 1, "no duplicate");
    });

    test("saved results: each account's own; the same id in two accounts is two records", async () => {
      const a = await user();
      const b = await user();
      const id = randomUUID();
      await repo.putSavedResult(a, id, 0, body("doctor"), now(1), 10);
      assert.equal(await repo.getSavedResult(b, id), undefined);
      assert.deepEqual(await repo.listSavedResults(b), []);
      assert.deepEqual(
        await repo.putSavedResult(b, id, 1, body("urgent"), now(2), 10),
        { status: "absent" },
        "B cannot change A's",
      );
      assert.deepEqual(await repo.deleteSavedResult(b, id), { status: "absent" }, "B cannot delete A's");
      const own = await repo.putSavedResult(b, id, 0, body("self_care"), now(3), 10);
      assert.equal(own.status, "created", "B's record with the same id is B's own");
      assert.deepEqual((await repo.getSavedResult(a, id))?.body, body("doctor"), "A's is untouched");
    });

    test("saved results: the quota refuses one more; absent with a base is 'absent'; delete checks a given base", async () => {
      const a = await user();
      for (let n = 0; n < 3; n++)
        assert.equal((await repo.putSavedResult(a, randomUUID(), 0, body("doctor"), now(n), 3)).status, "created");
      assert.deepEqual(await repo.putSavedResult(a, randomUUID(), 0, body("doctor"), now(9), 3), { status: "quota" });
      assert.deepEqual(await repo.putSavedResult(a, randomUUID(), 4, body("doctor"), now(9), 10), { status: "absent" });
      const [first] = await repo.listSavedResults(a);
      assert.ok(first);
      const staleDelete = await repo.deleteSavedResult(a, first.id, 7);
      assert.ok(staleDelete.status === "conflict");
      assert.equal(staleDelete.current.revision, 1);
      assert.deepEqual(await repo.deleteSavedResult(a, first.id, 1), { status: "deleted" });
      assert.deepEqual(await repo.deleteSavedResult(a, first.id), { status: "absent" });
      assert.equal((await repo.listSavedResults(a)).length, 2);
    });

    test("two writers from the same revision: exactly one wins, the other gets the winner as the conflict", async () => {
      const a = await user();
      const id = randomUUID();
      await repo.putSavedResult(a, id, 0, body("doctor"), now(1), 10);
      const outcomes = await Promise.all([
        repo.putSavedResult(a, id, 1, body("urgent"), now(2), 10),
        repo.putSavedResult(a, id, 1, body("self_care"), now(2), 10),
      ]);
      assert.deepEqual(outcomes.map((o) => o.status).sort(), ["conflict", "updated"]);
      assert.equal((await repo.getSavedResult(a, id))?.revision, 2);
      const creates = await Promise.all([
        repo.putSavedResult(a, `${id.slice(0, -1)}0`, 0, body("urgent"), now(3), 10),
        repo.putSavedResult(a, `${id.slice(0, -1)}0`, 0, body("emergency"), now(3), 10),
      ]);
      assert.deepEqual(creates.map((o) => o.status).sort(), ["conflict", "created"]);
    });

    test("diary: entries carry a revision; a write names its base; a stale one gets the current; a retry is unchanged", async () => {
      const a = await user();
      const old = { id: randomUUID(), kind: "checkin" as const, date: "2026-11-19", intensity: 4 };
      await repo.addDiaryEntries(a, [old], now());
      assert.equal((await repo.getDiaryEntry(a, old.id))?.revision, 1, "entries added the old way start at 1");
      assert.equal(
        await repo.updateDiaryEntry(a, old.id, { kind: "checkin", date: "2026-11-19", intensity: 5 }, now(1)),
        true,
      );
      assert.equal((await repo.getDiaryEntry(a, old.id))?.revision, 2, "a blind write counts the revision up too");

      const id = randomUUID();
      const data = { kind: "checkin" as const, date: "2026-11-20", intensity: 3 };
      const created = await repo.putDiaryEntry(a, id, 0, data, now(2), 100);
      assert.ok(created.status === "created");
      assert.deepEqual(created.record, { ...data, id, revision: 1 });
      assert.equal(
        (await repo.putDiaryEntry(a, id, 0, data, now(3), 100)).status,
        "unchanged",
        "a retried upload does not duplicate",
      );
      const changed = await repo.putDiaryEntry(a, id, 1, { ...data, intensity: 6 }, now(4), 100);
      assert.ok(changed.status === "updated");
      assert.equal(changed.record.revision, 2);
      const stale = await repo.putDiaryEntry(a, id, 1, { ...data, intensity: 1 }, now(5), 100);
      assert.ok(stale.status === "conflict");
      assert.deepEqual(stale.current, { ...data, intensity: 6, id, revision: 2 });
      assert.equal(((await repo.getDiaryEntry(a, id)) as { intensity: number }).intensity, 6);
      assert.equal((await repo.listDiary(a)).length, 2);
      assert.ok(
        !("revision" in (await repo.listDiary(a))[0]!),
        "the plain diary (follow-up, terminal export) has no revisions",
      );
      assert.deepEqual(
        (await repo.listDiaryPage(a, 10, 0)).entries.map((e) => e.revision),
        [2, 2],
      );
    });

    test("diary: another account's id is 'id_taken', its entry untouched; stale deletes are refused; the quota holds", async () => {
      const a = await user();
      const b = await user();
      const id = randomUUID();
      const data = { kind: "checkin" as const, date: "2026-11-20", intensity: 3 };
      await repo.putDiaryEntry(a, id, 0, data, now(1), 100);
      assert.deepEqual(await repo.putDiaryEntry(b, id, 0, { ...data, intensity: 9 }, now(2), 100), {
        status: "id_taken",
      });
      assert.deepEqual(await repo.putDiaryEntry(b, id, 1, { ...data, intensity: 9 }, now(2), 100), {
        status: "absent",
      });
      assert.deepEqual(await repo.deleteDiaryEntryAt(b, id, 1), { status: "absent" });
      assert.equal(((await repo.getDiaryEntry(a, id)) as { intensity: number }).intensity, 3);
      const stale = await repo.deleteDiaryEntryAt(a, id, 0);
      assert.ok(stale.status === "conflict");
      assert.equal(stale.current.revision, 1);
      assert.deepEqual(await repo.deleteDiaryEntryAt(a, id, 1), { status: "deleted" });
      assert.equal(await repo.getDiaryEntry(a, id), undefined);
      await repo.putDiaryEntry(a, randomUUID(), 0, data, now(3), 1);
      assert.deepEqual(await repo.putDiaryEntry(a, randomUUID(), 0, data, now(4), 1), { status: "quota" });
    });

    test("export holds the saved results and the diary's revisions; deleting the account removes them", async () => {
      const a = await user();
      const b = await user();
      const id = randomUUID();
      await repo.putSavedResult(a, id, 0, body("doctor"), now(1), 10);
      await repo.putSavedResult(b, randomUUID(), 0, body("urgent"), now(1), 10);
      await repo.putDiaryEntry(a, randomUUID(), 0, { kind: "checkin", date: "2026-11-20", intensity: 3 }, now(1), 10);
      const exported = await repo.exportUser(a);
      assert.deepEqual(
        exported?.saved_results.map((r) => [r.id, r.revision, r.body]),
        [[id, 1, body("doctor")]],
        "only the account's own",
      );
      assert.deepEqual(
        exported?.diary.map((e) => e.revision),
        [1],
      );
      await repo.deleteUser(a);
      assert.deepEqual(await repo.listSavedResults(a), []);
      assert.equal(await repo.getSavedResult(a, id), undefined);
      assert.equal((await repo.listSavedResults(b)).length, 1, "the other account keeps its own");
    });
  });
}
