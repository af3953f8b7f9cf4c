import { test } from "node:test";
import assert from "node:assert/strict";
import fs, { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { compiledForm, knowledgeSourceFiles, OUTSIDE, readCompiledKnowledge, sourcesHash } from "./compiled.js";
import { keepForNextRun, loadCompiledOrSources, loadKnowledge } from "./load.js";
import { KNOWLEDGE_DIR } from "./paths.js";
import { knowledgeVersion } from "./version.js";

/** A private copy of the knowledge and its compiled form, so a test can edit sources. */
function workspace(): { dir: string; file: string; done: () => void } {
  const root = mkdtempSync(join(tmpdir(), "backcheck-knowledge-"));
  const dir = join(root, "knowledge");
  cpSync(KNOWLEDGE_DIR, dir, { recursive: true });
  const k = loadKnowledge(dir);
  assert.ok(k.ok);
  const file = join(root, "knowledge.json");
  writeFileSync(file, JSON.stringify(compiledForm(k.value, dir)));
  return { dir, file, done: () => rmSync(root, { recursive: true, force: true }) };
}

test("the compiled form loads as exactly the knowledge the validated sources give, version included", () => {
  const w = workspace();
  try {
    const fromSources = loadKnowledge(w.dir);
    const compiled = readCompiledKnowledge(w.file, w.dir);
    assert.ok(fromSources.ok && compiled.ok);
    assert.deepStrictEqual(compiled.value, fromSources.value);
    assert.match(compiled.value.version, /^[0-9a-f]{12}$/);
    assert.equal(compiled.value.version, knowledgeVersion(fromSources.value));
    const r = loadCompiledOrSources(w.file, w.dir);
    assert.ok(r.ok);
    assert.deepEqual(r.value.origin, { from: "compiled" });
  } finally {
    w.done();
  }
});

test("an edited source is what runs: the compiled form is stale, the sources are validated, the version changes", () => {
  const w = workspace();
  try {
    const before = readCompiledKnowledge(w.file, w.dir);
    assert.ok(before.ok);
    const en = join(w.dir, "locales", "en.json");
    const texts = JSON.parse(readFileSync(en, "utf8")) as Record<string, string>;
    texts["disclaimer"] = "Edited after the build.";
    writeFileSync(en, JSON.stringify(texts));
    assert.deepEqual(readCompiledKnowledge(w.file, w.dir), { ok: false, reason: "stale" });
    const r = loadCompiledOrSources(w.file, w.dir);
    assert.ok(r.ok);
    assert.deepEqual(r.value.origin, { from: "sources", because: "stale" });
    assert.equal(r.value.knowledge.locales["en"]?.["disclaimer"], "Edited after the build.");
    assert.notEqual(r.value.knowledge.version, before.value.version);
  } finally {
    w.done();
  }
});

test("an invalid edit after the build is reported, never hidden by the compiled form", () => {
  const w = workspace();
  try {
    const file = join(w.dir, "rules", "extra.yaml");
    writeFileSync(
      file,
      "- id: extra\n  level: emergency\n  when: no_such_field is true\n  why: a test\n  sources: [seed]\n",
    );
    const r = loadCompiledOrSources(w.file, w.dir);
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.problems.some((p) => p.code === "knowledge.index"));
  } finally {
    w.done();
  }
});

test("knowledge compiled by other code (a schema since changed) is not used either", () => {
  const w = workspace();
  try {
    const compiled = JSON.parse(readFileSync(w.file, "utf8")) as { code: string };
    assert.match(compiled.code, /^[0-9a-f]{64}$/);
    writeFileSync(w.file, JSON.stringify({ ...compiled, code: "0".repeat(64) }));
    assert.deepEqual(readCompiledKnowledge(w.file, w.dir), { ok: false, reason: "other_code" });
    const r = loadCompiledOrSources(w.file, w.dir);
    assert.ok(r.ok);
    assert.deepEqual(r.value.origin, { from: "sources", because: "other_code" });
  } finally {
    w.done();
  }
});

