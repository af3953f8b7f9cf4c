import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { ROOT } from "../src/cli/source-cli.js";

/**
 * The tests run the sources, but `npm start` and the installed `backcheck` command run dist/: a build older
 * than its sources would ship code no test has seen. `npm test` builds before it tests, so here the build
 * must be at least as new as every source and hold nothing a source no longer explains.
 */
const files = (dir: string, ext: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile() && e.name.endsWith(ext))
        .map((e) => join(e.parentPath, e.name))
    : [];
const mtime = (f: string): number => statSync(f).mtimeMs;

// Outside CI a checkout that was never built has nothing stale to find; CI always builds first.
const skip =
  existsSync(`${ROOT}dist/cli/entry.js`) || process.env["CI"] ? false : "dist/ is not built (npm test builds it)";

test("dist/ is built from the sources as they are: no source newer than its output, no output without a source", {
  skip,
}, () => {
  const stale: string[] = [];
  for (const src of files(`${ROOT}src`, ".ts")) {
    const out = `${ROOT}dist/${relative(`${ROOT}src`, src).replace(/\.ts$/, ".js")}`;
    if (!existsSync(out)) stale.push(`${relative(ROOT, src)}: not compiled`);
    else if (mtime(out) < mtime(src)) stale.push(`${relative(ROOT, src)}: changed after its build`);
  }
  for (const out of files(`${ROOT}dist`, ".js").filter((f) => !f.startsWith(`${ROOT}dist/web/`))) {
    const src = `${ROOT}src/${relative(`${ROOT}dist`, out).replace(/\.js$/, ".ts")}`;
    if (!existsSync(src)) stale.push(`${relative(ROOT, out)}: its source is gone`);
  }
  // The web build writes build.json last; the page bundles the engine and the knowledge as well as web/.
  const web = `${ROOT}dist/web/build.json`;
  if (!existsSync(web)) stale.push("dist/web/build.json: not built");
  else
    for (const src of [...files(`${ROOT}web`, ""), ...files(`${ROOT}knowledge`, "")])
      if (mtime(src) > mtime(web)) stale.push(`${relative(ROOT, src)}: changed after the web build`);
  assert.deepEqual(stale, [], `the build is stale; run npm run build:\n${stale.join("\n")}`);
});

test("the installed command (bin/backcheck.js, which runs dist/) starts and answers", { skip }, () => {
  const r = spawnSync(
    process.execPath,
    [`${ROOT}bin/backcheck.js`, "assess", `${ROOT}examples/beginner-after-squats.json`, "--json"],
    { encoding: "utf8" },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { triage: string }).triage, "self_care");
});
