#!/usr/bin/env node
// The command line entry. The TypeScript sources are compiled to dist/ by `npm ci` (prepare) or `npm run build`.
try {
  await import("../dist/cli/entry.js");
} catch (e) {
  if (e && e.code === "ERR_MODULE_NOT_FOUND" && String(e.message).includes("dist")) {
    process.stderr.write("backcheck: not built yet; run `npm ci` (or `npm run build`) in the repository first.\n");
    process.exit(1);
  }
  throw e;
}
