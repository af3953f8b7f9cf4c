import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { fail, ok, type Outcome } from "../errors/problem.js";
import { KyselyRepository, type Database, type Maintenance } from "./kysely-repository.js";
import { migrate } from "./migrations.js";
import { preparedOnce } from "./sqlite-statements.js";
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

interface Opened {
  db: Kysely<Database>;
  maintenance: Maintenance;
}

/** The settings every SQLite connection runs with; `settings()` reads them back and a test asserts them. */
export const SQLITE_PRAGMAS = ["journal_mode", "synchronous", "foreign_keys", "busy_timeout", "secure_delete"] as const;

function openSqlite(path: string, sync: "normal" | "full"): Opened {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new SQLite(path);
  // WAL: a committed write is in the log file before it is acknowledged, so a killed process loses nothing
  // it acknowledged (a test kills one); busy_timeout lets a second process wait for the lock.
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${sync === "full" ? "FULL" : "NORMAL"}`);
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  // Deleted rows are overwritten with zeros, not left readable in free pages of the file.
  db.pragma("secure_delete = ON");
  const maintenance: Maintenance = {
    // The WAL still holds the pages as they were before a deletion: copy it into the file and empty it.
    // (If another process is reading at that moment the log cannot be emptied now; the next one will.)
    erase: async () => {
      db.pragma("wal_checkpoint(TRUNCATE)");
    },
    settings: async () =>
      Object.fromEntries(SQLITE_PRAGMAS.map((p) => [p, db.pragma(p, { simple: true }) as string | number])),
  };
  // Kysely's SQLite driver prepares every query afresh; preparedOnce keeps each statement for reuse.
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: preparedOnce(db) }) }), maintenance };
}

const ERASED_TABLES = [
  "users",
  "sessions",
  "interviews",
  "assessments",
  "diary_entries",
  "saved_results",
  "login_failures",
];

function openPostgres(url: string, schema?: string): Opened {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const maintenance: Maintenance = {
    // A deleted row stays in its page as a dead tuple until VACUUM; plain VACUUM (no lock against readers
    // or writers) marks that space for reuse at once. The bytes on disk are overwritten when the space is
    // reused, so the README states this weaker guarantee for PostgreSQL. Vacuuming the shared tables
    // after every single diary entry would cost more than it gives: only an account deletion does it
    // (the purge leaves it to autovacuum).
    erase: async (tables, what) => {
      if (what !== "account") return;
      for (const t of tables.filter((x) => ERASED_TABLES.includes(x))) await sql`VACUUM ${sql.table(t)}`.execute(db);
    },
    settings: async () => {
      const r = await sql<{
        synchronous_commit: string;
        search_path: string;
      }>`SELECT current_setting('synchronous_commit') AS synchronous_commit, current_schema() AS search_path`.execute(
        db,
      );
      return { ...r.rows[0] };
    },
  };
  return { db, maintenance };
}

/** Opens the configured database and migrates it to the latest version. */
export async function openRepository(config: StorageConfig): Promise<Outcome<Repository>> {
  const postgres = config.databaseUrl !== undefined && /^postgres(ql)?:\/\//.test(config.databaseUrl);
  if (config.databaseUrl !== undefined && !postgres) {
    return fail([
      { code: "config.database_url", path: "DATABASE_URL", message: "must start with postgres:// or postgresql://" },
    ]);
  }
  let opened: Opened;
  try {
    opened = postgres
      ? openPostgres(config.databaseUrl!, config.schema)
      : openSqlite(config.sqlitePath, config.sqliteSync ?? "normal");
  } catch (e) {
    return fail([
      { code: "storage.open", path: postgres ? "DATABASE_URL" : config.sqlitePath, message: (e as Error).message },
    ]);
  }
  const { db, maintenance } = opened;
  try {
    // Each PostgreSQL schema keeps its own migration tables: another deployment in the same database
    // (another schema) must neither be seen nor block this one.
    const migrationSchema = postgres
      ? (config.schema ?? (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db)).rows[0]?.s)
      : undefined;
    const m = await migrate(db as unknown as Kysely<unknown>, migrationSchema);
    if (!m.ok) {
      await db.destroy();
      return m;
    }
  } catch (e) {
    await db.destroy();
    return fail([
      { code: "storage.connect", path: postgres ? "DATABASE_URL" : config.sqlitePath, message: (e as Error).message },
    ]);
  }
  return ok(new KyselyRepository(postgres ? "postgres" : "sqlite", db, maintenance));
}
