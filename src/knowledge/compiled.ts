import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Knowledge } from "./schema.js";

/**
 * The compiled form of the knowledge: what loadKnowledge makes of the sources after validating them, written
 * once by `npm run build` (dist/knowledge.json) so that a start of the terminal program or the server reads
 * one JSON file instead of parsing YAML and validating everything with zod (about 60-120 ms a start).
 *
 * The file records a hash of the sources it was compiled from, and of the code that compiled them. It is
 * used only while both still hash the same; after any edit (a YAML rule, a locale text, a file added or removed) the loader validates
 * the sources instead, so a developer never runs stale knowledge, and `npm run build` compiles them again.
 */
export interface CompiledKnowledge {
  format: typeof FORMAT;
  /** SHA-256 of the source files (see sourcesHash). */
  sources: string;
  /** SHA-256 of the loading and validating code that compiled them (see codeHash). */
  code: string;
  /** The same as knowledge.version, here too so a reader need not parse the rest to see it. */
  version: string;
  knowledge: Knowledge;
}

/** Bumped when the compiled form changes shape: an older file is then ignored, never misread. */
const FORMAT = 2;

/** Top-level files read by the loader (load.ts, sources-format.ts). */
const TOP_FILES = [
  "index.yaml",
  "findings.yaml",
  "advice.yaml",
  "investigations.json",
  "sources.json",
  "settings.json",
  "diary.json",
];
/** Folders read whole by the loader, with the kind of file each holds. */
const FOLDERS: [string, string][] = [
  ["locales", ".json"],
  ["rules", ".yaml"],
  ["conditions", ".yaml"],
];

/** Every file the loader reads, relative to the knowledge folder, in a fixed order. */
export function knowledgeSourceFiles(dir: string): string[] {
  const files = [...TOP_FILES];
  for (const [folder, ext] of FOLDERS) {
    const path = join(dir, folder);
    if (existsSync(path))
      files.push(
        ...readdirSync(path)
          .filter((n) => n.endsWith(ext))
          .sort()
          .map((n) => `${folder}/${n}`),
      );
  }
  return files;
}

/**
 * SHA-256 over each source file's name and content. Contents, not modification times: a checkout or a copy
 * changes times without changing knowledge, and an edit within the same second must still count.
 */
export function sourcesHash(dir: string): string {
  const h = createHash("sha256");
  for (const f of knowledgeSourceFiles(dir)) {
    h.update(f).update("\0");
    // A missing top-level file hashes as absent; the loader then reports it properly.
    h.update(existsSync(join(dir, f)) ? readFileSync(join(dir, f)) : "\u0000missing").update("\0");
  }
  return h.digest("hex");
}

/** This folder's modules as this process runs them: src/knowledge/*.ts under tsx, dist/knowledge/*.js built. */
const CODE_DIR = fileURLToPath(new URL(".", import.meta.url));

/**
 * SHA-256 of the code that reads, validates and shapes the knowledge (this folder's modules). A schema that
 * gains a default changes the compiled form without any source changing: such a file is stale too. Under
 * tsx (the tests) the code is the .ts sources, never what compiled dist/knowledge.json, so the tests read
 * and validate the sources, as they always did.
 */
export function codeHash(): string {
  const h = createHash("sha256");
  const own = readdirSync(CODE_DIR)
    .filter((n) => /\.(ts|js)$/.test(n) && !/\.(test|d)\.[tj]s$/.test(n))
    .sort();
  // The modules outside this folder that the validation reads (the triage levels, the problem shape).
  const ext = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
  for (const f of [...own, ...OUTSIDE.map((m) => `${m}${ext}`)]) {
    h.update(f)
      .update("\0")
      .update(readFileSync(join(CODE_DIR, f)))
      .update("\0");
  }
  return h.digest("hex");
}

/** Modules of other folders that this folder imports, relative to it, without their extension. */
export const OUTSIDE = ["../engine/types", "../errors/problem"];

/** The compiled form of validated knowledge read from `dir`. */
export function compiledForm(k: Knowledge, dir: string): CompiledKnowledge {
  return { format: FORMAT, sources: sourcesHash(dir), code: codeHash(), version: k.version, knowledge: k };
}

export type CompiledRead =
  | { ok: true; value: Knowledge }
  | { ok: false; reason: "missing" | "unreadable" | "stale" | "other_code" };

/**
 * The compiled knowledge in `file`, if it was compiled from the sources now in `dir`. No validation here:
 * the file was written from validated knowledge, and the hash shows the sources have not changed since.
 */
export function readCompiledKnowledge(file: string, dir: string): CompiledRead {
  let compiled: CompiledKnowledge;
  try {
    compiled = JSON.parse(readFileSync(file, "utf8")) as CompiledKnowledge;
  } catch (e) {
    return { ok: false, reason: (e as NodeJS.ErrnoException).code === "ENOENT" ? "missing" : "unreadable" };
  }
  if (
    compiled?.format !== FORMAT ||
    typeof compiled.sources !== "string" ||
    !compiled.knowledge ||
    compiled.knowledge.version !== compiled.version
  ) {
    return { ok: false, reason: "unreadable" };
  }
  if (compiled.sources !== sourcesHash(dir)) return { ok: false, reason: "stale" };
  if (compiled.code !== codeHash()) return { ok: false, reason: "other_code" };
  return { ok: true, value: compiled.knowledge };
}

/** The package's default knowledge, shared by load.ts and default-knowledge.ts so a process holds one copy. */
let shared: Knowledge | undefined;
export const sharedDefault = (): Knowledge | undefined => shared;
export const rememberDefault = (k: Knowledge): Knowledge => (shared = k);
