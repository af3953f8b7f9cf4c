import { test } from "node:test";
import assert from "node:assert/strict";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { preparedOnce } from "./sqlite-statements.js";

interface Db {
  t: { id: number; name: string };
}

function counting(): { db: SQLite.Database; prepared: string[] } {
  const db = new SQLite(":memory:");
  const prepared: string[] = [];
  const real = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    prepared.push(sql);
    return real(sql);
  }) as typeof db.prepare;
  return { db, prepared };
}

test("Kysely on SQLite prepares each statement once and runs it again with new parameters", async () => {
  const { db, prepared } = counting();
  const k = new Kysely<Db>({ dialect: new SqliteDialect({ database: preparedOnce(db) }) });
  await k.schema
    .createTable("t")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("name", "text")
    .execute();
  for (let i = 1; i <= 5; i++)
    await k
      .insertInto("t")
      .values({ id: i, name: `n${i}` })
      .execute();
  const names: string[] = [];
  for (let i = 1; i <= 5; i++)
    names.push((await k.selectFrom("t").select("name").where("id", "=", i).executeTakeFirstOrThrow()).name);
  assert.deepEqual(names, ["n1", "n2", "n3", "n4", "n5"], "each run reads its own parameters");
  const inserts = prepared.filter((s) => s.startsWith("insert"));
  const selects = prepared.filter((s) => s.startsWith("select"));
  assert.equal(inserts.length, 1, "one insert statement for five inserts");
  assert.equal(selects.length, 1, "one select statement for five selects");
  await k.destroy();
});

test("the statement cache keeps at most its size, dropping the least recently used", async () => {
  const { db, prepared } = counting();
  const cached = preparedOnce(db, 2);
  cached.prepare("select 1");
  cached.prepare("select 2");
  cached.prepare("select 1"); // now "select 2" is the least recently used
  cached.prepare("select 3"); // drops "select 2"
  cached.prepare("select 1");
  cached.prepare("select 2"); // prepared again
  assert.deepEqual(prepared, ["select 1", "select 2", "select 3", "select 2"]);
  cached.close();
});
