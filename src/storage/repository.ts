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
  /** Deletes the account and everything in it: sessions, interviews, assessments. */
  deleteUser(id: string): Promise<void>;

  createSession(session: { token_hash: string; user_id: string; expires_at: string }): Promise<void>;
  /** The user of a live session; expired sessions count as absent. */
  findSession(tokenHash: string, now: string): Promise<{ user_id: string } | undefined>;
  deleteSession(tokenHash: string): Promise<void>;

  createInterview(interview: Omit<StoredInterview, "revision">): Promise<StoredInterview>;
  getInterview(id: string): Promise<StoredInterview | undefined>;
  /** Writes a new state if the stored revision is still `revision`; otherwise "conflict". */
  updateInterview(id: string, revision: number, state: InterviewState, updatedAt: string): Promise<StoredInterview | "conflict">;

  saveAssessment(a: StoredAssessment): Promise<void>;
  listAssessments(userId: string): Promise<StoredAssessment[]>;

  /** The user's diary, oldest first. */
  listDiary(userId: string): Promise<Entry[]>;
  /** Adds entries all together or none (an import is one transaction). */
  addDiaryEntries(userId: string, entries: Entry[], now: string): Promise<void>;
  updateDiaryEntry(userId: string, id: string, data: EntryData, now: string): Promise<boolean>;
  deleteDiaryEntry(userId: string, id: string): Promise<boolean>;

  exportUser(userId: string): Promise<UserExport | undefined>;
  close(): Promise<void>;
}
