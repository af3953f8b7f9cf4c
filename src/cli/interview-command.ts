import type { Readable, Writable } from "node:stream";
import { isCancel, multiselect, note, select, text as textPrompt } from "@clack/prompts";
import { formatProblem } from "../errors/problem.js";
import { answer, UNKNOWN } from "../interview/answer.js";
import { nextStep } from "../interview/next-step.js";
import type { Question } from "../interview/questions.js";
import { simulate, type Absent } from "../interview/simulate.js";
import { back, type InterviewState } from "../interview/state.js";
import type { Knowledge } from "../knowledge/schema.js";
import { text } from "../knowledge/texts.js";
import { renderText } from "../present/text-report.js";
import { EXIT, reportProblems, type Io } from "./io.js";
import { readCases } from "./read-input.js";
import { columnsOf, wrapText } from "./wrap.js";
import type { TextKey } from "../knowledge/text-key.js";

export interface InterviewOptions {
  simulate?: string;
  json?: boolean;
  lang: string;
  /** With --simulate: how a field the case lacks is answered ("unknown", the default, or "no" for yes/no findings). */
  absent?: Absent;
}

/** The terminal the interview talks to; tests pass streams, the real command passes the process's. */
export interface Terminal {
  input: Readable;
  output: Writable;
  interactive: boolean;
}

const BACK = "__back";
const DONT_KNOW = UNKNOWN;
const NONE = "__none";

type Reply = { kind: "answer"; value: unknown } | { kind: "back" } | { kind: "cancel" };

async function ask(
  q: Question,
  n: number,
  canGoBack: boolean,
  k: Knowledge,
  lang: string,
  term: Terminal,
): Promise<Reply> {
  const t = (key: TextKey): string => text(k, lang, key);
  const streams = { input: term.input, output: term.output };
  // Wrapped here, at word boundaries, to the terminal's width less the prompt's frame ("│  ").
  const width = columnsOf(term.output as { columns?: number }, 6);
  const fit = (s: string): string => wrapText(s, width);
  const message = fit(`${t("ui.question")} ${n}: ${q.text}${q.help ? `\n  ${q.help}` : ""}`);
  const extra = [
    { value: DONT_KNOW, label: q.unknown_label },
    ...(canGoBack ? [{ value: BACK, label: t("ui.back") }] : []),
  ];
  if (q.kind === "number" || q.kind === "integer") {
    const v = await textPrompt({
      ...streams,
      message: `${message}\n${fit(`  ${t("ui.number_hint")}`)}`,
      validate: (raw) => {
        const s = (raw ?? "").trim();
        if (s === "?" || (s === "<" && canGoBack)) return undefined;
        const x = Number(s.replace(",", "."));
        if (s === "" || !Number.isFinite(x)) return t("ui.need_number");
        if (q.kind === "integer" && !Number.isInteger(x)) return t("ui.need_whole_number");
        if ((q.min !== undefined && x < q.min) || (q.max !== undefined && x > q.max))
          return `${t("ui.between")} ${q.min ?? ""}–${q.max ?? ""}`;
        return undefined;
      },
    });
    if (isCancel(v)) return { kind: "cancel" };
    const s = v.trim();
    if (s === "<") return { kind: "back" };
    return { kind: "answer", value: s === "?" ? DONT_KNOW : Number(s.replace(",", ".")) };
  }
  if (q.kind === "multi" || q.kind === "checklist") {
    // A checklist has no default: Enter with nothing ticked is refused, and "none of these" is a choice
    // of its own. Otherwise a person pressing Enter through the warning signs would record "no" to all.
    const checklist = q.kind === "checklist";
    const v = await multiselect({
      ...streams,
      message: `${message}\n${fit(`  ${t(checklist ? "terminal.checklist_hint" : (q.min_items ?? 0) > 0 ? "ui.multi_hint_required" : "ui.multi_hint")}`)}`,
      options: [...(q.options ?? []), ...(checklist ? [{ value: NONE, label: t("web.none_of_these") }] : []), ...extra],
      required: checklist || (q.min_items ?? 0) > 0,
    });
    if (isCancel(v)) return { kind: "cancel" };
    const chosen = v as string[];
    if (chosen.includes(BACK)) return { kind: "back" };
    if (chosen.includes(DONT_KNOW)) return { kind: "answer", value: DONT_KNOW };
    // "None of these" ticked together with a sign: the sign counts, as reading it as "no" would be unsafe.
    return { kind: "answer", value: chosen.filter((c) => c !== NONE) };
  }
  // The cursor starts on "I don't know": Enter alone never records an answer the person did not choose.
  const v = await select({ ...streams, message, options: [...(q.options ?? []), ...extra], initialValue: DONT_KNOW });
  if (isCancel(v)) return { kind: "cancel" };
  if (v === BACK) return { kind: "back" };
  return { kind: "answer", value: v };
}

/** One question at a time in the terminal, then the assessment as `assess` prints it. */
export async function runInterview(opts: InterviewOptions, k: Knowledge, io: Io, term: Terminal): Promise<number> {
  if (!term.interactive) {
    io.err("backcheck: the interview needs an interactive terminal.");
    io.err("  To assess answers you already have, put them in a JSON file and run: backcheck assess FILE");
    io.err("  To run the interview against cases in a file: backcheck interview --simulate FILE --json");
    return EXIT.invalid;
  }
  const t = (key: TextKey): string => text(k, opts.lang, key);
  note(wrapText(t("ui.interview_intro"), columnsOf(term.output as { columns?: number }, 8)), "backcheck", {
    input: term.input,
    output: term.output,
  });
  // The optional story first (story-prompt.ts): what the person confirms is not asked again.
  const { askStory } = await import("./story-prompt.js");
  const started = await askStory(k, opts.lang, term);
  if (started === "cancel") {
    io.err(t("ui.interview_stopped"));
    return 130;
  }
  let state: InterviewState = started;
  for (;;) {
    const step = nextStep(state, k, opts.lang);
    if (step.done) {
      io.out("");
      io.out(wrapText(renderText(step.result, k, { lang: opts.lang, color: io.color, width: io.width }), io.width));
      return EXIT.ok;
    }
    const reply = await ask(
      step.question,
      state.steps.filter((s) => s.question !== "story").length + 1,
      state.steps.length > 0,
      k,
      opts.lang,
      term,
    );
    if (reply.kind === "cancel") {
      io.err(t("ui.interview_stopped"));
      return 130;
    }
    if (reply.kind === "back") {
      state = back(state);
      continue;
    }
    const next = answer(state, step.question, reply.value, k);
    if (!next.ok) {
      // The prompt validated the value already; a refusal here is a contract rule, shown and asked again.
      for (const p of next.problems) io.err(`  ${formatProblem(p)}`);
      continue;
    }
    state = next.value;
  }
}

/** `interview --simulate FILE`: answers every question from each case ("don't know" where it is silent). */
export function simulateCommand(file: string, opts: InterviewOptions, k: Knowledge, io: Io): number {
  const valid = readCases(file, io.stdin);
  if (!valid.ok) return reportProblems(io, valid.problems);
  const runs = valid.value.cases.map((c) => simulate(c, k, opts.absent ?? "unknown"));
  if (opts.json) {
    io.out(JSON.stringify(valid.value.array ? runs : runs[0], null, 2));
  } else {
    runs.forEach((r, i) => {
      io.out(`case ${i}: ${r.questions_asked} questions -> ${r.result.triage}, ${r.result.conditions[0]?.id ?? ""}`);
      io.out(`  asked: ${r.asked.join(", ")}`);
    });
  }
  return EXIT.ok;
}
