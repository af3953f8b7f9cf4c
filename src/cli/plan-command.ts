import type { Command } from "commander";
import type { Entry } from "../diary/entries.js";
import type { Problem } from "../errors/problem.js";
import type { Knowledge } from "../knowledge/schema.js";
import { text } from "../knowledge/texts.js";
import type { PlanView } from "../plan/describe.js";
import { EXIT, reportProblems, type Io } from "./io.js";
import type { TextKey } from "../knowledge/text-key.js";

export interface PlanOptions {
  diary?: string;
  lang: string;
  json?: boolean;
  /** Today's date (tests); the real command uses the clock. */
  today?: string;
}

/** The plan in the terminal: what to do today, why the diary moved it, the stages' rules, the sources. */
function printPlan(v: PlanView, k: Knowledge, lang: string, io: Io): void {
  const t = (key: TextKey, vars: Record<string, string | number> = {}): string =>
    text(k, lang, key).replace(/\{(\w+)\}/g, (_, n: string) => String(vars[n] ?? ""));
  io.out(`${t("plan.title")} · ${t("plan.activity")} ${v.activity_plan.name}`);
  io.out("");
  if (!v.available) {
    io.out(v.reason!.text);
    for (const b of v.reason!.because) io.out(`  • ${b}`);
    io.out("");
    io.out(`${v.urgency.label}: ${v.urgency.action}`);
  } else {
    const today = v.today!;
    io.out(v.wording!);
    io.out("");
    io.out(`${t("plan.today")}: ${t("plan.stage_n", { n: today.index, total: v.stages.length })} — ${today.name}`);
    io.out(`${t("plan.goal")}: ${today.goal}`);
    for (const e of today.exercises) {
      io.out(`  • ${e.name}: ${e.dose_text}`);
      io.out(`    ${e.how}`);
      if (e.needs_clearance) io.out(`    ${t("plan.needs_clearance")}`);
      io.out(`    ${t("plan.avoid")}: ${e.avoid}`);
    }
    io.out("");
    if (v.change) io.out(`${t("plan.change")} (${v.change.date}): ${v.change.why}`);
    else io.out(t("plan.no_diary"));
    io.out(today.next);
    io.out(today.hold);
    io.out(today.step_back);
    io.out(t("plan.stop_rule"));
    io.out("");
    io.out(`${t("plan.stages")}:`);
    for (const s of v.stages) io.out(`  ${s.index === today.index ? "▶" : " "} ${s.index}. ${s.name} — ${s.goal}`);
  }
  io.out("");
  io.out(`${t("plan.sources")}: ${v.sources.map((s) => s.id).join(", ")}`);
  io.out(v.disclaimer);
}

/** Reads a diary export ({ "entries": [...] } or an array) and checks every entry against the diary's rules. */
async function readDiary(
  file: string,
  today: string,
  k: Knowledge,
  io: Io,
): Promise<{ entries: Entry[] } | { problems: Problem[] }> {
  const [{ validateEntry }, { readJsonInput }] = await Promise.all([
    import("../diary/entries.js"),
    import("./read-input.js"),
  ]);
  const input = readJsonInput(file, io.stdin);
  if (!input.ok) return { problems: input.problems };
  const list = Array.isArray(input.value) ? input.value : (input.value as { entries?: unknown })?.entries;
  if (!Array.isArray(list))
    return {
      problems: [
        {
          code: "input.format",
          path: file,
          message: 'expected the diary\'s JSON export ({ "entries": [...] }) or an array of entries',
        },
      ],
    };
  const problems: Problem[] = [];
  const entries: Entry[] = [];
  list.forEach((raw, i) => {
    const { id, ...data } = (raw ?? {}) as Record<string, unknown>;
    const v = validateEntry(data, today, k, `entries[${i}]`);
    if (v.ok) entries.push({ ...v.value, id: typeof id === "string" ? id : `entry-${i}` });
    else problems.push(...v.problems);
  });
  return problems.length ? { problems } : { entries };
}

export async function planCommand(file: string, opts: PlanOptions, k: Knowledge, io: Io): Promise<number> {
  if (!k.locales[opts.lang]) {
    return reportProblems(
      io,
      [
        {
          code: "input.lang",
          path: "--lang",
          message: `unknown language ${opts.lang}; available: ${Object.keys(k.locales).join(", ")}`,
        },
      ],
      "invalid option",
    );
  }
  // The case validator is loaded when a plan is made, not at every start of the program.
  const { readCases } = await import("./read-input.js");
  const cases = readCases(file, io.stdin);
  if (!cases.ok) return reportProblems(io, cases.problems);
  if (cases.value.array)
    return reportProblems(io, [
      { code: "input.one_case", path: file, message: "give one case (an object), not an array" },
    ]);
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  let entries: Entry[] | undefined;
  if (opts.diary !== undefined) {
    const d = await readDiary(opts.diary, today, k, io);
    if ("problems" in d) return reportProblems(io, d.problems);
    entries = d.entries;
  }
  // The plan's modules load only when this command runs, so other commands start no slower.
  const [{ defaultPlanKnowledge }, { makePlan }, { describePlan }] = await Promise.all([
    import("../plan/knowledge.js"),
    import("../plan/plan.js"),
    import("../plan/describe.js"),
  ]);
  const pk = defaultPlanKnowledge(k);
  const plan = makePlan({ case: cases.value.cases[0]!, ...(entries ? { entries } : {}), today }, k, pk);
  if (!plan.ok) return reportProblems(io, plan.problems);
  const view = describePlan(plan.value, k, pk, opts.lang);
  if (opts.json) io.out(JSON.stringify(view, null, 2));
  else printPlan(view, k, opts.lang, io);
  return EXIT.ok;
}

/** `backcheck plan CASE.json [--diary DIARY.json] [--lang ru] [--json]`. */
export function addPlanCommand(
  program: Command,
  io: Io,
  setExit: (c: number) => void,
  knowledge: () => Promise<Knowledge>,
): void {
  program
    .command("plan")
    .description("a staged return-to-training plan for a case, moved on or back by the diary")
    .argument("<file>", 'JSON file with one case (contract/case.schema.json); "-" reads standard input')
    .option("--diary <file>", "the diary's JSON export (backcheck diary export, or GET /api/diary/export)")
    .option("--lang <lang>", "language of the plan", "en")
    .option("--json", "print the plan as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  backcheck plan examples/beginner-after-squats.json\n  backcheck plan case.json --diary diary.json --lang ru --json\n\nExit codes: 0 done (also when no plan is offered: the output says why), 2 invalid input.",
    )
    .action(async (file: string, opts: PlanOptions) => {
      setExit(await planCommand(file, opts, await knowledge(), io));
    });
}
