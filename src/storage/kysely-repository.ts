import type { Kysely, Selectable } from "kysely";
import type { Entry, EntryData } from "../diary/entries.js";
import type { InterviewState } from "../interview/state.js";
import { canonicalJson } from "./canonical-json.js";
import type {
  DeleteOutcome,
  PutOutcome,
  Repository,
  SavedResult,
  StoredAssessment,
  StoredEntry,
  StoredInterview,
  User,
  UserExport,
} from "./repository.js";

export interface Database {
  users: { id: string; email: string; password_hash: string; created_at: string };
  sessions: { token_hash: string; user_id: string; expires_at: string };
  interviews: {
    id: string;
    owner_id: string | null;
    lang: string;
    state: string;
    revision: number;
    created_at: string;
    updated_at: string;
  };
  assessments: {
    id: string;
    user_id: string;
    interview_id: string | null;
    case_json: string;
    result_json: string;
    created_at: string;
  };
  diary_entries: {
    id: string;
    user_id: string;
    kind: string;
    date: string;
    data_json: string;
    revision: number;
    created_at: string;
    updated_at: string;
  };
  saved_results: {
    user_id: string;
    id: string;
    revision: number;
    body_json: string;
    created_at: string;
    updated_at: string;
  };
  login_failures: { key: string; at: string };
}

/** What differs between the databases after a deletion, and how to read their settings. */
export interface Maintenance {
  /**
   * Overwrites what was just deleted from these tables, as far as the database allows. `what`: a whole
   * account, one row (a diary entry) or the retention purge; PostgreSQL vacuums only for an account, where
   * the cost is worth it.
   */
  erase(tables: string[], what: "account" | "row" | "purge"): Promise<void>;
  settings(): Promise<Record<string, string | number>>;
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

const assessmentRow = (a: StoredAssessment): Database["assessments"] => ({
  id: a.id,
  user_id: a.user_id,
  interview_id: a.interview_id,
  case_json: JSON.stringify(a.case),
  result_json: JSON.stringify(a.result),
  created_at: a.created_at,
});

const toEntry = (r: Selectable<Database["diary_entries"]>): Entry => ({
  ...(JSON.parse(r.data_json) as EntryData),
  id: r.id,
});
const toStoredEntry = (r: Selectable<Database["diary_entries"]>): StoredEntry => ({
  ...toEntry(r),
  revision: Number(r.revision),
});

const toSavedResult = (r: Selectable<Database["saved_results"]>): SavedResult => ({
  id: r.id,
  revision: Number(r.revision),
  created_at: r.created_at,
  updated_at: r.updated_at,
  body: JSON.parse(r.body_json) as unknown,
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
    private readonly maintenance: Maintenance,
  ) {}

  async createUser(user: {
    id: string;
    email: string;
    password_hash: string;
    created_at: string;
  }): Promise<"created" | "email_taken"> {
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

  async deleteUser(id: string, loginKey?: string): Promise<void> {
    // Explicit deletes in one transaction: the result does not depend on foreign-key settings.
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom("diary_entries").where("user_id", "=", id).execute();
      await tx.deleteFrom("saved_results").where("user_id", "=", id).execute();
      await tx.deleteFrom("assessments").where("user_id", "=", id).execute();
      await tx.deleteFrom("interviews").where("owner_id", "=", id).execute();
      await tx.deleteFrom("sessions").where("user_id", "=", id).execute();
      if (loginKey) await tx.deleteFrom("login_failures").where("key", "=", loginKey).execute();
      await tx.deleteFrom("users").where("id", "=", id).execute();
    });
    await this.maintenance.erase(
      ["diary_entries", "saved_results", "assessments", "interviews", "sessions", "login_failures", "users"],
      "account",
    );
  }

  async createSession(session: { token_hash: string; user_id: string; expires_at: string }): Promise<void> {
    await this.db.insertInto("sessions").values(session).execute();
  }

  async findSession(tokenHash: string, now: string): Promise<{ user_id: string } | undefined> {
    return this.db
      .selectFrom("sessions")
      .select("user_id")
      .where("token_hash", "=", tokenHash)
      .where("expires_at", ">", now)
      .executeTakeFirst();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
  }

  async createInterview(i: Omit<StoredInterview, "revision">): Promise<StoredInterview> {
    const row = {
      id: i.id,
      owner_id: i.owner_id,
      lang: i.lang,
      state: JSON.stringify(i.state),
      revision: 0,
      created_at: i.created_at,
      updated_at: i.updated_at,
    };
    await this.db.insertInto("interviews").values(row).execute();
    return { ...i, revision: 0 };
  }

