import type { Interview, Source, User } from "./types";

/**
 * What the screens share: the running interview, the logged-in person, the sources. One object, so a
 * screen file imports it instead of passing state around; nothing here touches the page.
 */
export const store: {
  interview: Interview | undefined;
  user: User | undefined;
  sources: Source[];
  /** A logged-in person following pain in the diary is reminded when a check-in is due. */
  checkinDue: boolean;
  /** Set when a saved interview could not continue because the knowledge changed (shown on the start page). */
  restarted: boolean;
  /**
   * Answers undone by Back, newest last: browser Forward sends them again, so Back then Forward returns
   * to where the person was. A different answer makes them stale, and they are dropped.
   */
  redo: { question: string; answer: unknown }[];
} = { interview: undefined, user: undefined, sources: [], checkinDue: false, restarted: false, redo: [] };

/**
 * localStorage key of a small marker, "an interview is in progress on this device" (its id and whether it
 * is finished), so the start page offers Continue at once; the interview itself is in IndexedDB.
 */
export const SAVED = "backcheck.interview";

export interface Marker {
  id: string;
  done: boolean;
  /** The knowledge version the interview runs on. */
  version: string;
}

export function savedMarker(): Marker | undefined {
  try {
    const m = JSON.parse(localStorage.getItem(SAVED) ?? "null") as Partial<Marker> | null;
    return m && typeof m.id === "string" ? { id: m.id, done: m.done === true, version: String(m.version) } : undefined;
  } catch {
    return undefined;
  }
}
