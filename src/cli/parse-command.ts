import type { Command } from "commander";
import { readFileSync } from "node:fs";
import type { Knowledge } from "../knowledge/schema.js";
import { text } from "../knowledge/texts.js";
import { EXIT, reportProblems, type Io } from "./io.js";
import type { TextKey } from "../knowledge/text-key.js";

export interface ParseOptions {
  lang: string;
  json?: boolean;
}

/** `parse FILE|-`: the fields a person's own words give, each with the words it came from. */
export async function parseCommand(file: string, opts: ParseOptions, k: Knowledge, io: Io): Promise<number> {
  const { parseText, PARSE_LANGS } = await import("../parse/index.js");
  const { understoodLines } = await import("../parse/understood.js");
  if (!(PARSE_LANGS as readonly string[]).includes(opts.lang)) {
    return reportProblems(
      io,
      [
        {
          code: "input.lang",
          path: "--lang",
          message: `unknown language ${opts.lang}; available: ${PARSE_LANGS.join(", ")}`,
        },
      ],
      "invalid option",
    );
  }
  let raw: string;
  try {
    raw = file === "-" ? io.stdin() : readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return reportProblems(io, [
      { code: "input.read", path: file, message: code === "ENOENT" ? "file not found" : (e as Error).message },
    ]);
  }
  const result = parseText(raw, opts.lang, k);
  if (opts.json) {
    io.out(JSON.stringify(result, null, 2));
    return EXIT.ok;
  }
  const lines = understoodLines(result, k, opts.lang);
  const t = (key: TextKey): string => text(k, opts.lang, key);
  const sure = lines.filter((l) => l.certain);
  const unsure = lines.filter((l) => !l.certain);
  if (lines.length === 0) io.out(t("parse.nothing"));
  if (sure.length) io.out(t("parse.understood"));
  const from = (q: string): string => t("parse.from_text").replace("{quote}", q);
  for (const l of sure) io.out(`  ${l.text}   (${from(l.quote)})`);
  if (unsure.length) io.out(t("parse.unsure"));
  for (const l of unsure) io.out(`  ? ${l.text}   (${from(l.quote)})`);
  io.out(t("parse.still_asked"));
  return EXIT.ok;
}

/** Registers `parse`; the parser and its lexicon load only when the command runs. */
export function addParseCommand(
  program: Command,
  io: Io,
  setExit: (code: number) => void,
  knowledge: () => Promise<Knowledge>,
): void {
  program
    .command("parse")
    .description(
      "read a story in the person's own words (English or Russian) and list the answers it gives, with their source words",
    )
    .argument("<file>", 'a text file; "-" reads standard input')
    .option("--lang <lang>", "language of the text: en or ru", "en")
    .option("--json", "print the fields with their spans as JSON")
    .addHelpText(
      "after",
      '\nExample:\n  echo "I\'m 34, my lower back hurts since yesterday, no numbness" | backcheck parse - --json\n\nNothing is taken as answered until the person confirms it; doubtful values have certain: false.',
    )
    .action(async (file: string, opts: ParseOptions) => {
      setExit(await parseCommand(file, opts, await knowledge(), io));
    });
}
