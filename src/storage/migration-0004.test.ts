import { test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { MIGRATIONS } from "./migrations.js";
import { openRepository } from "./open-repository.js";
import { testDatabases } from "./test-databases.js";

/** A deployment made before the sync: its database at migration 0003, with a diary entry in it. */
async function databaseBeforeSync(db: Kysely<any>, schema?: string) {
  // eslint-disable-line @typescript-eslint/no-explicit-any
  const before = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < "0004"));
  const m = await new Migrator({
    db,
    provider: { getMigrations: async () => before },
    ...(schema ? { migrationTableSchema: schema } : {}),
  }).migrateToLatest();
  assert.equal(m.error, undefined);
  const user = randomUUID();
  const entry = randomUUID();
  const at = "2026-11-01T10:00:00.000Z";
  await db
    .insertInto("users")
    .values({ id: user, email: `${user}@example.org`, password_hash: "h", created_at: at })
    .execute();
  await db
    .insertInto("diary_entries")
    .values({
      id: entry,
      user_id: user,
      kind: "checkin",
      date: "2026-11-01",
      data_json: JSON.stringify({ kind: "checkin", date: "2026-11-01", intensity: 4 }),
      created_at: at,
      updated_at: at,
    })
    .execute();
  return { user, entry };
}

for (const target of await testDatabases()) {
  test(`upgrading a ${target.name} database made before the sync: its diary entries start at revision 1 and can be changed by revision`, {
    skip: target.skip,
  }, async () => {
    const made = await target.make();
    const c = made.config;
    const raw =
      c.databaseUrl !== undefined
        ? new Kysely<any>({
            dialect: new PostgresDialect({
              pool: new pg.Pool({ connectionString: c.databaseUrl, options: `-c search_path=${c.schema}` }),
            }),
          }) // eslint-disable-line @typescript-eslint/no-explicit-any
        : new Kysely<any>({ dialect: new SqliteDialect({ database: new SQLite(c.sqlitePath) }) }); // eslint-disable-line @typescript-eslint/no-explicit-any
    const { user, entry } = await databaseBeforeSync(raw, c.schema);
    await raw.destroy();
    const r = await openRepository(c);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
    const repo = r.value;
    try {
      assert.deepEqual(await repo.getDiaryEntry(user, entry), {
        kind: "checkin",
        date: "2026-11-01",
        intensity: 4,
        id: entry,
        revision: 1,
      });
      const out = await repo.putDiaryEntry(
        user,
        entry,
        1,
        { kind: "checkin", date: "2026-11-01", intensity: 2 },
        "2026-11-02T10:00:00.000Z",
      );
      assert.equal(out.status, "updated");
      assert.deepEqual(await repo.listSavedResults(user), [], "the new table is there, empty");
    } finally {
      await repo.close();
      await made.drop();
    }
  });
}
