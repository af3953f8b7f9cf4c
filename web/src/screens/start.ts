import { h, show } from "../dom";
import { t } from "../i18n";
import { savedMarker, store } from "../store";
import { storySection } from "../story-view";

/** The interview's screens load with the engine, right after this screen appears (main.ts prefetches). */
const startInterview = (answers?: Record<string, unknown>): void =>
  void import("./interview").then((m) => m.startInterview(answers));

/** The start page: what this is, the emergency note, where the answers are kept, start or continue. */
export function startScreen(): void {
  const saved = savedMarker();
  const resumable = saved !== undefined && !saved.done;
  show(
    h("h1", {}, "backcheck"),
    h("p", { class: "lead" }, t("web.tagline")),
    h("p", { class: "note", role: "note" }, t("web.emergency_note")),
    store.restarted ? h("p", { class: "note", role: "status", id: "restarted" }, t("web.knowledge_updated")) : null,
    store.checkinDue
      ? h("p", { class: "note", role: "status", id: "reminder" }, h("a", { href: "#/diary" }, t("diary.checkin_due")))
      : null,
    storySection(startInterview, startScreen),
    resumable
      ? h(
          "button",
          { class: "btn primary", id: "continue-interview", onclick: () => (location.hash = "#/interview") },
          t("web.continue_interview"),
        )
      : null,
    h(
      "button",
      { class: `btn ${resumable ? "" : "primary"}`, id: "start", onclick: () => startInterview() },
      resumable ? t("web.new_interview") : t("web.start"),
    ),
    h("p", { class: "help" }, t("web.start_intro")),
    h(
      "p",
      { class: "privacy", id: "privacy" },
      t("web.privacy"),
      " ",
      h("a", { href: "#/results" }, t("web.device_link")),
    ),
  );
  // For `npm run bench:web`: the moment the start screen is on the page.
  performance.mark("start-screen");
}
