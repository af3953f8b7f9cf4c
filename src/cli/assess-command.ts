import { assess, withLanguage } from "../engine/assess.js";
import type { Knowledge } from "../knowledge/schema.js";
import { renderText } from "../present/text-report.js";
import { EXIT, reportProblems, type Io } from "./io.js";
import { readCases } from "./read-input.js";

export interface AssessOptions {
  json?: boolean;
  lang: string;
}

export function assessCommand(file: string, opts: AssessOptions, k: Knowledge, io: Io): number {
  if (!k.locales[opts.lang]) {
    return reportProblems(io, [{ code: "input.lang", path: "--lang", message: `unknown language ${opts.lang}; available: ${Object.keys(k.locales).join(", ")}` }], "invalid option");
  }
  const valid = readCases(file, io.stdin);
  if (!valid.ok) return reportProblems(io, valid.problems);
  const results = valid.value.cases.map((c) => withLanguage(assess(c, k), k, opts.lang));
  if (opts.json) {
    io.out(JSON.stringify(valid.value.array ? results : results[0], null, 2));
  } else {
    const texts = results.map((r) => renderText(r, k, { lang: opts.lang, color: io.color, width: io.width }));
    io.out(texts.join(`\n\n${"─".repeat(Math.min(io.width, 60))}\n\n`));
  }
  return EXIT.ok;
}
