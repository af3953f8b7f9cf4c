import { z } from "zod";
import { validateCase } from "../case/validate-case.js";
import type { Case } from "../engine/types.js";
import { fail, ok, type Outcome, type Problem } from "../errors/problem.js";
import type { Knowledge } from "../knowledge/schema.js";
import { EXIT, reportProblems, type Io } from "./io.js";
import { readJsonInput } from "./read-input.js";

/** A stories file: `[{id, story}]` aligned with the cases by index; `story_ru` / `story_en` per language. */
const storySchema = z
  .object({
    id: z.string().optional(),
    story: z.string().optional(),
    story_en: z.string().optional(),
    story_ru: z.string().optional(),
  })
  .passthrough();

export function storiesFrom(input: unknown, lang: string, what: string): Outcome<(string | undefined)[]> {
  const r = z.array(storySchema).safeParse(input);
  if (!r.success)
    return fail(
      r.error.issues.map((i) => ({
        code: "stories.schema",
        path: `${what}${i.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")}`,
        message: i.message,
      })),
    );
  return ok(
    r.data.map((s) =>
      lang === "ru"
        ? (s.story_ru ?? s.story)
        : lang === "en"
          ? (s.story_en ?? s.story)
          : ((s[`story_${lang}`] as string | undefined) ?? s.story),
    ),
  );
}

/** Cases for a simulation: plain cases, or vignettes (`{id, story, case}`) whose case is taken. */
function casesFrom(input: unknown): Outcome<Case[]> {
  if (!Array.isArray(input))
    return fail([
      { code: "input.cases", path: "cases", message: "must be an array (aligned with the stories by index)" },
    ]);
  const problems: Problem[] = [];
  const cases: Case[] = [];
  input.forEach((item, i) => {
    const isVignette = item && typeof item === "object" && "case" in item;
    const c = validateCase(
      isVignette ? (item as { case: unknown }).case : item,
      `cases[${i}]${isVignette ? ".case" : ""}`,
    );
    if (c.ok) cases.push(c.value);
    else problems.push(...c.problems);
  });
  return problems.length ? fail(problems) : ok(cases);
}

function readPair(
  casesFile: string,
  storiesFile: string,
  lang: string,
  io: Io,
): Outcome<{ cases: Case[]; stories: (string | undefined)[]; raw: unknown }> {
  const ci = readJsonInput(casesFile, io.stdin);
  if (!ci.ok) return ci;
  const cases = casesFrom(ci.value);
  if (!cases.ok) return cases;
  const si = storiesFile === casesFile ? ci : readJsonInput(storiesFile, io.stdin);
  if (!si.ok) return si;
  const stories = storiesFrom(si.value, lang, "stories");
  if (!stories.ok) return stories;
  if (stories.value.length !== cases.value.length) {
    return fail([
      {
        code: "stories.count",
        path: "stories",
        message: `${stories.value.length} stories for ${cases.value.length} cases; they are aligned by index`,
      },
    ]);
  }
  return ok({ cases: cases.value, stories: stories.value, raw: ci.value });
}

/**
 * `interview --simulate CASES --stories STORIES`: each story is read, its certain values are taken as
 * confirmed, and the remaining questions are answered from the case.
 */
export async function storySimulateCommand(
  casesFile: string,
  storiesFile: string,
  opts: { lang: string; json?: boolean; absent?: "no" | "unknown" },
  k: Knowledge,
  io: Io,
): Promise<number> {
  const { parseText } = await import("../parse/index.js");
  const { confirmedValues, startState } = await import("../parse/story-eval.js");
  const { simulate } = await import("../interview/simulate.js");
  const pair = readPair(casesFile, storiesFile, opts.lang, io);
  if (!pair.ok) return reportProblems(io, pair.problems);
  const runs = pair.value.cases.map((c, i) => {
    const story = pair.value.stories[i];
    const extracted = story ? confirmedValues(parseText(story, opts.lang, k)) : {};
    const run = simulate(c, k, opts.absent ?? "no", startState(extracted, k));
    return { extracted, questions_asked: run.questions_asked, asked: run.asked, result: run.result };
  });
  if (opts.json) io.out(JSON.stringify(runs, null, 2));
  else
    runs.forEach((r, i) =>
      io.out(
        `case ${i}: ${Object.keys(r.extracted).length} fields from the story, ${r.questions_asked} questions -> ${r.result.triage}`,
      ),
    );
  return EXIT.ok;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** `eval VIGNETTES --stories [STORIES]`: the free-text figures, per language. */
export async function storyEvalCommand(
  file: string,
  storiesFile: string | true,
  opts: { lang: string; json?: boolean },
  k: Knowledge,
  io: Io,
): Promise<number> {
  const { parseText } = await import("../parse/index.js");
  const { scoreStory, summarizeStories } = await import("../parse/story-eval.js");
  const pair = readPair(file, storiesFile === true ? file : storiesFile, opts.lang, io);
  if (!pair.ok) return reportProblems(io, pair.problems);
  const ids = Array.isArray(pair.value.raw)
    ? (pair.value.raw as { id?: string }[]).map((v, i) => v?.id ?? String(i))
    : [];
  const outcomes = pair.value.cases.flatMap((c, i) => {
    const story = pair.value.stories[i];
    return story ? [scoreStory(ids[i] ?? String(i), c, parseText(story, opts.lang, k), k)] : [];
  });
  const s = summarizeStories(outcomes);
  if (opts.json) {
    io.out(JSON.stringify({ lang: opts.lang, summary: s, outcomes }, null, 2));
    return EXIT.ok;
  }
  for (const o of outcomes) {
    const notes = [
      ...o.disagreements.map((d) => `${d.field}: ${JSON.stringify(d.got)} (case ${JSON.stringify(d.case)})`),
      ...o.warning_errors.map((w) => `WARNING SIGN ${w.field}`),
      ...(o.under_triage ? ["UNDER-TRIAGE"] : []),
    ];
    io.out(
      `${o.id.padEnd(8)} ${String(o.agreed).padStart(2)}/${String(o.compared).padEnd(2)} agree  questions ${String(o.questions_without).padStart(2)} -> ${String(o.questions_with).padEnd(2)}  ${o.triage_full} -> ${o.triage_with}${notes.length ? `  ${notes.join("; ")}` : ""}`,
    );
  }
  io.out("");
  io.out(`stories (${opts.lang}): ${s.stories}`);
  io.out(`extraction: ${pct(s.agreement)} of ${s.fields_compared} fields the case also has agree`);
  io.out(`warning signs: ${s.warning_sign_errors} extracted opposite to the case`);
  io.out(
    `questions: median ${s.median_questions_without} without a story, ${s.median_questions_with} with one (${pct(s.question_reduction)} fewer)`,
  );
  io.out(`safety: final triage equals the full case's in ${pct(s.triage_equal)}, under-triage ${s.under_triage}`);
  return EXIT.ok;
}
