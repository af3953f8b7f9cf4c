import { test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { openRepository } from "./open-repository.js";
import { postgresTestDatabase, testDatabases, TEST_PG_URL } from "./test-databases.js";

const pgTarget = (await testDatabases()).find((t) => t.name === "postgres")!;

test("two deployments in one PostgreSQL database, each in its own schema, both start and stay apart", {
  skip: pgTarget.skip,
}, async () => {
  const [a, b] = [await postgresTestDatabase(), await postgresTestDatabase()];
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    // One after the other: the second finds the first one's migration tables in the database.
    const ra = await openRepository(a.config);
    assert.ok(ra.ok, JSON.stringify(!ra.ok && ra.problems));
    const rb = await openRepository(b.config);
    assert.ok(rb.ok, JSON.stringify(!rb.ok && rb.problems));
    for (const db of [a, b]) {
      const schema = db.env["DATABASE_SCHEMA"]!;
      const tables = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = $1",
        [schema],
      );
      const names = tables.rows.map((r) => r.table_name);
      for (const t of ["kysely_migration", "kysely_migration_lock", "users", "diary_entries", "login_failures"])
        assert.ok(names.includes(t), `${schema} has its own ${t}`);
    }
    const id = randomUUID();
    await ra.value.createUser({
      id,
      email: "same@example.org",
      password_hash: "h",
      created_at: new Date().toISOString(),
    });
    assert.equal(await rb.value.findUser(id), undefined, "B does not see A's rows");
    assert.equal(
      await rb.value.createUser({
        id: randomUUID(),
        email: "same@example.org",
        password_hash: "h",
        created_at: new Date().toISOString(),
      }),
      "created",
      "nor its e-mails",
    );
    // Opening again (a restart) keeps working in both.
    const again = await openRepository(b.config);
    assert.ok(again.ok);
    await again.value.close();
    await ra.value.close();
    await rb.value.close();
  } finally {
    await client.end();
    await a.drop();
    await b.drop();
  }
});
