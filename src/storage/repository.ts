import type { Entry, EntryData } from "../diary/entries.js";
import type { InterviewState } from "../interview/state.js";

/** An account. The password hash never leaves the storage and auth modules. */
export interface User {
  id: string;
  email: string;
  created_at: string;
}

export interface StoredInterview {
  id: string;
  /** null: started without an account; anyone holding the (unguessable) id may continue it. */
  owner_id: string | null;
  lang: string;
  state: InterviewState;
  /** Increases with every change, so two writers cannot silently overwrite each other. */
  revision: number;
  created_at: string;
  updated_at: string;
}

export interface StoredAssessment {
  id: string;
  user_id: string;
  interview_id: string | null;
  case: unknown;
  result: unknown;
  created_at: string;
}

export interface UserExport {
  user: User;
  interviews: StoredInterview[];
  assessments: StoredAssessment[];
  diary: Entry[];
}

/**
 * Everything the server stores, behind one interface. Implementations: SQLite (the embedded default)
 * and PostgreSQL (for several server instances); `repository.contract.ts` runs one suite against both.
 * Every method resolves only after the write is durable.
 */
export interface Repository {
  readonly kind: "sqlite" | "postgres";

  createUser(user: { id: string; email: string; password_hash: string; created_at: string }): Promise<"created" | "email_taken">;
  findUserByEmail(email: string): Promise<(User & { password_hash: string }) | undefined>;
  findUser(id: string): Promise<User | undefined>;
  /**
   * Deletes the account and everything in it: sessions, interviews, assessments, diary, failed logins.
   * The deleted bytes are then overwritten where the database allows it (see `erase` in open-repository.ts).
   */
  deleteUser(id: string, loginKey?: string): Promise<void>;

  createSession(session: { token_hash: string; user_id: string; expires_at: string }): Promise<void>;
  /** The user of a live session; expired sessions count as absent. */
  findSession(tokenHash: string, now: string): Promise<{ user_id: string } | undefined>;
  deleteSession(tokenHash: string): Promise<void>;

  createInterview(interview: Omit<StoredInterview, "revision">): Promise<StoredInterview>;
  getInterview(id: string): Promise<StoredInterview | undefined>;
  /**
   * Writes a new state if the stored revision is still `revision`; otherwise "conflict". With `finished`,
   * the interview's one history entry is written (or replaced) in the same transaction.
   */
  updateInterview(id: string, revision: number, state: InterviewState, updatedAt: string, finished?: StoredAssessment): Promise<StoredInterview | "conflict">;

  saveAssessment(a: StoredAssessment): Promise<void>;
  listAssessments(userId: string): Promise<StoredAssessment[]>;

  /** The user's diary, oldest first. */
  listDiary(userId: string): Promise<Entry[]>;
  /** One page of the diary: the `limit` entries before the newest `offset` ones, oldest first, and the total. */
  listDiaryPage(userId: string, limit: number, offset: number): Promise<{ entries: Entry[]; total: number }>;
  getDiaryEntry(userId: string, id: string): Promise<Entry | undefined>;
  /**
   * Adds entries all together or none (an import is one transaction). With `maxEntries`, refuses the lot
   * ("quota") when the diary would then hold more.
   */
  addDiaryEntries(userId: string, entries: Entry[], now: string, maxEntries?: number): Promise<"added" | "quota">;
  updateDiaryEntry(userId: string, id: string, data: EntryData, now: string): Promise<boolean>;
  deleteDiaryEntry(userId: string, id: string): Promise<boolean>;

  exportUser(userId: string): Promise<UserExport | undefined>;

  /** A failed login for an account key (a hash of the e-mail), and how many since a time. */
  recordLoginFailure(key: string, at: string): Promise<void>;
  countLoginFailures(key: string, since: string): Promise<number>;
  clearLoginFailures(key: string): Promise<void>;

  /**
   * Retention: deletes anonymous interviews not changed since `interviewsBefore`, expired sessions and
   * failed logins older than `failuresBefore`, then erases them like a deletion.
   */
  purge(now: string, interviewsBefore: string, failuresBefore: string): Promise<{ interviews: number; sessions: number; login_failures: number }>;

  /** The storage's own settings as it runs (SQLite pragmas; PostgreSQL's commit setting and schema). */
  settings(): Promise<Record<string, string | number>>;
  close(): Promise<void>;
}