  async getInterview(id: string): Promise<StoredInterview | undefined> {
    const r = await this.db.selectFrom("interviews").selectAll().where("id", "=", id).executeTakeFirst();
    return r ? toInterview(r) : undefined;
  }

  async updateInterview(
    id: string,
    revision: number,
    state: InterviewState,
    updatedAt: string,
    finished?: StoredAssessment,
  ): Promise<StoredInterview | "conflict"> {
    return this.db.transaction().execute(async (tx) => {
      // The revision check and the write are one statement, so two instances cannot both win.
      const r = await tx
        .updateTable("interviews")
        .set({ state: JSON.stringify(state), revision: revision + 1, updated_at: updatedAt })
        .where("id", "=", id)
        .where("revision", "=", revision)
        .returning(["owner_id", "lang", "created_at"])
        .executeTakeFirst();
      if (!r) return "conflict" as const;
      if (finished) {
        // One history entry per interview: finishing it again (after going back) replaces the entry.
        await tx.deleteFrom("assessments").where("interview_id", "=", id).execute();
        await tx.insertInto("assessments").values(assessmentRow(finished)).execute();
      }
      return {
        id,
        owner_id: r.owner_id,
        lang: r.lang,
        state,
        revision: revision + 1,
        created_at: r.created_at,
        updated_at: updatedAt,
      };
    });
  }

  async saveAssessment(a: StoredAssessment): Promise<void> {
    await this.db.insertInto("assessments").values(assessmentRow(a)).execute();
  }

  async listAssessments(userId: string): Promise<StoredAssessment[]> {
    const rows = await this.db
      .selectFrom("assessments")
      .selectAll()
      .where("user_id", "=", userId)
      .orderBy("created_at", "desc")
      .orderBy("id")
      .execute();
    return rows.map(toAssessment);
  }

  async listDiary(userId: string): Promise<Entry[]> {
    const rows = await this.db
      .selectFrom("diary_entries")
      .selectAll()
      .where("user_id", "=", userId)
      .orderBy("date")
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    return rows.map(toEntry);
  }

  async listDiaryPage(
    userId: string,
    limit: number,
    offset: number,
  ): Promise<{ entries: StoredEntry[]; total: number }> {
    const count = await this.db
      .selectFrom("diary_entries")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("user_id", "=", userId)
      .executeTakeFirstOrThrow();
    const rows = await this.db
      .selectFrom("diary_entries")
      .selectAll()
      .where("user_id", "=", userId)
      .orderBy("date", "desc")
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(limit)
      .offset(offset)
      .execute();
    return { entries: rows.reverse().map(toStoredEntry), total: Number(count.n) };
  }

  async getDiaryEntry(userId: string, id: string): Promise<StoredEntry | undefined> {
    const r = await this.db
      .selectFrom("diary_entries")
      .selectAll()
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return r ? toStoredEntry(r) : undefined;
  }

  async addDiaryEntries(
    userId: string,
    entries: Entry[],
    now: string,
    maxEntries?: number,
  ): Promise<"added" | "quota"> {
    if (entries.length === 0) return "added";
    const rows = entries.map(({ id, ...data }) => ({
      id,
      user_id: userId,
      kind: data.kind,
      date: data.date,
      data_json: JSON.stringify(data),
      revision: 1,
      created_at: now,
      updated_at: now,
    }));
    return this.db.transaction().execute(async (tx) => {
      if (maxEntries !== undefined) {
        const c = await tx
          .selectFrom("diary_entries")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("user_id", "=", userId)
          .executeTakeFirstOrThrow();
        if (Number(c.n) + rows.length > maxEntries) return "quota" as const;
      }
      for (const row of rows) await tx.insertInto("diary_entries").values(row).execute();
      return "added" as const;
    });
  }

