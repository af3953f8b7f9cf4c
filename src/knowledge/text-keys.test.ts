import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import ts from "typescript";
import { ROOT } from "../cli/source-cli.js";
// @ts-expect-error: a plain JavaScript build script without type declarations
import { OUT, textKeysSource } from "../../scripts/text-keys.mjs";

const LOCALES = `${ROOT}knowledge/locales/`;
const keysOf = (lang: string): Map<string, string> => {
  const keys = new Map<string, string>();
  for (const f of readdirSync(LOCALES).filter((n) => n.startsWith(`${lang}.`) && n.endsWith(".json"))) {
    for (const k of Object.keys(JSON.parse(readFileSync(`${LOCALES}${f}`, "utf8")) as object)) keys.set(k, f);
  }
  return keys;
};

test("src/knowledge/text-keys.ts is generated from the English locale files as they are (node scripts/text-keys.mjs)", () => {
  assert.equal(readFileSync(OUT as URL, "utf8"), (textKeysSource as () => string)(), "run node scripts/text-keys.mjs");
});

test("English and Russian have the same text keys, in files of the same name", () => {
  const en = keysOf("en");
  const ru = keysOf("ru");
  assert.ok(en.size > 500, `only ${en.size} English keys were read`);
  const where = (m: Map<string, string>) => [...m].map(([k, f]) => `${f.replace(/^[a-z]+\./, "")}: ${k}`).sort();
  assert.deepEqual(where(ru), where(en));
});

/** Type-checks a snippet against the real TextKey type and returns the compiler's error messages. */
function typeErrors(snippet: string): string[] {
  const file = `${ROOT}src/knowledge/__text-key-check.ts`;
  const source = `import type { TextKey } from "./text-key.js";\ndeclare function t(key: TextKey): string;\ndeclare const field: string;\n${snippet}\n`;
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    types: [],
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (name) => (name === file ? source : read(name));
  const exists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || exists(name);
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

test("an unknown text key does not compile; a known one and a key built from a knowledge id do", () => {
  assert.deepEqual(
    typeErrors(`t("web.safety_first"); t("triage.emergency.label"); t(\`finding.\${field}.label\`);`),
    [],
  );
  const errors = typeErrors(`t("web.safety_frist");`);
  assert.equal(errors.length, 1, errors.join("\n"));
  assert.match(errors[0]!, /"web\.safety_frist"/);
  assert.equal(
    typeErrors(`t(\`web.\${field}\`);`).length,
    1,
    "a computed key outside the knowledge families must be checked with has() first",
  );
});
