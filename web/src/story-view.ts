import { ApiError, OfflineError, postJson } from "./api";
import { h } from "./dom";
import { lang, loadTexts, t } from "./i18n";

/**
 * The interview's optional first screen: "Tell us what happened, in your own words". The words are read
 * by POST /api/parse; the person then sees what was understood, line by line, and can untick or change any
 * line. Only what they confirm starts the interview; everything else, warning signs above all, is asked.
 */
export interface Line {
  field: string;
  value: unknown;
  certain: boolean;
  text: string;
  quote: string;
}

let draft = "";

/**
 * The text box on the first screen: prompt, a short example, "Read my words". The first screen's own
 * "Start the questions" button is the skip. `done(answers)` starts the interview from the confirmed
 * answers; `again()` shows the first screen again (with the words kept) to change them.
 */
export function storySection(done: (answers?: Record<string, unknown>) => void, again: () => void): HTMLElement {
  const box = h("textarea", {
    id: "story",
    rows: 5,
    "aria-describedby": "story-example",
    maxlength: 4000,
  }) as HTMLTextAreaElement;
  box.value = draft;
  box.addEventListener("input", () => (draft = box.value));
  const errorBox = h("p", { class: "error", role: "alert", id: "story-error" });
  const read = async (e: Event): Promise<void> => {
    e.preventDefault();
    draft = box.value;
    if (draft.trim() === "") {
      box.focus();
      return;
    }
    try {
      const r = await postJson<{ lines: Line[] }>("/api/parse", { text: draft, lang: lang() });
      await loadTexts();
      // The confirmation screen is its own chunk: the start page carries only the text box.
      (await import("./story-confirm")).confirmScreen(r.lines, done, again);
    } catch (err) {
      errorBox.textContent =
        err instanceof OfflineError ? t("web.offline") : err instanceof ApiError ? err.message : t("web.error");
    }
  };
  return h(
    "section",
    { class: "story", "aria-labelledby": "story-label" },
    h(
      "form",
      { onsubmit: (e: Event) => void read(e) },
      h("label", { for: "story", class: "field", id: "story-label" }, t("parse.prompt")),
      h("p", { class: "help", id: "story-example" }, t("parse.example")),
      box,
      errorBox,
      h("button", { class: "btn primary", type: "submit", id: "read-story" }, t("parse.read")),
    ),
    h("p", { class: "help" }, t("parse.skip_note")),
    // The one part of the start page that uses the server: said where the button is.
    h("p", { class: "help", id: "story-server-note" }, t("web.story_server_note")),
  );
}
