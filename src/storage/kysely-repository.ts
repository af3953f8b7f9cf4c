import { type Kysely, type Selectable } from "kysely";
import type { Entry, EntryData } from "../diary/entries.js";
import type { InterviewState } from "../interview/state.js";
import type { Repository, StoredAssessment, StoredInterview, User, UserExport } from "./repository.js";

export interface Database {
  users: { id: string; email: string; password_hash: string; created_at: string };
  sessions: { token_hash: string; user_id: string; expires_at: string };
  interviews: { id: string; owner_id: string | null; lang: string; state: string; revision: number; created_at: string; updated_at: string };
  assessments: { id: string; user_id: string; interview_id: string | null; case_json: string; result_json: string; created_at: string };
  diary_entries: { id: string; user_id: string; kind: string; date: string; data_json: string; created_at: string; updated_at: string };
}

const toInterview = (r: Selectable<Database["interviews"]>): StoredInterview => ({
  id: r.id,
  owner_id: r.owner_id,
  lang: r.lang,
  state: JSON.parse(r.state) as InterviewState,
  revision: Number(r.revision),
  created_at: r.created_at,
  updated_at: r.updated_at,
});

const toAssessment = (r: Selectable<Database["assessments"]>): StoredAssessment => ({
  id: r.id,
  user_id: r.user_id,
  interview_id: r.interview_id,
  case: JSON.parse(r.case_json) as unknown,
  result: JSON.parse(r.result_json) as unknown,
  created_at: r.created_at,
});

/** SQLite says SQLITE_CONSTRAINT_UNIQUE, PostgreSQL says 23505: both mean "already there". */
function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505";
}

/**
 * The repository over Kysely: one query code for both databases; the dialect (and with it the
 * implementation's durability settings) is chosen by `open-repository.ts`.
 */
export class KyselyRepository implements Repository {
  constructor(
    readonly kind: "sqlite" | "postgres",
    private readonly db: Kysely<Database>,
  ) {}

  async createUser(user: { id: string; email: string; password_hash: string; created_at: string }): Promise<"created" | "email_taken"> {
    try {
      await this.db.insertInto("users").values(user).execute();
      return "created";
    } catch (e) {
      if (isUniqueViolation(e)) return "email_taken";
      throw e;
    }
  }

  async findUserByEmail(email: string): Promise<(User & { password_hash: string }) | undefined> {
    return this.db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
  }

  async findUser(id: string): Promise<User | undefined> {
    return this.db.selectFrom("users").select(["id", "email", "created_at"]).where("id", "=", id).executeTakeFirst();
  }

  async deleteUser(id: string): Promise<void> {
    // Explicit deletes in one transaction: the result does not depend on foreign-key settings.
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom("diary_entries").where("user_id", "=", id).execute();
      await tx.deleteFrom("assessments").where("user_id", "=", id).execute();
      await tx.deleteFrom("interviews").where("owner_id", "=", id).execute();
      await tx.deleteFrom("sessions").where("user_id", "=", id).execute();
      await tx.deleteFrom("users").where("id", "=", id).execute();
    });
  }

  async createSession(session: { token_hash: string; user_id: string; expires_at: string }): Promise<void> {
    await this.db.insertInto("sessions").values(session).execute();
  }

  async findSession(tokenHash: string, now: string): Promise<{ user_id: string } | undefined> {
    return this.db.selectFrom("sessions").select("user_id").where("token_hash", "=", tokenHash).where("expires_at", ">", now).executeTakeFirst();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
  }

  async createInterview(i: Omit<StoredInterview, "revision">): Promise<StoredInterview> {
    const row = { id: i.id, owner_id: i.owner_id, lang: i.lang, state: JSON.stringify(i.state), revision: 0, created_at: i.created_at, updated_at: i.updated_at };
    await this.db.insertInto("interviews").values(row).execute();
    return { ...i, revision: 0 };
  }

  async getInterview(id: string): Promise<StoredInterview | undefined> {
    const r = await this.db.selectFrom("interviews").selectAll().where("id", "=", id).executeTakeFirst();
    return r ? toInterview(r) : undefined;
  }

  async updateInterview(id: string, revision: number, state: InterviewState, updatedAt: string): Promise<StoredInterview | "conflict"> {
    // The revision check and the write are one statement, so two instances cannot both win.
    const r = await this.db
      .updateTable("interviews")
      .set({ state: JSON.stringify(state), revision: revision + 1, updated_at: updatedAt })
      .where("id", "=", id)
      .where("revision", "=", revision)
      .returning(["owner_id", "lang", "created_at"])
      .executeTakeFirst();
    if (!r) return "conflict";
    return { id, owner_id: r.owner_id, lang: r.lang, state, revision: revision + 1, created_at: r.created_at, updated_at: updatedAt };
  }

  async saveAssessment(a: StoredAssessment): Promise<void> {
    await this.db
      .insertInto("assessments")
      .values({ id: a.id, user_id: a.user_id, interview_id: a.interview_id, case_json: JSON.stringify(a.case), result_json: JSON.stringify(a.result), created_at: a.created_at })
      .execute();
  }

  async listAssessments(userId: string): Promise<StoredAssessment[]> {
    const rows = await this.db.selectFrom("assessments").selectAll().where("user_id", "=", userId).orderBy("created_at", "desc").orderBy("id").execute();
    return rows.map(toAssessment);
  }

  async listDiary(userId: string): Promise<Entry[]> {
    const rows = await this.db.selectFrom("diary_entries").selectAll().where("user_id", "=", userId).orderBy("date").orderBy("created_at").orderBy("id").execute();
    return rows.map((r) => ({ ...(JSON.parse(r.data_json) as EntryData), id: r.id }));
  }

  async addDiaryEntries(userId: string, entries: Entry[], now: string): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map(({ id, ...data }) => ({ id, user_id: userId, kind: data.kind, date: data.date, data_json: JSON.stringify(data), created_at: now, updated_at: now }));
    await this.db.transaction().execute(async (tx) => {
      for (const row of rows) await tx.insertInto("diary_entries").values(row).execute();
    });
  }

  async updateDiaryEntry(userId: string, id: string, data: EntryData, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable("diary_entries")
      .set({ kind: data.kind, date: data.date, data_json: JSON.stringify(data), updated_at: now })
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deleteDiaryEntry(userId: string, id: string): Promise<boolean> {
    const r = await this.db.deleteFrom("diary_entries").where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  async exportUser(userId: string): Promise<UserExport | undefined> {
    const user = await this.findUser(userId);
    if (!user) return undefined;
    const interviews = (await this.db.selectFrom("interviews").selectAll().where("owner_id", "=", userId).orderBy("created_at").execute()).map(toInterview);
    return { user, interviews, assessments: await this.listAssessments(userId), diary: await this.listDiary(userId) };
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
