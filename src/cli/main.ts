import { Command, CommanderError } from "commander";
import pc from "picocolors";
import { readFileSync } from "node:fs";
import type { Knowledge } from "../knowledge/schema.js";
import { addDiaryCommands } from "./diary-command.js";
import type { Terminal } from "./interview-command.js";
import { EXIT, reportProblems, type Io } from "./io.js";
import { addPlanCommand } from "./plan-command.js";
import { addParseCommand } from "./parse-command.js";

export function processIo(): Io {
  return {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    stdin: () => readFileSync(0, "utf8"),
    color: pc.isColorSupported && process.stdout.isTTY === true,
    width: Math.min(process.stdout.columns ?? 100, 110),
  };
}

export function processTerminal(): Terminal {
  return {
    input: process.stdin,
    output: process.stdout,
    interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
  };
}

/**
 * The knowledge, loaded on first use. Like every command's code it is imported only when a command runs:
 * a start of the program (`--help`, a usage error) loads commander and the command definitions, nothing else.
 */
const knowledge = async (): Promise<Knowledge> =>
  (await import("../knowledge/default-knowledge.js")).defaultKnowledge();

/** Builds the command tree; every action stores its exit code instead of calling process.exit. */
export function buildProgram(io: Io, setExit: (code: number) => void, term: Terminal): Command {
  const program = new Command()
    .name("backcheck")
    .description(
      "Helps you decide what to do about back pain after sport, the gym, a trampoline or a fall.\nIt does not replace a doctor.",
    )
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride();

  program
    .command("assess")
    .description("assess one case or an array of cases (JSON, see contract/case.schema.json)")
    .argument("<file>", 'JSON file with a case object or an array of cases; "-" reads standard input')
    .option("--json", "print the result as JSON (one object, or an array in the same order)")
    .option("--fhir [type]", "print a FHIR R4 Bundle: collection (default) or document (the doctor's report)")
    .option("--lang <lang>", "language of the text output", "en")
    .addHelpText(
      "after",
      "\nExamples:\n  backcheck assess examples/beginner-after-squats.json\n  cat case.json | backcheck assess - --json\n  backcheck assess case.json --fhir document\n\nExit codes: 0 done, 2 invalid input (every problem is listed with its path).",
    )
    .action(async (file: string, opts: { json?: boolean; fhir?: boolean | string; lang: string }) => {
      const [{ assessCommand }, k] = await Promise.all([import("./assess-command.js"), knowledge()]);
      setExit(await assessCommand(file, opts, k, io));
    });

  program
    .command("interview")
    .description("ask the questions one at a time in the terminal, then print the assessment")
    .option("--simulate <file>", 'answer every question from the case(s) in FILE ("-" for stdin) instead of asking')
    .option("--json", "with --simulate: print { questions_asked, asked, result } per case as JSON")
    .option(
      "--absent <mode>",
      'with --simulate: answer a field the case lacks "unknown" (I don\'t know; the default) or "no" (a missing yes/no finding is "no", any other missing field "I don\'t know"); with --stories the default is "no": what the story does not mention, the person does not have',
    )
    .option(
      "--stories <file>",
      "with --simulate: start each case from its story ([{id, story}] aligned by index; story_ru / story_en)",
    )
    .option("--lang <lang>", "language of the questions and the result", "en")
    .addHelpText(
      "after",
      '\nUse the arrow keys and Enter; every question accepts "I don\'t know", and you can go back.\nCtrl-C stops without saving anything.',
    )
    .action(async (opts: { simulate?: string; json?: boolean; lang: string; absent?: string; stories?: string }) => {
      const k = await knowledge();
      if (opts.absent !== undefined && opts.absent !== "unknown" && opts.absent !== "no") {
        setExit(
          reportProblems(
            io,
            [{ code: "input.absent", path: "--absent", message: 'must be "unknown" or "no"' }],
            "invalid option",
          ),
        );
        return;
      }
      if (!k.locales[opts.lang]) {
        setExit(
          reportProblems(
            io,
            [
              {
                code: "input.lang",
                path: "--lang",
                message: `unknown language ${opts.lang}; available: ${Object.keys(k.locales).join(", ")}`,
              },
            ],
            "invalid option",
          ),
        );
        return;
      }
      const absent = (opts.absent ?? (opts.stories !== undefined ? "no" : "unknown")) === "no" ? "no" : "unknown";
      if (opts.simulate !== undefined && opts.stories !== undefined) {
        const { storySimulateCommand } = await import("./story-commands.js");
        setExit(await storySimulateCommand(opts.simulate, opts.stories, { ...opts, absent }, k, io));
        return;
      }
      const { runInterview, simulateCommand } = await import("./interview-command.js");
      if (opts.simulate !== undefined) setExit(simulateCommand(opts.simulate, { ...opts, absent }, k, io));
      else setExit(await runInterview({ ...opts, absent: "unknown" }, k, io, term));
    });

  program
    .command("serve")
    .description("serve the API and the web app (PORT, HOST, DATABASE_URL, BACKCHECK_DB; see README)")
    .action(async () => {
      const { serve } = await import("../server/main.js");
      setExit(await serve());
    });

  program
    .command("eval")
    .description("score vignettes (shared/vignettes format) and print the table and summary metrics")
    .argument("<file>", "JSON file with an array of vignettes")
    .option("--json", "print the outcomes and the summary as JSON")
    .option(
      "--interview",
      "also run the adaptive interview on each vignette and report its metrics (agreement with --absent no; under-triage both ways)",
    )
    .option(
      "--stories [file]",
      "score reading the stories (the vignettes' own, or FILE aligned by index): extraction, questions, triage",
    )
    .option("--lang <lang>", "with --stories: the stories' language (en, ru)", "en")
    .action(
      async (file: string, opts: { json?: boolean; interview?: boolean; stories?: string | true; lang: string }) => {
        if (opts.stories !== undefined) {
          const { storyEvalCommand } = await import("./story-commands.js");
          setExit(await storyEvalCommand(file, opts.stories, opts, await knowledge(), io));
          return;
        }
        const { evalCommand } = await import("./eval-command.js");
        setExit(evalCommand(file, opts, await knowledge(), io));
      },
    );
  addParseCommand(program, io, setExit, knowledge);
  addDiaryCommands(program, io, setExit, knowledge);
  addPlanCommand(program, io, setExit, knowledge);
  return program;
}

/** Runs the command line; returns the exit code (the bin script hands it to the process). */
export async function main(argv: string[], io: Io = processIo(), term: Terminal = processTerminal()): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c), term);
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are successful exits; anything else commander rejects is a usage error.
      return e.exitCode === 0 ? EXIT.ok : EXIT.invalid;
    }
    io.err(`backcheck: internal error: ${(e as Error).message}`);
    if (process.env["BACKCHECK_DEBUG"]) io.err(String((e as Error).stack));
    return EXIT.failure;
  }
  return code;
}
