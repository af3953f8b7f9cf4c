import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";
import { fail, ok, type Outcome } from "../errors/problem.js";

/**
 * Versioned migrations, in order. Never edit one that has shipped: add the next. Column types are the
 * portable subset (text, integer), so the same migration runs on SQLite and PostgreSQL; timestamps are
 * ISO-8601 text and JSON documents are text.
 */
export const MIGRATIONS: Record<string, Migration> = {
  "0001_initial": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("email", "text", (c) => c.notNull().unique())
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("sessions")
        .addColumn("token_hash", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("expires_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();
      await db.schema
        .createTable("interviews")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("owner_id", "text", (c) => c.references("users.id").onDelete("cascade"))
        .addColumn("lang", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("revision", "integer", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("interviews_owner").on("interviews").column("owner_id").execute();
      await db.schema
        .createTable("assessments")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("interview_id", "text")
        .addColumn("case_json", "text", (c) => c.notNull())
        .addColumn("result_json", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("assessments_user").on("assessments").columns(["user_id", "created_at"]).execute();
    },
    async down(db: Kysely<unknown>) {
      for (const t of ["assessments", "interviews", "sessions", "users"]) await db.schema.dropTable(t).execute();
    },
  },
  "0002_diary": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("diary_entries")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("date", "text", (c) => c.notNull())
        .addColumn("data_json", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("diary_user_date").on("diary_entries").columns(["user_id", "date"]).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("diary_entries").execute();
    },
  },
  "0003_retention_and_login_failures": {
    async up(db: Kysely<unknown>) {
      // Failed logins per account (keyed by a hash of the e-mail), counted by every worker and instance.
      await db.schema
        .createTable("login_failures")
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("login_failures_key_at").on("login_failures").columns(["key", "at"]).execute();
      // The purge finds old anonymous interviews and expired sessions by date; the history by interview.
      await db.schema.createIndex("interviews_updated").on("interviews").columns(["owner_id", "updated_at"]).execute();
      await db.schema.createIndex("sessions_expires").on("sessions").column("expires_at").execute();
      await db.schema.createIndex("assessments_interview").on("assessments").column("interview_id").execute();
    },
    async down(db: Kysely<unknown>) {
      for (const i of ["assessments_interview", "sessions_expires", "interviews_updated"])
        await db.schema.dropIndex(i).execute();
      await db.schema.dropTable("login_failures").execute();
    },
  },
  "0004_sync_revisions": {
    async up(db: Kysely<unknown>) {
      // Results a person saved from the browser (issue 16). The client chooses the id (a UUID made on the
      // device) so a retried upload cannot duplicate; the key includes the account, so an id another account
      // happens to use neither collides nor reveals that it exists.
      await db.schema
        .createTable("saved_results")
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("id", "text", (c) => c.notNull())
        .addColumn("revision", "integer", (c) => c.notNull())
        .addColumn("body_json", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("saved_results_pk", ["user_id", "id"])
        .execute();
      await db.schema
        .createIndex("saved_results_user_created")
        .on("saved_results")
        .columns(["user_id", "created_at"])
        .execute();
      // Diary entries get a revision so an offline edit uploaded later cannot silently overwrite a newer one.
      // Entries that exist already start at 1, like new ones.
      await db.schema
        .alterTable("diary_entries")
        .addColumn("revision", "integer", (c) => c.notNull().defaultTo(1))
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("diary_entries").dropColumn("revision").execute();
      await db.schema.dropTable("saved_results").execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * Brings the database to the latest version; safe to run from several instances at once. On PostgreSQL,
 * `schema` is where the migration and lock tables live (the deployment's own schema).
 */
export async function migrate(db: Kysely<unknown>, schema?: string): Promise<Outcome<string[]>> {
  const { error, results } = await new Migrator({
    db,
    provider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  }).migrateToLatest();
  if (error)
    return fail([
      {
        code: "storage.migration",
        path: "migrations",
        message: error instanceof Error ? error.message : String(error),
      },
    ]);
  return ok((results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName));
}
