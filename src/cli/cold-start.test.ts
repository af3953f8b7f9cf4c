import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

// What a start of the installed program loads (issue 12: commands import their dependencies only when they
// run, and the knowledge is validated at build time, not at every start). Timing belongs to `npm run bench`
// (bench/cli.bench.js); this test checks the cause: which modules are loaded at all.
const root = fileURLToPath(new URL("../../", import.meta.url));
const built = existsSync(`${root}dist/cli/main.js`) && existsSync(`${root}dist/knowledge.json`);

/** The ES modules a run of the built program loads, as paths from the repository root. */
function modulesLoaded(args: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), "backcheck-modules-"));
  try {
    // The hooks run on their own thread: a synchronous append is certain to land before the program exits.
    const log = join(dir, "loaded.txt");
    writeFileSync(log, "");
    writeFileSync(
      join(dir, "hooks.mjs"),
      `import { appendFileSync } from "node:fs";\nexport async function load(url, context, next) { if (url.startsWith("file:")) appendFileSync(${JSON.stringify(log)}, url + "\\n"); return next(url, context); }\n`,
    );
    writeFileSync(
      join(dir, "register.mjs"),
      `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(join(dir, "hooks.mjs")).href)});\n`,
    );
    const r = spawnSync(
      process.execPath,
      ["--import", pathToFileURL(join(dir, "register.mjs")).href, `${root}bin/backcheck.js`, ...args],
      { encoding: "utf8" },
    );
    assert.equal(r.status, 0, r.stderr);
    return readFileSync(log, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => fileURLToPath(l).slice(root.length));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const heavy =
  /node_modules\/(zod|yaml|kysely|pg|better-sqlite3|@clack|ajv\/dist\/(2020|core|compile)|@medplum|fastify)\//;

test("--help loads commander and the command definitions only", { skip: !built && "dist/ not built" }, () => {
  const loaded = modulesLoaded(["--help"]);
  assert.ok(loaded.includes("dist/cli/main.js"));
  assert.deepEqual(
    loaded.filter(
      (m) =>
        heavy.test(m) ||
        /dist\/(engine|knowledge\/(load|validate|schema|default-knowledge)|case|storage|server|fhir)\//.test(m),
    ),
    [],
  );
});

test("assess --json runs on the compiled knowledge: no zod, no YAML parser, no storage, no schema compiler", {
  skip: !built && "dist/ not built",
}, () => {
  const loaded = modulesLoaded(["assess", `${root}examples/beginner-after-squats.json`, "--json"]);
  assert.ok(loaded.includes("dist/engine/assess.js") && loaded.includes("dist/case/case-validator.generated.js"));
  assert.deepEqual(
    loaded.filter(
      (m) =>
        heavy.test(m) ||
        /dist\/(knowledge\/(load|validate|sources-format|predicate|predicate-text)\.js|storage|server|fhir|interview|diary)/.test(
          m,
        ),
    ),
    [],
  );
});
