import { h, show } from "../dom";
import { t } from "../i18n";
import { SAVED, store } from "../store";
import { storySection } from "../story-view";
import { startInterview } from "./interview";

/** The start page: what this is, the emergency note, start or continue. */
export function startScreen(): void {
  const resumable = localStorage.getItem(SAVED) !== null && store.interview !== undefined && !store.interview.step.done;
  show(
    h("h1", {}, "backcheck"),
    h("p", { class: "lead" }, t("web.tagline")),
    h("p", { class: "note", role: "note" }, t("web.emergency_note")),
    store.checkinDue ? h("p", { class: "note", role: "status", id: "reminder" }, h("a", { href: "#/diary" }, t("diary.checkin_due"))) : null,
    storySection((answers) => void startInterview(answers), startScreen),
    resumable ? h("button", { class: "btn primary", id: "continue-interview", onclick: () => (location.hash = "#/interview") }, t("web.continue_interview")) : null,
    h("button", { class: `btn ${resumable ? "" : "primary"}`, id: "start", onclick: () => void startInterview() }, resumable ? t("web.new_interview") : t("web.start")),
    h("p", { class: "help" }, t("web.start_intro")),
  );
}
