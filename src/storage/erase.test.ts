import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import pg from "pg";
import { openRepository } from "./open-repository.js";
import type { Repository } from "./repository.js";
import {
  postgresTestDatabase,
  sqliteTestDatabase,
  testDatabases,
  TEST_PG_URL,
  type TestDatabase,
} from "./test-databases.js";

const now = new Date().toISOString();

/** Everything of the file and its write-ahead log, as bytes to search. */
function fileBytes(path: string): Buffer {
  return Buffer.concat([path, `${path}-wal`].filter((p) => existsSync(p)).map((p) => readFileSync(p)));
}

async function someoneWithData(repo: Repository) {
  const id = randomUUID();
  const email = `erase-${randomUUID()}@example.org`;
  const hash = `$argon2id$v=19$m=19456,t=2,p=1$${randomUUID()}`;
  assert.equal(await repo.createUser({ id, email, password_hash: hash, created_at: now }), "created");
  // A load nobody else lifts: its JSON is this diary's alone.
  const load = 100 + Math.floor(Math.random() * 1e6) / 1e4;
  const entry = {
    id: randomUUID(),
    kind: "workout" as const,
    date: "2026-11-03",
    activity: "weightlifting",
    exercises: [{ exercise: "deadlift" as const, load_kg: load }],
  };
  await repo.addDiaryEntries(id, [entry], now);
  await repo.createSession({
    token_hash: `token-${randomUUID()}`,
    user_id: id,
    expires_at: "2999-01-01T00:00:00.000Z",
  });
  // A result saved from the browser, marked by a knowledge version nobody else has.
  const version = `kv-${randomUUID()}`;
  await repo.putSavedResult(
    id,
    randomUUID(),
    0,
    { case: { age: 30 }, result: { triage: "doctor" }, lang: "en", knowledge_version: version },
    now,
    10,
  );
  return { id, secrets: [email, hash, `"load_kg":${load}`, version] };
}

describe("deletion on sqlite overwrites the data in the file and its WAL", () => {
  let db: TestDatabase;
  let repo: Repository;
  before(async () => {
    db = sqliteTestDatabase();
    const r = await openRepository(db.config);
    assert.ok(r.ok);
    repo = r.value;
  });
  after(async () => {
    await repo.close();
    await db.drop();
  });

  test("a deleted account's e-mail, password hash, diary and saved results are gone from the file and the WAL", async () => {
    const keep = await someoneWithData(repo);
    const gone = await someoneWithData(repo);
    const path = db.config.sqlitePath;
    for (const s of gone.secrets)
      assert.ok(fileBytes(path).includes(s), `before: ${s} is on disk (the search can find it)`);
    await repo.deleteUser(gone.id);
    const bytes = fileBytes(path);
    for (const s of gone.secrets) assert.ok(!bytes.includes(s), `after: ${s} is still readable on disk`);
    assert.equal(existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`).length : 0, 0, "the WAL is emptied");
    for (const s of keep.secrets.slice(0, 1)) assert.ok(bytes.includes(s), "the other account is still there");
  });

  test("a deleted diary entry is gone from the file too", async () => {
    const who = await someoneWithData(repo);
    const entry = (await repo.listDiary(who.id))[0]!;
    await repo.deleteDiaryEntry(who.id, entry.id);
    const value = who.secrets[2]!;
    assert.ok(!fileBytes(db.config.sqlitePath).includes(value), value);
  });

  test("a deleted saved result is gone from the file too", async () => {
    const who = await someoneWithData(repo);
    const version = who.secrets[3]!;
    assert.ok(fileBytes(db.config.sqlitePath).includes(version), "before: on disk");
    const [saved] = await repo.listSavedResults(who.id);
    assert.deepEqual(await repo.deleteSavedResult(who.id, saved!.id), { status: "deleted" });
    assert.ok(!fileBytes(db.config.sqlitePath).includes(version), version);
  });
});

const pgTarget = (await testDatabases()).find((t) => t.name === "postgres")!;
describe("deletion on postgres vacuums the affected tables", { skip: pgTarget.skip }, () => {
  test("after deleting an account, its tables have been vacuumed", async () => {
    const db = await postgresTestDatabase();
    const r = await openRepository(db.config);
    assert.ok(r.ok);
    const repo = r.value;
    const schema = db.env["DATABASE_SCHEMA"]!;
    const client = new pg.Client({ connectionString: TEST_PG_URL });
    await client.connect();
    const vacuums = async (): Promise<Record<string, number>> => {
      const q = await client.query<{ relname: string; vacuum_count: string }>(
        "SELECT relname, vacuum_count FROM pg_stat_user_tables WHERE schemaname = $1",
        [schema],
      );
      return Object.fromEntries(q.rows.map((x) => [x.relname, Number(x.vacuum_count)]));
    };
    try {
      const who = await someoneWithData(repo);
      const before = await vacuums();
      await repo.deleteUser(who.id);
      // The statistics reach other sessions shortly after; wait for them a little.
      let afterDelete = await vacuums();
      for (let n = 0; n < 40 && (afterDelete["users"] ?? 0) <= (before["users"] ?? 0); n++) {
        await new Promise((res) => setTimeout(res, 50));
        afterDelete = await vacuums();
      }
      for (const t of ["users", "diary_entries", "saved_results", "sessions"])
        assert.ok((afterDelete[t] ?? 0) > (before[t] ?? 0), `${t} was vacuumed`);
    } finally {
      await client.end();
      await repo.close();
      await db.drop();
    }
  });
});