  async updateDiaryEntry(userId: string, id: string, data: EntryData, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable("diary_entries")
      .set((eb) => ({
        kind: data.kind,
        date: data.date,
        data_json: JSON.stringify(data),
        revision: eb("revision", "+", 1),
        updated_at: now,
      }))
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deleteDiaryEntry(userId: string, id: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom("diary_entries")
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    const deleted = Number(r.numDeletedRows) === 1;
    if (deleted) await this.maintenance.erase(["diary_entries"], "row");
    return deleted;
  }

  async putDiaryEntry(
    userId: string,
    id: string,
    baseRevision: number,
    data: EntryData,
    now: string,
    maxEntries?: number,
  ): Promise<PutOutcome<StoredEntry>> {
    const text = JSON.stringify(data);
    const same = (e: StoredEntry): boolean => {
      const { id: _id, revision: _r, ...stored } = e;
      return canonicalJson(stored) === canonicalJson(data);
    };
    return this.putRevisioned<StoredEntry>({
      get: () => this.getDiaryEntry(userId, id),
      same,
      update: async (base) => {
        const r = await this.db
          .updateTable("diary_entries")
          .set({ kind: data.kind, date: data.date, data_json: text, revision: base + 1, updated_at: now })
          .where("id", "=", id)
          .where("user_id", "=", userId)
          .where("revision", "=", base)
          .executeTakeFirst();
        return Number(r.numUpdatedRows) === 1 ? { ...data, id, revision: base + 1 } : undefined;
      },
      insert: () =>
        this.db.transaction().execute(async (tx) => {
          if (maxEntries !== undefined) {
            const c = await tx
              .selectFrom("diary_entries")
              .select((eb) => eb.fn.countAll().as("n"))
              .where("user_id", "=", userId)
              .executeTakeFirstOrThrow();
            if (Number(c.n) >= maxEntries) return "quota" as const;
          }
          await tx
            .insertInto("diary_entries")
            .values({
              id,
              user_id: userId,
              kind: data.kind,
              date: data.date,
              data_json: text,
              revision: 1,
              created_at: now,
              updated_at: now,
            })
            .execute();
          return "inserted" as const;
        }),
      baseRevision,
      // Diary ids are the table's key across all accounts: a collision with someone else's is "id_taken".
      takenElsewhere: true,
    });
  }

  async deleteDiaryEntryAt(userId: string, id: string, baseRevision: number): Promise<DeleteOutcome<StoredEntry>> {
    const r = await this.db
      .deleteFrom("diary_entries")
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .where("revision", "=", baseRevision)
      .executeTakeFirst();
    if (Number(r.numDeletedRows) === 1) {
      await this.maintenance.erase(["diary_entries"], "row");
      return { status: "deleted" };
    }
    const current = await this.getDiaryEntry(userId, id);
    return current ? { status: "conflict", current } : { status: "absent" };
  }

  async listSavedResults(userId: string): Promise<SavedResult[]> {
    const rows = await this.db
      .selectFrom("saved_results")
      .selectAll()
      .where("user_id", "=", userId)
      .orderBy("created_at", "desc")
      .orderBy("id")
      .execute();
    return rows.map(toSavedResult);
  }

  async getSavedResult(userId: string, id: string): Promise<SavedResult | undefined> {
    const r = await this.db
      .selectFrom("saved_results")
      .selectAll()
      .where("user_id", "=", userId)
      .where("id", "=", id)
      .executeTakeFirst();
    return r ? toSavedResult(r) : undefined;
  }

  async putSavedResult(
    userId: string,
    id: string,
    baseRevision: number,
    body: unknown,
    now: string,
    maxResults: number,
  ): Promise<PutOutcome<SavedResult>> {
    const text = canonicalJson(body);
    return this.putRevisioned<SavedResult>({
      get: () => this.getSavedResult(userId, id),
      same: (r) => canonicalJson(r.body) === text,
      update: async (base, current) => {
        const r = await this.db
          .updateTable("saved_results")
          .set({ body_json: text, revision: base + 1, updated_at: now })
          .where("user_id", "=", userId)
          .where("id", "=", id)
          .where("revision", "=", base)
          .executeTakeFirst();
        return Number(r.numUpdatedRows) === 1
          ? { ...current, body: JSON.parse(text) as unknown, revision: base + 1, updated_at: now }
          : undefined;
      },
      insert: () =>
        this.db.transaction().execute(async (tx) => {
          const c = await tx
            .selectFrom("saved_results")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("user_id", "=", userId)
            .executeTakeFirstOrThrow();
          if (Number(c.n) >= maxResults) return "quota" as const;
          await tx
            .insertInto("saved_results")
            .values({ user_id: userId, id, revision: 1, body_json: text, created_at: now, updated_at: now })
            .execute();
          return "inserted" as const;
        }),
      baseRevision,
      takenElsewhere: false,
    });
  }

  async deleteSavedResult(userId: string, id: string, baseRevision?: number): Promise<DeleteOutcome<SavedResult>> {
    let q = this.db.deleteFrom("saved_results").where("user_id", "=", userId).where("id", "=", id);
    if (baseRevision !== undefined) q = q.where("revision", "=", baseRevision);
    const r = await q.executeTakeFirst();
    if (Number(r.numDeletedRows) === 1) {
      await this.maintenance.erase(["saved_results"], "row");
      return { status: "deleted" };
    }
    const current = baseRevision === undefined ? undefined : await this.getSavedResult(userId, id);
    return current ? { status: "conflict", current } : { status: "absent" };
  }

  /**
   * The one algorithm behind every revisioned write. The revision check and the write are one statement
   * (UPDATE ... WHERE revision = base; INSERT of a key that must not exist), so two writers on two
   * instances cannot both win: the loser reads the record again and answers from what it finds.
   */
  private async putRevisioned<T extends { revision: number }>(op: {
    get: () => Promise<T | undefined>;
    same: (current: T) => boolean;
    /** Writes if the stored revision is still `base`; the record as written, or undefined when it was not. */
    update: (base: number, current: T) => Promise<T | undefined>;
    insert: () => Promise<"inserted" | "quota">;
    baseRevision: number;
    takenElsewhere: boolean;
  }): Promise<PutOutcome<T>> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await op.get();
      if (current) {
        if (op.same(current)) return { status: "unchanged", record: current };
        if (current.revision !== op.baseRevision) return { status: "conflict", current };
        const written = await op.update(op.baseRevision, current);
        if (written) return { status: "updated", record: written };
        continue; // changed between the read and the write: read again
      }
      if (op.baseRevision !== 0) return { status: "absent" };
      try {
        if ((await op.insert()) === "quota") return { status: "quota" };
        const created = await op.get();
        if (created) return { status: "created", record: created };
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        // Another writer created it meanwhile (read again), or the id belongs to another account.
        if (op.takenElsewhere && !(await op.get())) return { status: "id_taken" };
      }
    }
    const current = await op.get();
    return current ? { status: "conflict", current } : { status: "absent" };
  }

  async exportUser(userId: string): Promise<UserExport | undefined> {
    const user = await this.findUser(userId);
    if (!user) return undefined;
    const interviews = (
      await this.db.selectFrom("interviews").selectAll().where("owner_id", "=", userId).orderBy("created_at").execute()
    ).map(toInterview);
    const diary = (
      await this.db
        .selectFrom("diary_entries")
        .selectAll()
        .where("user_id", "=", userId)
        .orderBy("date")
        .orderBy("created_at")
        .orderBy("id")
        .execute()
    ).map(toStoredEntry);
    return {
      user,
      interviews,
      assessments: await this.listAssessments(userId),
      diary,
      saved_results: await this.listSavedResults(userId),
    };
  }

  async recordLoginFailure(key: string, at: string): Promise<void> {
    await this.db.insertInto("login_failures").values({ key, at }).execute();
  }

  async countLoginFailures(key: string, since: string): Promise<number> {
    const r = await this.db
      .selectFrom("login_failures")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("key", "=", key)
      .where("at", ">", since)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async clearLoginFailures(key: string): Promise<void> {
    await this.db.deleteFrom("login_failures").where("key", "=", key).execute();
  }

  async purge(
    now: string,
    interviewsBefore: string,
    failuresBefore: string,
  ): Promise<{ interviews: number; sessions: number; login_failures: number }> {
    const i = await this.db
      .deleteFrom("interviews")
      .where("owner_id", "is", null)
      .where("updated_at", "<", interviewsBefore)
      .executeTakeFirst();
    const s = await this.db.deleteFrom("sessions").where("expires_at", "<=", now).executeTakeFirst();
    const f = await this.db.deleteFrom("login_failures").where("at", "<", failuresBefore).executeTakeFirst();
    const counts = {
      interviews: Number(i.numDeletedRows),
      sessions: Number(s.numDeletedRows),
      login_failures: Number(f.numDeletedRows),
    };
    if (counts.interviews + counts.sessions + counts.login_failures > 0)
      await this.maintenance.erase(["interviews", "sessions", "login_failures"], "purge");
    return counts;
  }

  settings(): Promise<Record<string, string | number>> {
    return this.maintenance.settings();
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
