import { isCancel, multiselect, text as textPrompt } from "@clack/prompts";
import { emptyState, type InterviewState } from "../interview/state.js";
import type { Knowledge } from "../knowledge/schema.js";
import { text } from "../knowledge/texts.js";
import type { Terminal } from "./interview-command.js";
import type { TextKey } from "../knowledge/text-key.js";

/**
 * The terminal's first screen: an optional story in the person's own words. What was understood is listed
 * with the words it came from; the person unticks what is wrong (it is then asked) and may tick a guess.
 * Only what they leave ticked starts the interview. An empty answer skips to the questions.
 */
export async function askStory(k: Knowledge, lang: string, term: Terminal): Promise<InterviewState | "cancel"> {
  const { parseText, PARSE_LANGS } = await import("../parse/index.js");
  if (!(PARSE_LANGS as readonly string[]).includes(lang)) return emptyState();
  const { understoodLines } = await import("../parse/understood.js");
  const { startState } = await import("../parse/story-eval.js");
  const t = (key: TextKey): string => text(k, lang, key);
  const streams = { input: term.input, output: term.output };
  const story = await textPrompt({
    ...streams,
    message: `${t("parse.prompt")}\n  ${t("parse.example")}\n  ${t("parse.terminal_hint")}`,
    placeholder: "",
  });
  if (isCancel(story)) return "cancel";
  if (!story || story.trim() === "") return emptyState();
  const lines = understoodLines(parseText(story, lang, k), k, lang);
  if (lines.length === 0) return emptyState();
  const chosen = await multiselect({
    ...streams,
    message: `${t("parse.understood")}\n  ${t("parse.terminal_confirm")}\n  ${t("parse.still_asked")}`,
    options: lines.map((l, i) => ({
      value: String(i),
      label: `${l.certain ? "" : "? "}${l.text}`,
      hint: t("parse.from_text").replace("{quote}", l.quote),
    })),
    initialValues: lines.flatMap((l, i) => (l.certain ? [String(i)] : [])),
    required: false,
  });
  if (isCancel(chosen)) return "cancel";
  const answers = Object.fromEntries(
    (chosen as string[]).map((i) => [lines[Number(i)]!.field, lines[Number(i)]!.value]),
  );
  return startState(answers, k);
}
