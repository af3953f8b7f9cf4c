import { dateLocale, h, SAVED, savedMarker, show, store, t } from "../kernel";
import { dbAll, dbClear, dbDelete, dbGet } from "../local/db";
import type { LocalResult } from "../types";
import { resultScreen } from "./result";

/**
 * "My results on this device": every finished interview kept in this browser (IndexedDB), newest first.
 * The person opens, exports (one JSON file) and deletes them here, without an account; with one, they can
 * also save them to it (sync.ts).
 */
const when = (iso: string): string =>
  new Date(iso).toLocaleString(dateLocale(), { dateStyle: "medium", timeStyle: "short" });

const newestFirst = (a: LocalResult, b: LocalResult): number => b.created_at.localeCompare(a.created_at);

function download(name: string, data: unknown): void {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
  const link = h("a", { href: URL.createObjectURL(blob), download: name }) as HTMLAnchorElement;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/** Everything this device keeps, as one file: the results with their answers and knowledge versions, the diary. */
async function exportAll(): Promise<void> {
  const [results, diary] = await Promise.all([dbAll<LocalResult>("results"), dbAll<unknown>("diary")]);
  download("backcheck-this-device.json", {
    exported_at: new Date().toISOString(),
    results: results.sort(newestFirst),
    diary,
  });
}

/** Forgets the interview in progress too when its result is deleted, so nothing of it stays behind. */
async function forgetCurrent(id?: string): Promise<void> {
  const m = savedMarker();
  if (id === undefined || m?.id === id) {
    await dbDelete("current", "interview");
    localStorage.removeItem(SAVED);
    store.interview = undefined;
  }
}

export async function deviceRoute(hash: string): Promise<void> {
  const [results, diary] = await Promise.all([dbAll<LocalResult>("results"), dbAll<unknown>("diary")]);
  results.sort(newestFirst);
  const open = /^#\/results\/([\w-]+)$/.exec(hash)?.[1];
  if (open) {
    const r = await dbGet<LocalResult>("results", open);
    if (r) {
      await (await import("./interview")).warm();
      return resultScreen(r.result, r.case, new Date(r.created_at), [
        h("p", { class: "no-print" }, h("a", { href: "#/results", id: "to-device" }, `← ${t("web.device_title")}`)),
      ]);
    }
  }
  const status = h("p", { role: "status", id: "device-status" });
  const rows = results.map((r) =>
    h(
      "li",
      { class: "device-row", "data-id": r.id },
      h(
        "a",
        { class: "btn", href: `#/results/${r.id}` },
        `${when(r.created_at)} · ${t(`triage.${r.result.triage}.label`)} · ${t(`condition.${r.result.conditions[0]?.id ?? ""}.name`)}`,
      ),
      store.user && r.server_revision !== undefined && !r.dirty
        ? h("span", { class: "help saved-tag" }, t("web.sync_saved_tag"))
        : null,
      h(
        "button",
        {
          class: "btn small quiet delete-one",
          type: "button",
          "aria-label": `${t("web.device_delete_one")}: ${when(r.created_at)}`,
          onclick: async () => {
            if (!confirm(t("web.device_delete_one_confirm", { date: when(r.created_at) }))) return;
            await dbDelete("results", r.id);
            await forgetCurrent(r.id);
            await deviceRoute("#/results");
          },
        },
        t("web.device_delete_one"),
      ),
    ),
  );
  const sync = store.user
    ? await (await import("../sync")).syncSection(results, () => void deviceRoute("#/results"))
    : h("p", { class: "help" }, t("web.device_account_hint"), " ", h("a", { href: "#/account" }, t("web.login")));
  show(
    h("h1", {}, t("web.device_title")),
    h("p", {}, t("web.device_note")),
    results.length
      ? h("ul", { class: "plain history device-results", id: "device-results" }, rows)
      : h("p", { id: "device-empty" }, t("web.device_empty")),
    // Diary entries kept here are saved from the diary, where a conflict can be shown beside the entry.
    diary.length
      ? h(
          "p",
          { id: "device-diary-hint" },
          t("web.device_diary_hint", { n: diary.length }),
          " ",
          h("a", { href: "#/diary" }, t("web.nav_diary")),
        )
      : null,
    status,
    h(
      "div",
      { class: "row" },
      h(
        "button",
        { class: "btn", id: "device-export", type: "button", onclick: () => void exportAll() },
        t("web.device_export"),
      ),
      h(
        "button",
        {
          class: "btn",
          id: "device-delete-all",
          type: "button",
          onclick: async () => {
            if (!confirm(t("web.device_delete_all_confirm"))) return;
            await Promise.all([dbClear("results"), dbClear("diary")]);
            await forgetCurrent();
            await deviceRoute("#/results");
            document.getElementById("device-status")!.textContent = t("web.device_deleted");
          },
        },
        t("web.device_delete_all"),
      ),
    ),
    sync,
  );
}
