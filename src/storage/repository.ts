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

/** A diary entry as stored, with the revision a client must name to change it. */
export type StoredEntry = Entry & { revision: number };

/**
 * A result the person saved from the browser: what the device computed (case, result, language, knowledge
 * version), kept as the client sent it. `revision` is 1 when created and grows with every change.
 */
export interface SavedResult {
  id: string;
  revision: number;
  created_at: string;
  updated_at: string;
  body: unknown;
}

/**
 * The outcome of a write that names the revision it was based on. "unchanged": the stored content is
 * already exactly this (a retry whose first answer was lost); nothing was written. "conflict": the stored
 * record has another revision and content; `current` is it. "absent": it does not exist (and the write did
 * not create it). "quota": creating it would pass the account's limit. "id_taken": the id is used by
 * another account (diary ids are unique across the server).
 */
export type PutOutcome<T> =
  | { status: "created" | "updated" | "unchanged"; record: T }
  | { status: "conflict"; current: T }
  | { status: "absent" | "quota" | "id_taken" };

/** A delete that may name the revision it was based on. */
export type DeleteOutcome<T> = { status: "deleted" | "absent" } | { status: "conflict"; current: T };

export interface UserExport {
  user: User;
  interviews: StoredInterview[];
  assessments: StoredAssessment[];
  diary: StoredEntry[];
  saved_results: SavedResult[];
}

/**
 * Everything the server stores, behind one interface. Implementations: SQLite (the embedded default)
 * and PostgreSQL (for several server instances); `repository.contract.ts` runs one suite against both.
 * Every method resolves only after the write is durable.
 */
export interface Repository {
  readonly kind: "sqlite" | "postgres";

  createUser(user: {
    id: string;
    email: string;
    password_hash: string;
    created_at: string;
  }): Promise<"created" | "email_taken">;
  findUserByEmail(email: string): Promise<(User & { password_hash: string }) | undefined>;
  findUser(id: string): Promise<User | undefined>;
  /**
   * Deletes the account and everything in it: sessions, interviews, assessments, diary, saved results,
   * failed logins.
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
  updateInterview(
    id: string,
    revision: number,
    state: InterviewState,
    updatedAt: string,
    finished?: StoredAssessment,
  ): Promise<StoredInterview | "conflict">;

  saveAssessment(a: StoredAssessment): Promise<void>;
  listAssessments(userId: string): Promise<StoredAssessment[]>;

  /** The user's diary, oldest first. */
  listDiary(userId: string): Promise<Entry[]>;
  /** One page of the diary: the `limit` entries before the newest `offset` ones, oldest first, and the total. */
  listDiaryPage(userId: string, limit: number, offset: number): Promise<{ entries: StoredEntry[]; total: number }>;
  getDiaryEntry(userId: string, id: string): Promise<StoredEntry | undefined>;
  /**
   * Adds entries all together or none (an import is one transaction). With `maxEntries`, refuses the lot
   * ("quota") when the diary would then hold more.
   */
  addDiaryEntries(userId: string, entries: Entry[], now: string, maxEntries?: number): Promise<"added" | "quota">;
  /** A blind write (no revision named): changes the entry if it exists, and counts its revision up. */
  updateDiaryEntry(userId: string, id: string, data: EntryData, now: string): Promise<boolean>;
  deleteDiaryEntry(userId: string, id: string): Promise<boolean>;
  /**
   * Writes an entry the client named by id, based on `baseRevision` (0: the client never had a server copy,
   * so it is created if absent). See PutOutcome; with `maxEntries`, a creation past it is "quota".
   */
  putDiaryEntry(
    userId: string,
    id: string,
    baseRevision: number,
    data: EntryData,
    now: string,
    maxEntries?: number,
  ): Promise<PutOutcome<StoredEntry>>;
  /** Deletes an entry if its revision is still `baseRevision`. */
  deleteDiaryEntryAt(userId: string, id: string, baseRevision: number): Promise<DeleteOutcome<StoredEntry>>;

  /** The account's saved results, newest first. */
  listSavedResults(userId: string): Promise<SavedResult[]>;
  getSavedResult(userId: string, id: string): Promise<SavedResult | undefined>;
  /** Creates (base 0, absent) or changes (base = current) a saved result; see PutOutcome. */
  putSavedResult(
    userId: string,
    id: string,
    baseRevision: number,
    body: unknown,
    now: string,
    maxResults: number,
  ): Promise<PutOutcome<SavedResult>>;
  /** Deletes a saved result; with `baseRevision`, only if that is still its revision. */
  deleteSavedResult(userId: string, id: string, baseRevision?: number): Promise<DeleteOutcome<SavedResult>>;

  exportUser(userId: string): Promise<UserExport | undefined>;

  /** A failed login for an account key (a hash of the e-mail), and how many since a time. */
  recordLoginFailure(key: string, at: string): Promise<void>;
  countLoginFailures(key: string, since: string): Promise<number>;
  clearLoginFailures(key: string): Promise<void>;

  /**
   * Retention: deletes anonymous interviews not changed since `interviewsBefore`, expired sessions and
   * failed logins older than `failuresBefore`, then erases them like a deletion.
   */
  purge(
    now: string,
    interviewsBefore: string,
    failuresBefore: string,
  ): Promise<{ interviews: number; sessions: number; login_failures: number }>;

  /** The storage's own settings as it runs (SQLite pragmas; PostgreSQL's commit setting and schema). */
  settings(): Promise<Record<string, string | number>>;
  close(): Promise<void>;
}
