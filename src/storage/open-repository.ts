import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { fail, ok, type Outcome } from "../errors/problem.js";
import { KyselyRepository, type Database } from "./kysely-repository.js";
import { migrate } from "./migrations.js";
import type { Repository } from "./repository.js";

export interface StorageConfig {
  /** postgres://… to use PostgreSQL; otherwise SQLite at `sqlitePath`. */
  databaseUrl?: string | undefined;
  sqlitePath: string;
  /** PostgreSQL only: a schema to use (tests give each run its own). */
  schema?: string;
  /**
   * SQLite only. "normal" (default): a write is in the write-ahead log before it is acknowledged, so a
   * killed process loses nothing; "full": also flushed to the disk, so a power cut loses nothing either.
   */
  sqliteSync?: "normal" | "full";
}

function openSqlite(path: string, sync: "normal" | "full"): Kysely<Database> {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new SQLite(path);
  // WAL: a committed write is in the log file before it is acknowledged, so a killed process loses nothing
  // it acknowledged (a test kills one); busy_timeout lets a second process wait for the lock.
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${sync === "full" ? "FULL" : "NORMAL"}`);
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: db }) });
}

function openPostgres(url: string, schema?: string): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Opens the configured database and migrates it to the latest version. */
export async function openRepository(config: StorageConfig): Promise<Outcome<Repository>> {
  const postgres = config.databaseUrl !== undefined && /^postgres(ql)?:\/\//.test(config.databaseUrl);
  if (config.databaseUrl !== undefined && !postgres) {
    return fail([{ code: "config.database_url", path: "DATABASE_URL", message: "must start with postgres:// or postgresql://" }]);
  }
  let db: Kysely<Database>;
  try {
    db = postgres ? openPostgres(config.databaseUrl!, config.schema) : openSqlite(config.sqlitePath, config.sqliteSync ?? "normal");
  } catch (e) {
    return fail([{ code: "storage.open", path: postgres ? "DATABASE_URL" : config.sqlitePath, message: (e as Error).message }]);
  }
  try {
    const m = await migrate(db as unknown as Kysely<unknown>);
    if (!m.ok) {
      await db.destroy();
      return m;
    }
  } catch (e) {
    await db.destroy();
    return fail([{ code: "storage.connect", path: postgres ? "DATABASE_URL" : config.sqlitePath, message: (e as Error).message }]);
  }
  return ok(new KyselyRepository(postgres ? "postgres" : "sqlite", db));
}
