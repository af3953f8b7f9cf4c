import { test } from "node:test";
import assert from "node:assert/strict";
import { openRepository } from "./open-repository.js";
import { postgresTestDatabase, sqliteTestDatabase, testDatabases } from "./test-databases.js";

/**
 * The durability and erasure settings the storage promises, read back from the running connection:
 * journal_mode=MEMORY or synchronous=OFF would lose acknowledged writes on a crash, and without
 * secure_delete a deleted account stays readable in the file.
 */
test("SQLite runs with WAL, synchronous NORMAL, foreign keys, a busy timeout and secure delete", async () => {
  const db = sqliteTestDatabase();
  const r = await openRepository(db.config);
  assert.ok(r.ok);
  try {
    assert.deepEqual(await r.value.settings(), {
      journal_mode: "wal",
      synchronous: 1,
      foreign_keys: 1,
      busy_timeout: 5000,
      secure_delete: 1,
    });
  } finally {
    await r.value.close();
    await db.drop();
  }
});

test("SQLITE_SYNCHRONOUS=full gives synchronous FULL", async () => {
  const db = sqliteTestDatabase();
  const r = await openRepository({ ...db.config, sqliteSync: "full" });
  assert.ok(r.ok);
  try {
    const s = await r.value.settings();
    assert.equal(s["synchronous"], 2);
    assert.equal(s["journal_mode"], "wal");
  } finally {
    await r.value.close();
    await db.drop();
  }
});

const pgTarget = (await testDatabases()).find((t) => t.name === "postgres")!;
test("PostgreSQL commits synchronously, in the deployment's own schema", { skip: pgTarget.skip }, async () => {
  const db = await postgresTestDatabase();
  const r = await openRepository(db.config);
  assert.ok(r.ok);
  try {
    assert.deepEqual(await r.value.settings(), { synchronous_commit: "on", search_path: db.env["DATABASE_SCHEMA"] });
  } finally {
    await r.value.close();
    await db.drop();
  }
});
