// Builds the web app into dist/web: one bundled, minified script, the page, the styles. Prints the sizes,
// raw and gzipped, because the first page's JavaScript must stay small (under 200 KB gzipped).
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";

const out = new URL("../dist/web/", import.meta.url).pathname;
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [new URL("../web/src/main.ts", import.meta.url).pathname],
  bundle: true,
  minify: true,
  format: "esm",
  target: ["es2020"],
  outfile: `${out}app.js`,
  legalComments: "none",
  logLevel: "warning",
});
for (const f of ["index.html", "styles.css", "favicon.svg"]) copyFileSync(new URL(`../web/${f}`, import.meta.url), `${out}${f}`);
copyFileSync(new URL("../node_modules/uplot/dist/uPlot.min.css", import.meta.url), `${out}uplot.css`);
const LIMIT = 200 * 1024;
let total = 0;
for (const f of ["app.js", "styles.css", "index.html"]) {
  const raw = statSync(`${out}${f}`).size;
  const gz = gzipSync(readFileSync(`${out}${f}`)).length;
  if (f === "app.js") total = gz;
  console.log(`web: ${f.padEnd(11)} ${(raw / 1024).toFixed(1).padStart(6)} KB, ${(gz / 1024).toFixed(1).padStart(5)} KB gzipped`);
}
if (total > LIMIT) {
  console.error(`web: app.js is ${(total / 1024).toFixed(1)} KB gzipped, over the ${LIMIT / 1024} KB budget`);
  process.exit(1);
}
