import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fail, ok, type Outcome } from "../errors/problem.js";
import { compiledForm, readCompiledKnowledge, rememberDefault, sharedDefault, type CompiledRead } from "./compiled.js";
import { COMPILED_KNOWLEDGE, KNOWLEDGE_DIR, SOURCE_RUN_KNOWLEDGE } from "./paths.js";
import type { Knowledge } from "./schema.js";
import { locate, readKnowledgeSources, type RuleDoc } from "./sources-format.js";
import { validateKnowledge, type RawKnowledge } from "./validate.js";

export { KNOWLEDGE_DIR };

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

/** Reads the raw files; a file that cannot be read or parsed becomes a problem, not an exception. */
export function readRawKnowledge(dir: string = KNOWLEDGE_DIR): Outcome<RawKnowledge> {
  const files = {
    investigations: "investigations.json",
    sources: "sources.json",
    settings: "settings.json",
    diary: "diary.json",
  } as const;
  const raw: Record<string, unknown> = {};
  const problems = [];
  for (const [key, file] of Object.entries(files)) {
    try {
      raw[key] = readJson(join(dir, file));
    } catch (e) {
      problems.push({ code: "knowledge.read", path: file, message: (e as Error).message });
    }
  }
  const locales: Record<string, unknown> = {};
  try {
    // A language's texts may be split by area: en.json, en.plan.json, en.fhir.json ... all merge into "en".
    // Splitting keeps each area's texts beside each other and lets areas change without touching one file.
    for (const f of readdirSync(join(dir, "locales"))
      .filter((n) => n.endsWith(".json"))
      .sort()) {
      const lang = f.split(".")[0] ?? f;
      const part = readJson(join(dir, "locales", f));
      locales[lang] ??= {};
      const into = locales[lang] as Record<string, unknown>;
      if (part && typeof part === "object" && !Array.isArray(part)) {
        for (const [key, value] of Object.entries(part)) {
          if (key in into)
            problems.push({
              code: "knowledge.locale_duplicate",
              path: `locales/${f}.${key}`,
              message: "this text is defined in another file of the same language",
            });
          into[key] = value;
        }
      } else {
        locales[lang] = part;
      }
    }
  } catch (e) {
    problems.push({ code: "knowledge.read", path: "locales", message: (e as Error).message });
  }
  // The clinical knowledge proper is written as reviewable YAML sources (see sources-format.ts).
  const { sources, problems: sourceProblems } = readKnowledgeSources(dir);
  problems.push(...sourceProblems);
  if (problems.length > 0) return fail(problems);
  const { docs, origins, ...compiled } = sources;
  lastOrigins = origins;
  ruleDocs = docs;
  return {
    ok: true,
    value: { ...(raw as Omit<RawKnowledge, "locales" | keyof typeof compiled>), ...compiled, locales },
  };
}

let lastOrigins = new Map<string, string>();
let ruleDocs: RuleDoc[] = [];

/** Each rule's why and its fires / does-not-fire examples, as last read (they run as tests). */
export const readRuleDocs = (dir: string = KNOWLEDGE_DIR): RuleDoc[] => {
  readRawKnowledge(dir);
  return ruleDocs;
};

export function loadKnowledge(dir: string = KNOWLEDGE_DIR): Outcome<Knowledge> {
  const raw = readRawKnowledge(dir);
  if (!raw.ok) return raw;
  const origins = lastOrigins;
  const k = validateKnowledge(raw.value);
  // A validation path names the item; point at its file and line too.
  return k.ok ? k : fail(k.problems.map((p) => ({ ...p, path: locate(p.path, origins) })));
}

/** Where loaded knowledge came from: the compiled file, or the sources (and why not the compiled file). */
export type KnowledgeOrigin =
  | { from: "compiled" }
  | { from: "sources"; because: Exclude<CompiledRead, { ok: true }>["reason"] };

/**
 * The compiled knowledge in `file` when it was compiled from the sources now in `dir`; otherwise the
 * sources of `dir`, read and validated. Knowledge is never stale: an edited source is always what runs.
 */
export function loadCompiledOrSources(
  file: string,
  dir: string,
): Outcome<{ knowledge: Knowledge; origin: KnowledgeOrigin }> {
  const compiled = readCompiledKnowledge(file, dir);
  if (compiled.ok) return ok({ knowledge: compiled.value, origin: { from: "compiled" } });
  const k = loadKnowledge(dir);
  return k.ok ? ok({ knowledge: k.value, origin: { from: "sources", because: compiled.reason } }) : k;
}

/**
 * The package's own knowledge, loaded once. Throws only if the shipped knowledge is broken (a bug).
 * Code run from its TypeScript sources (the tests, through tsx) cannot use dist/knowledge.json, which records
 * the hash of the built code: it uses the knowledge an earlier run of the same code compiled from the same
 * sources, or validates the sources and keeps the result for the next run. Each test file is a process of
 * its own, and so is each test run of a mutant: without this, every one of them validated it all again.
 */
export function defaultKnowledge(): Knowledge {
  const known = sharedDefault();
  if (known) return known;
  const compiled = readCompiledKnowledge(COMPILED_KNOWLEDGE, KNOWLEDGE_DIR);
  if (compiled.ok) return rememberDefault(compiled.value);
  const earlier = readCompiledKnowledge(SOURCE_RUN_KNOWLEDGE, KNOWLEDGE_DIR);
  if (earlier.ok) return rememberDefault(earlier.value);
  const r = loadKnowledge(KNOWLEDGE_DIR);
  if (!r.ok) {
    throw new Error(
      `backcheck's knowledge base is invalid:\n${r.problems.map((p) => `${p.path}: ${p.message}`).join("\n")}`,
    );
  }
  keepForNextRun(r.value, SOURCE_RUN_KNOWLEDGE);
  return rememberDefault(r.value);
}

/** Writes validated knowledge's compiled form for the next run; a folder that cannot be written only costs time. */
export function keepForNextRun(k: Knowledge, file: string, dir = KNOWLEDGE_DIR): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    // Written aside and renamed: two processes starting at once never read half a file.
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(compiledForm(k, dir)));
    renameSync(partial, file);
  } catch {
    // A read-only installation: the next run validates the sources again.
  }
}
