import type { TextKey } from "../../src/knowledge/text-key";
import { ApiError, dateLocale, h, has, OfflineError, putJson, t } from "./kernel";
import { dbPut } from "./local/db";
import type { LocalResult, Result } from "./types";

/**
 * "Save to my account": results kept on this device go to the logged-in person's account (the sync API,
 * PUT /api/results/:id, see /work/notes/sync-api.md). Each carries the revision this device last got from
 * the server; the server refuses a write over a newer one (409 with its copy), and then the person sees
 * both and chooses: never a silent overwrite either way.
 */
export interface Saved {
  id: string;
  revision: number;
  created_at: string;
  updated_at: string;
  body: { case: Record<string, unknown>; result: Result; lang: string; knowledge_version: string; created_at?: string };
}
interface Conflict {
  local: LocalResult;
  current: Saved;
}
type Outcome = { saved: number; conflicts: Conflict[]; gone: LocalResult[]; failed: string | undefined };

const body = (r: LocalResult): Saved["body"] => ({
  case: r.case,
  result: r.result,
  lang: r.lang,
  knowledge_version: r.knowledge_version,
  created_at: r.created_at,
});

const needsSaving = (r: LocalResult): boolean => r.server_revision === undefined || r.dirty === true;

/** A problem code worded for the person (the sync API's own texts when present, else a general one). */
const problem = (code: string | undefined, fallback: TextKey): string => {
  const key = `err.${code}`;
  return code && has(key) ? t(key) : t(fallback);
};

/** Sends one result; the server's answer decides what this device records. */
async function put(r: LocalResult, base: number, out: Outcome): Promise<void> {
  try {
    const saved = await putJson<{ id: string; revision: number }>(`/api/results/${r.id}`, {
      base_revision: base,
      body: body(r),
    });
    const { dirty: _dirty, ...rest } = r;
    await dbPut("results", { ...rest, server_revision: saved.revision } satisfies LocalResult);
    out.saved++;
  } catch (e) {
    const current = e instanceof ApiError ? (e.body as { current?: Saved } | undefined)?.current : undefined;
    if (e instanceof ApiError && e.status === 409 && current) out.conflicts.push({ local: r, current });
    else if (e instanceof ApiError && e.status === 404) out.gone.push(r);
    else
      out.failed =
        e instanceof OfflineError
          ? t("web.offline")
          : problem(e instanceof ApiError ? e.body?.problems?.[0]?.code : undefined, "web.sync_failed");
  }
}

const summary = (b: { created_at?: string; result: Result }, fallbackDate: string): string =>
  `${new Date(b.created_at ?? fallbackDate).toLocaleString(dateLocale(), { dateStyle: "medium", timeStyle: "short" })} · ${t(`triage.${b.result.triage}.label`)} · ${t(`condition.${b.result.conditions[0]?.id ?? ""}.name`)}`;

/** Both versions side by side, and the person's choice. */
function conflictBox(c: Conflict, redraw: () => void): HTMLElement {
  const keepMine = async (): Promise<void> => {
    const out: Outcome = { saved: 0, conflicts: [], gone: [], failed: undefined };
    // Saving over the account's copy is what the person chose: on top of the revision they have just seen.
    await put(c.local, c.current.revision, out);
    redraw();
  };
  const keepTheirs = async (): Promise<void> => {
    const b = c.current.body;
    await dbPut("results", {
      ...c.local,
      case: b.case,
      result: b.result,
      lang: b.lang,
      knowledge_version: b.knowledge_version,
      created_at: b.created_at ?? c.local.created_at,
      updated_at: c.current.updated_at,
      server_revision: c.current.revision,
      dirty: false,
    } satisfies LocalResult);
    redraw();
  };
  return h(
    "div",
    { class: "conflict note", role: "alert", "data-id": c.local.id },
    h("p", {}, h("strong", {}, t("web.sync_conflict"))),
    h("p", {}, `${t("web.sync_this_device")}: ${summary(c.local, c.local.created_at)}`),
    h("p", {}, `${t("web.sync_in_account")}: ${summary(c.current.body, c.current.created_at)}`),
    h(
      "div",
      { class: "row" },
      h(
        "button",
        { class: "btn small", type: "button", "data-keep": "mine", onclick: () => void keepMine() },
        t("web.sync_keep_mine"),
      ),
      h(
        "button",
        { class: "btn small", type: "button", "data-keep": "theirs", onclick: () => void keepTheirs() },
        t("web.sync_keep_theirs"),
      ),
    ),
  );
}

/** A result deleted from the account on another device: save it again, or leave it on this device only. */
function goneBox(r: LocalResult, redraw: () => void): HTMLElement {
  const again = async (): Promise<void> => {
    const { server_revision: _rev, dirty: _dirty, ...rest } = r;
    const out: Outcome = { saved: 0, conflicts: [], gone: [], failed: undefined };
    await put(rest, 0, out);
    redraw();
  };
  const keepLocal = async (): Promise<void> => {
    const { server_revision: _rev, dirty: _dirty, ...rest } = r;
    await dbPut("results", rest satisfies LocalResult);
    redraw();
  };
  return h(
    "div",
    { class: "conflict note", role: "alert", "data-id": r.id },
    h("p", {}, problem("sync_gone", "web.sync_gone"), " ", summary(r, r.created_at)),
    h(
      "div",
      { class: "row" },
      h(
        "button",
        { class: "btn small", type: "button", "data-gone": "save", onclick: () => void again() },
        t("web.sync_save_again"),
      ),
      h(
        "button",
        { class: "btn small", type: "button", "data-gone": "local", onclick: () => void keepLocal() },
        t("web.sync_device_only"),
      ),
    ),
  );
}

/** The account part of "My results on this device", for a logged-in person. */
export async function syncSection(results: LocalResult[], redraw: () => void): Promise<HTMLElement> {
  const status = h("p", { role: "status", id: "sync-status" });
  const problems = h("div", { id: "sync-problems" });
  const pending = results.filter(needsSaving);
  const save = async (): Promise<void> => {
    button.setAttribute("disabled", "");
    const out: Outcome = { saved: 0, conflicts: [], gone: [], failed: undefined };
    for (const r of pending) await put(r, r.server_revision ?? 0, out);
    if (out.conflicts.length || out.gone.length || out.failed) {
      button.removeAttribute("disabled");
      status.textContent = [out.saved ? t("web.sync_saved", { n: out.saved }) : "", out.failed ?? ""]
        .filter(Boolean)
        .join(" ");
      problems.replaceChildren(
        ...out.conflicts.map((c) => conflictBox(c, redraw)),
        ...out.gone.map((r) => goneBox(r, redraw)),
      );
      return;
    }
    redraw();
    document.getElementById("sync-status")!.textContent = t("web.sync_saved", { n: out.saved });
  };
  const button = h(
    "button",
    { class: "btn primary", id: "sync-save", type: "button", onclick: () => void save() },
    t("web.sync_save"),
  );
  if (!pending.length) button.setAttribute("disabled", "");
  return h(
    "section",
    { class: "sync", "aria-labelledby": "sync-title" },
    h("h2", { id: "sync-title" }, t("web.sync_title")),
    h("p", {}, pending.length ? t("web.sync_pending", { n: pending.length }) : t("web.sync_all_saved")),
    button,
    status,
    problems,
  );
}
