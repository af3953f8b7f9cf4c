import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openRepository } from "./open-repository.js";
import { testDatabases } from "./test-databases.js";

/** How the configured storage is chosen and opened, and how a bad configuration is reported. */
test("a SQLite file in a folder that does not exist yet: the folder is made, the file opened and migrated", async () => {
  const dir = mkdtempSync(join(tmpdir(), "backcheck-open-"));
  try {
    const path = join(dir, "a", "b", "backcheck.db");
    const r = await openRepository({ sqlitePath: path });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
    assert.equal(r.value.kind, "sqlite");
    assert.ok(existsSync(path));
    assert.equal(await r.value.findUser("nobody"), undefined, "the tables exist");
    await r.value.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an in-memory SQLite database makes no folder", async () => {
  const r = await openRepository({ sqlitePath: ":memory:" });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  assert.equal((await r.value.settings())["foreign_keys"], 1);
  await r.value.close();
});

test("DATABASE_URL must be a PostgreSQL URL; anything else is a configuration problem, not SQLite", async () => {
  for (const url of ["mysql://localhost/x", "postgres:/x", "", "file:backcheck.db", "file:postgres://x"]) {
    const r = await openRepository({ databaseUrl: url, sqlitePath: ":memory:" });
    assert.ok(!r.ok, url);
    assert.deepEqual(r.problems, [
      { code: "config.database_url", path: "DATABASE_URL", message: "must start with postgres:// or postgresql://" },
    ]);
  }
});

test("a SQLite file that cannot be created is a storage.open problem naming the path", async () => {
  const dir = mkdtempSync(join(tmpdir(), "backcheck-open-"));
  try {
    const file = join(dir, "a-file");
    writeFileSync(file, "");
    const path = join(file, "x.db"); // under a file, not a folder
    const r = await openRepository({ sqlitePath: path });
    assert.ok(!r.ok);
    assert.equal(r.problems[0]!.code, "storage.open");
    assert.equal(r.problems[0]!.path, path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const pg = (await testDatabases()).find((t) => t.name === "postgres")!;

test("an unreachable PostgreSQL is a storage.connect problem on DATABASE_URL", { skip: pg.skip }, async () => {
  for (const scheme of ["postgres", "postgresql"]) {
    const r = await openRepository({ databaseUrl: `${scheme}://postgres@127.0.0.1:1/none`, sqlitePath: "" });
    assert.ok(!r.ok, scheme);
    assert.equal(r.problems[0]!.code, "storage.connect");
    assert.equal(r.problems[0]!.path, "DATABASE_URL");
  }
});
