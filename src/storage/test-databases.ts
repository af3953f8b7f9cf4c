import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { StorageConfig } from "./open-repository.js";

/** Test helper: the PostgreSQL every machine here runs (trust auth, database `test`); override with TEST_DATABASE_URL. */
export const TEST_PG_URL = process.env["TEST_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";

export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export interface TestDatabase {
  name: string;
  config: StorageConfig;
  /** Environment for a server process using the same database. */
  env: Record<string, string>;
  drop: () => Promise<void>;
}

/** A fresh SQLite file in a temporary folder. */
export function sqliteTestDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), "backcheck-test-"));
  const path = join(dir, "test.db");
  return {
    name: "sqlite",
    config: { sqlitePath: path },
    env: { BACKCHECK_DB: path },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A fresh PostgreSQL schema, so test runs never see each other's rows. */
export async function postgresTestDatabase(): Promise<TestDatabase> {
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  return {
    name: "postgres",
    config: { sqlitePath: "", databaseUrl: TEST_PG_URL, schema },
    env: { DATABASE_URL: TEST_PG_URL, DATABASE_SCHEMA: schema },
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

/** Both databases; PostgreSQL is required on CI and skipped (loudly) elsewhere when it is not running. */
export async function testDatabases(): Promise<
  { make: () => Promise<TestDatabase>; name: string; skip: string | false }[]
> {
  const pgUp = await postgresAvailable();
  const pgSkip =
    !pgUp && !process.env["CI"]
      ? `PostgreSQL is not reachable at ${TEST_PG_URL}; its half of the suite is skipped`
      : false;
  return [
    { name: "sqlite", make: async () => sqliteTestDatabase(), skip: false },
    { name: "postgres", make: postgresTestDatabase, skip: pgSkip },
  ];
}