test("a missing or unreadable compiled file falls back to the sources", () => {
  const w = workspace();
  try {
    writeFileSync(w.file, "{ not json");
    assert.deepEqual(readCompiledKnowledge(w.file, w.dir), { ok: false, reason: "unreadable" });
    writeFileSync(w.file, JSON.stringify({ format: 0, sources: sourcesHash(w.dir) }));
    assert.deepEqual(readCompiledKnowledge(w.file, w.dir), { ok: false, reason: "unreadable" });
    rmSync(w.file);
    const r = loadCompiledOrSources(w.file, w.dir);
    assert.ok(r.ok);
    assert.deepEqual(r.value.origin, { from: "sources", because: "missing" });
  } finally {
    w.done();
  }
});

test("the sources hash covers every file the loader reads", () => {
  // Record every file the validating loader opens; each must be one the freshness check hashes, or an edit
  // to it would leave the compiled form looking current.
  const read: string[] = [];
  const original = fs.readFileSync;
  const spy = ((path: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
    if (typeof path === "string" && path.startsWith(KNOWLEDGE_DIR)) read.push(relative(KNOWLEDGE_DIR, path));
    return (original as (...a: unknown[]) => unknown)(path, ...rest);
  }) as typeof fs.readFileSync;
  fs.readFileSync = spy;
  syncBuiltinESMExports();
  try {
    assert.ok(loadKnowledge(KNOWLEDGE_DIR).ok);
  } finally {
    fs.readFileSync = original;
    syncBuiltinESMExports();
  }
  assert.ok(read.length > 40, `the spy saw ${read.length} reads`);
  const hashed = new Set(knowledgeSourceFiles(KNOWLEDGE_DIR));
  assert.deepEqual(
    read.filter((f) => !hashed.has(f)),
    [],
  );
});

test("the version depends on the content alone", () => {
  const k = loadKnowledge();
  assert.ok(k.ok);
  assert.equal(knowledgeVersion(k.value), k.value.version);
  assert.equal(knowledgeVersion({ ...k.value, version: "anything" }), k.value.version);
  const edited = { ...k.value, settings: { ...k.value.settings, max_conditions: k.value.settings.max_conditions + 1 } };
  assert.notEqual(knowledgeVersion(edited), k.value.version);
});

test("knowledge validated from the sources is kept for the next run: read back the same, stale after an edit", () => {
  const w = workspace();
  try {
    const k = loadKnowledge(w.dir);
    assert.ok(k.ok);
    const kept = join(w.dir, "..", "cache", "knowledge.json");
    keepForNextRun(k.value, kept, w.dir);
    const again = readCompiledKnowledge(kept, w.dir);
    assert.ok(again.ok);
    assert.deepStrictEqual(again.value, k.value);
    writeFileSync(join(w.dir, "settings.json"), `${readFileSync(join(w.dir, "settings.json"), "utf8")}\n`);
    assert.deepEqual(readCompiledKnowledge(kept, w.dir), { ok: false, reason: "stale" });
    // A folder that cannot be made (a file stands in its way) is no error: the next run validates again.
    const blocker = join(w.dir, "..", "blocker");
    writeFileSync(blocker, "");
    assert.doesNotThrow(() => keepForNextRun(k.value, join(blocker, "cache", "knowledge.json"), w.dir));
  } finally {
    w.done();
  }
});

test("the code hash covers every module outside this folder that the knowledge code imports", () => {
  const here = new URL(".", import.meta.url);
  const imported = new Set<string>();
  for (const f of fs.readdirSync(here).filter((n) => n.endsWith(".ts") && !n.endsWith(".test.ts"))) {
    for (const m of readFileSync(new URL(f, here), "utf8").matchAll(/from "(\.\.\/[^"]+)\.js"/g)) imported.add(m[1]!);
  }
  assert.deepEqual([...imported].sort(), [...OUTSIDE].sort());
});
