import { ApiError, OfflineError, postJson, putJson } from "./kernel";
import { dbAll, dbDelete, dbPut } from "./local/db";
import { errorText } from "./errors";

/**
 * Diary entries kept on this device (IndexedDB, store `diary`) until they are in the account: made while
 * logged out or offline, or an edit that could not reach the server. Each has the id the account will
 * know it by (a UUID made here, once), so sending it again after a lost answer never makes a duplicate
 * (the sync API answers a retry with the same content as a success). Once the server has it, it leaves
 * this store: the account's diary is then the one copy. See /work/notes/sync-api.md.
 */
export interface LocalDiaryEntry {
  id: string;
  /** The entry's fields as the forms make them ({ kind, date, ... }), without id and revision. */
  entry: Record<string, unknown>;
  /** An edit of an entry of the account: the revision it was made on (a newer one there is a conflict). */
  base_revision?: number;
  created_at: string;
  updated_at: string;
}

/** The account's copy of an entry, as a 409 carries it in `current`. */
export type AccountEntry = { id: string; revision: number } & Record<string, unknown>;

export interface DiaryConflict {
  local: LocalDiaryEntry;
  current: AccountEntry;
}

export interface UploadOutcome {
  saved: number;
  conflicts: DiaryConflict[];
  /** Entries the server refused (a sentence each), kept here so nothing is lost. */
  refused: { local: LocalDiaryEntry; message: string }[];
  /** Set when the connection failed: the rest stays here for the next try. */
  offline: boolean;
}

const byDate = (a: LocalDiaryEntry, b: LocalDiaryEntry): number =>
  String(a.entry["date"]).localeCompare(String(b.entry["date"])) || a.created_at.localeCompare(b.created_at);

export const localEntries = async (): Promise<LocalDiaryEntry[]> =>
  (await dbAll<LocalDiaryEntry>("diary")).sort(byDate);

/** Keeps a new entry, or a changed one (same id), on this device. */
export async function keepLocally(
  entry: Record<string, unknown>,
  id: string = crypto.randomUUID(),
  base_revision?: number,
  created_at?: string,
): Promise<void> {
  const now = new Date().toISOString();
  await dbPut("diary", {
    id,
    entry,
    ...(base_revision !== undefined ? { base_revision } : {}),
    created_at: created_at ?? now,
    updated_at: now,
  } satisfies LocalDiaryEntry);
}

export const forgetLocal = (id: string): Promise<unknown> => dbDelete("diary", id);

/** One entry to the account: a new one by POST with its id, an edit by PUT on the revision it was made on. */
async function send(l: LocalDiaryEntry, base = l.base_revision): Promise<void> {
  if (base === undefined) await postJson(`/api/diary/entries`, { id: l.id, ...l.entry });
  else await putJson(`/api/diary/entries/${l.id}`, { ...l.entry, base_revision: base });
  await forgetLocal(l.id);
}

/** Sends every entry kept here, one request each, oldest first; what the server answers decides what stays. */
export async function uploadLocal(): Promise<UploadOutcome> {
  const out: UploadOutcome = { saved: 0, conflicts: [], refused: [], offline: false };
  for (const l of await localEntries()) {
    try {
      try {
        await send(l);
      } catch (e) {
        // Another account uses this id (practically never): the entry is new, so it takes a new one.
        if (!(e instanceof ApiError && e.body?.problems?.[0]?.code === "id_taken") || l.base_revision !== undefined)
          throw e;
        const renamed = { ...l, id: crypto.randomUUID() };
        await dbPut("diary", renamed);
        await forgetLocal(l.id);
        await send(renamed);
      }
      out.saved++;
    } catch (e) {
      const current = e instanceof ApiError ? (e.body as { current?: AccountEntry } | undefined)?.current : undefined;
      if (e instanceof OfflineError) {
        out.offline = true;
        break;
      }
      if (e instanceof ApiError && e.status === 409 && current) out.conflicts.push({ local: l, current });
      else out.refused.push({ local: l, message: errorText(e) });
    }
  }
  return out;
}

/** The person keeps this device's version: written over the account's revision they have just seen. */
export const keepMine = (c: DiaryConflict): Promise<void> => send(c.local, c.current.revision);

/** The person keeps the account's version: this device's one is dropped. */
export const keepTheirs = async (c: DiaryConflict): Promise<void> => {
  await forgetLocal(c.local.id);
};
