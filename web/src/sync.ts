import { h } from "./kernel";
import type { LocalResult } from "./types";

/** "Save to my account": filled in once the sync API is settled (see /work/notes/sync-api.md). */
export async function syncSection(_results: LocalResult[], _redraw: () => void): Promise<HTMLElement> {
  return h("div");
}
