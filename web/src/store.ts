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
  /**
   * Answers undone by Back, newest last: browser Forward sends them again, so Back then Forward returns
   * to where the person was. A different answer makes them stale, and they are dropped.
   */
  redo: { question: string; answer: unknown }[];
} = { interview: undefined, user: undefined, sources: [], checkinDue: false, redo: [] };

/** localStorage keys: the interview to resume, an answer waiting for the connection. */
export const SAVED = "backcheck.interview";
export const PENDING = "backcheck.pending";
