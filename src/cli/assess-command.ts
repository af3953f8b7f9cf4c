import { assess, withLanguage } from "../engine/assess.js";
import type { Knowledge } from "../knowledge/schema.js";
import { renderText } from "../present/text-report.js";
import { EXIT, reportProblems, type Io } from "./io.js";
import { readCases } from "./read-input.js";

export interface AssessOptions {
  json?: boolean;
  /** FHIR R4 Bundle(s) instead: true or "collection", or "document" (the doctor's report). */
  fhir?: boolean | string;
  lang: string;
}

export async function assessCommand(file: string, opts: AssessOptions, k: Knowledge, io: Io): Promise<number> {
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
  if (opts.fhir !== undefined && opts.fhir !== true && opts.fhir !== "collection" && opts.fhir !== "document") {
    return reportProblems(
      io,
      [
        {
          code: "input.fhir",
          path: "--fhir",
          message: `unknown bundle type ${String(opts.fhir)}; use collection or document`,
        },
      ],
      "invalid option",
    );
  }
  const valid = readCases(file, io.stdin);
  if (!valid.ok) return reportProblems(io, valid.problems);
  const results = valid.value.cases.map((c) => withLanguage(assess(c, k), k, opts.lang));
  if (opts.fhir !== undefined) {
    // The FHIR mapping (and its code tables) is loaded only when FHIR is asked for.
    const [{ toBundle }, { VERSION }] = await Promise.all([
      import("../fhir/assessment.js"),
      import("../fhir/version.js"),
    ]);
    const type = opts.fhir === "document" ? "document" : "collection";
    const now = new Date();
    const bundles = valid.value.cases.map((c, i) =>
      toBundle({ case: c, result: results[i]!, lang: opts.lang, now, version: VERSION }, k, type),
    );
    io.out(JSON.stringify(valid.value.array ? bundles : bundles[0], null, 2));
  } else if (opts.json) {
    io.out(JSON.stringify(valid.value.array ? results : results[0], null, 2));
  } else {
    const texts = results.map((r) => renderText(r, k, { lang: opts.lang, color: io.color, width: io.width }));
    io.out(texts.join(`\n\n${"─".repeat(Math.min(io.width, 60))}\n\n`));
  }
  return EXIT.ok;
}
