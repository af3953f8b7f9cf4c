// Builds the web app into dist/web, a static site that works from any static host:
// - the page (index.html) and its first JavaScript, split by esbuild so the first page carries only the
//   start screen; every other screen, the engine and the chart library are chunks loaded when needed;
// - the knowledge, loaded and validated once here with the project's own loader, written as JSON: the
//   language-independent core and one file per language with the texts the page needs; content hashes in
//   the file names, so a cache never mixes two versions;
// - the service worker (caches everything above, versioned by hash), the manifest and its icons.
// Prints the first page's size and the engine + knowledge size, gzipped, and fails over either budget.
// Needs `tsc -p tsconfig.json` first (npm run build does it): the knowledge loader runs from dist/.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { pngIcon, svgIcon } from "./icons.mjs";

const require = createRequire(import.meta.url);
const root = new URL("../", import.meta.url).pathname;
const out = `${root}dist/web/`;
/** The first page's JavaScript, gzipped (issue 12). */
const FIRST_PAGE_BUDGET = 12 * 1024;
/** The engine, the knowledge and the screens loaded right after the start screen, gzipped (issue 16). */
const ENGINE_BUDGET = 80 * 1024;

const hash = (data, n = 10) => createHash("sha256").update(data).digest("hex").slice(0, n);
const gz = (data) => gzipSync(data, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

rmSync(out, { recursive: true, force: true });
mkdirSync(`${out}assets`, { recursive: true });
mkdirSync(`${out}k`, { recursive: true });
mkdirSync(`${out}icons`, { recursive: true });

// ---- Knowledge: loaded and validated by the same loader the server and the terminal use.
const { loadKnowledge } = await import(`${root}dist/knowledge/load.js`);
const loaded = loadKnowledge();
if (!loaded.ok) {
  console.error(`web: the knowledge is invalid:\n${loaded.problems.map((p) => `${p.path}: ${p.message}`).join("\n")}`);
  process.exit(1);
}
const { locales, version: givenVersion, ...coreParts } = loaded.value;
/**
 * The knowledge's version: `Knowledge.version` when the loader sets it, else a short hash of the content
 * (the same idea: a result names the exact knowledge that produced it).
 */
const version = givenVersion ?? hash(JSON.stringify({ ...coreParts, locales }), 12);
// Texts the web page never shows (the terminal's, the FHIR documents') stay out of the page's files. The
// return-to-training plan arrives worded from the server (/api/plan): of its texts, only those the page's
// own code names are kept.
const webSource = readdirSync(`${root}web/src`, { recursive: true })
  .filter((f) => f.endsWith(".ts"))
  .map((f) => readFileSync(`${root}web/src/${f}`, "utf8"))
  .join("\n");
const planKeys = new Set(webSource.match(/\bplan\.[a-z_]+(\.[a-z_]+)*/g) ?? []);
const WEB_TEXT = (key) =>
  !key.startsWith("fhir.") && !key.startsWith("terminal.") && (!key.startsWith("plan.") || planKeys.has(key));
// The engine words one text itself in the default language (the disclaimer): it travels with the core, so
// a result is the same whichever language's file is loaded.
const engineTexts = { en: { disclaimer: locales.en.disclaimer } };
const core = JSON.stringify({ ...coreParts, version, locales: engineTexts });
const files = { version, core: `k/core.${hash(core)}.json`, locales: {} };
writeFileSync(`${out}${files.core}`, core);
const localeSizes = {};
for (const [lang, texts] of Object.entries(locales)) {
  const json = JSON.stringify(Object.fromEntries(Object.entries(texts).filter(([key]) => WEB_TEXT(key))));
  files.locales[lang] = `k/${lang}.${hash(json)}.json`;
  writeFileSync(`${out}${files.locales[lang]}`, json);
  localeSizes[lang] = gz(json);
}
/**
 * The texts of the start screen and the header, in every language, ride in the first page itself: the keys
 * its own files name (main.ts and the modules kernel.ts gathers), and no others.
 */
const FIRST_PAGE_FILES = [
  "main.ts",
  "kernel.ts",
  "api.ts",
  "build-info.ts",
  "dom.ts",
  "i18n.ts",
  "nav.ts",
  "store.ts",
  "screens/start.ts",
  "story-view.ts",
];
const firstPageSource = FIRST_PAGE_FILES.map((f) => readFileSync(`${root}web/src/${f}`, "utf8")).join("\n");
const firstPageKeys = new Set(
  [...firstPageSource.matchAll(/"([a-z]+(?:\.[a-z0-9_]+)+|disclaimer)"/g)].map((m) => m[1]),
);
const START_KEYS = (key) => firstPageKeys.has(key);
const startTexts = Object.fromEntries(
  Object.entries(locales).map(([lang, texts]) => [
    lang,
    Object.fromEntries(Object.entries(texts).filter(([key]) => START_KEYS(key))),
  ]),
);

// ---- The case contract's validator, compiled ahead of time (ajv standalone): the browser runs no eval.
const { Ajv2020 } = require("ajv/dist/2020.js");
const standaloneCode = require("ajv/dist/standalone").default;
const ajv = new Ajv2020({ allErrors: true, strict: false, code: { source: true, esm: true } });
// Titles, descriptions and examples are for readers of the schema; validation never reads them.
const ANNOTATIONS = new Set(["title", "description", "examples", "$comment"]);
const bare = (node) =>
  Array.isArray(node)
    ? node.map(bare)
    : node && typeof node === "object"
      ? Object.fromEntries(
          Object.entries(node)
            .filter(([key, v]) => !(ANNOTATIONS.has(key) && typeof v !== "object") || key === "properties")
            .map(([key, v]) => [
              key,
              key === "properties" || key === "$defs"
                ? Object.fromEntries(Object.entries(v).map(([name, s]) => [name, bare(s)]))
                : bare(v),
            ]),
        )
      : node;
const caseValidator = standaloneCode(
  ajv,
  ajv.compile(bare(JSON.parse(readFileSync(`${root}contract/case.schema.json`, "utf8")))),
);

// ---- Styles (hashed names: cached for good), uPlot's own CSS only with the diary.
const styles = readFileSync(`${root}web/styles.css`);
const stylesName = `assets/styles-${hash(styles, 8)}.css`;
writeFileSync(`${out}${stylesName}`, styles);
const uplotCss = readFileSync(require.resolve("uplot/dist/uPlot.min.css"));
const uplotName = `assets/uplot-${hash(uplotCss, 8)}.css`;
writeFileSync(`${out}${uplotName}`, uplotCss);

/**
 * The browser build of src/: the engine and the interview are bundled as they are. Two modules are
 * swapped: the case validator (Node reads the schema from disk and compiles it at run time; the browser
 * gets the standalone one) and zod, which only describes the knowledge's schema for the build-time
 * validation: the browser receives knowledge already validated, so an inert stand-in keeps 100 KB of
 * schema library out of the engine. It throws if anything tries to parse with it.
 */
const browserSrc = {
  name: "browser-src",
  setup(b) {
    b.onResolve({ filter: /^zod$/ }, () => ({ path: `${root}web/src/local/zod-inert.ts` }));
    b.onResolve({ filter: /\/case\/validate-case\.js$/ }, () => ({ path: `${root}web/src/local/validate-case.ts` }));
    b.onResolve({ filter: /^virtual:case-validator$/ }, () => ({ path: "case-validator", namespace: "virtual" }));
    b.onLoad({ filter: /.*/, namespace: "virtual" }, () => ({
      contents: caseValidator,
      loader: "js",
      resolveDir: root,
    }));
  },
};

const result = await build({
  // The engine is an entry of its own (its exports keep their names): the page loads it as a chunk, and
  // test/e2e/same-results.e2e.test.ts imports it straight into Chromium to compare it with Node.
  entryPoints: { app: `${root}web/src/main.ts`, engine: `${root}web/src/local/engine.ts` },
  bundle: true,
  splitting: true,
  minify: true,
  format: "esm",
  target: ["es2020"],
  outdir: `${out}assets`,
  entryNames: "[name]-[hash]",
  chunkNames: "c-[hash]",
  legalComments: "none",
  logLevel: "warning",
  metafile: true,
  platform: "browser",
  plugins: [browserSrc],
  define: {
    __KNOWLEDGE__: JSON.stringify(files),
    __START_TEXTS__: JSON.stringify(startTexts),
    __UPLOT_CSS__: JSON.stringify(uplotName),
  },
});
const outputs = result.metafile.outputs;
// WEB_METAFILE=path writes esbuild's metafile, to see what each chunk holds.
if (process.env.WEB_METAFILE) writeFileSync(process.env.WEB_METAFILE, JSON.stringify(result.metafile));
const rel = (p) => p.slice(p.indexOf("dist/web/") + "dist/web/".length);
const entry = Object.keys(outputs).find((p) => outputs[p].entryPoint?.endsWith("web/src/main.ts"));
/** A chunk and everything it imports statically: what the browser must fetch before it runs. */
const closure = (p, seen = new Set()) => {
  if (seen.has(p)) return seen;
  seen.add(p);
  for (const i of outputs[p].imports) if (i.kind === "import-statement") closure(i.path, seen);
  return seen;
};
const firstPage = [...closure(entry)];
/** The chunks that hold the engine, the interview and the result: prefetched right after the start screen. */
const byInput = (suffix) =>
  Object.keys(outputs).find((p) => Object.keys(outputs[p].inputs).some((i) => i.endsWith(suffix)) && p.endsWith(".js"));
const prefetch = new Set();
for (const suffix of [
  "web/src/local/engine.ts",
  "web/src/screens/interview.ts",
  "web/src/result-view.ts",
  "src/interview/next-step.ts",
]) {
  const p = byInput(suffix);
  if (!p) throw new Error(`web: no chunk holds ${suffix}`);
  for (const c of closure(p)) if (!firstPage.includes(c)) prefetch.add(c);
}
const jsSize = (list) => list.reduce((n, p) => n + gz(readFileSync(p)), 0);
const firstPageGz = jsSize(firstPage);
const engineGz = jsSize([...prefetch]) + gz(core) + Math.max(...Object.values(localeSizes));

// ---- Icons and the manifest: what Chromium needs to offer "Install" (name, icons 192 and 512, start_url, display).
copyFileSync(`${root}web/favicon.svg`, `${out}favicon.svg`);
writeFileSync(`${out}icons/icon.svg`, svgIcon());
for (const size of [192, 512]) writeFileSync(`${out}icons/icon-${size}.png`, pngIcon(size));
writeFileSync(`${out}icons/maskable-512.png`, pngIcon(512, true));
const manifest = {
  name: "backcheck: back pain after sport",
  short_name: "backcheck",
  description:
    "Back pain after sport, the gym, a trampoline or a fall: how urgent it is and what to do. It does not replace a doctor.",
  id: "./",
  start_url: "./",
  scope: "./",
  display: "standalone",
  background_color: "#ffffff",
  theme_color: "#1d4ed8",
  icons: [
    { src: "icons/icon.svg", sizes: "any", type: "image/svg+xml" },
    { src: "icons/icon-192.png", sizes: "192x192", type: "image/png" },
    { src: "icons/icon-512.png", sizes: "512x512", type: "image/png" },
    { src: "icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
  ],
};
writeFileSync(`${out}manifest.webmanifest`, JSON.stringify(manifest, null, 2));

// ---- The page: relative addresses throughout, so it works from a sub-folder of any static host.
const preloads = firstPage.filter((p) => p !== entry).map((p) => `  <link rel="modulepreload" href="${rel(p)}">`);
const page = readFileSync(`${root}web/index.html`, "utf8")
  .replace("<!--styles-->", `<link rel="stylesheet" href="${stylesName}">`)
  .replace("<!--scripts-->", [`<script type="module" src="${rel(entry)}"></script>`, ...preloads].join("\n"));
writeFileSync(`${out}index.html`, page);

// ---- The service worker: every file of this build, under a cache named by the build's hash.
const cached = [
  "./",
  ...Object.keys(outputs)
    .filter((p) => p.endsWith(".js"))
    .map(rel),
  stylesName,
  uplotName,
  files.core,
  ...Object.values(files.locales),
  "manifest.webmanifest",
  "favicon.svg",
  "icons/icon.svg",
  "icons/icon-192.png",
  "icons/icon-512.png",
];
const cacheName = `backcheck-${hash(cached.join("\n") + page)}`;
await build({
  entryPoints: [`${root}web/src/sw.ts`],
  bundle: true,
  minify: true,
  format: "esm",
  target: ["es2020"],
  outfile: `${out}sw.js`,
  logLevel: "warning",
  define: {
    __CACHE__: JSON.stringify(cacheName),
    __FILES__: JSON.stringify(cached),
    __CORE__: JSON.stringify(files.core),
  },
});

// ---- Compressed copies for servers that send them (the project's own server does; see routes/web.ts).
const text = (p) => /\.(js|css|html|json|svg|webmanifest)$/.test(p);
for (const p of [
  ...Object.keys(outputs).map(rel),
  stylesName,
  uplotName,
  files.core,
  ...Object.values(files.locales),
  "index.html",
  "sw.js",
  "manifest.webmanifest",
  "icons/icon.svg",
  "favicon.svg",
]) {
  if (!text(p)) continue;
  const data = readFileSync(`${out}${p}`);
  if (data.length < 1024) continue;
  writeFileSync(`${out}${p}.gz`, gzipSync(data, { level: 9 }));
  writeFileSync(`${out}${p}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
}

console.log(
  `web: knowledge version ${version}; ${kb(gz(core))} core, ${Object.entries(localeSizes)
    .map(([l, n]) => `${kb(n)} ${l}`)
    .join(", ")} texts (gzipped)`,
);
console.log(
  `web: first page JavaScript   ${kb(firstPageGz).padStart(8)} gzipped (${firstPage.length} file${firstPage.length > 1 ? "s" : ""}; budget ${kb(FIRST_PAGE_BUDGET)})`,
);
console.log(
  `web: engine + knowledge      ${kb(engineGz).padStart(8)} gzipped (${prefetch.size} chunks, core, one language; budget ${kb(ENGINE_BUDGET)})`,
);
console.log(`web: page ${kb(gz(page))}, styles ${kb(gz(styles))} gzipped`);
let over = false;
if (firstPageGz > FIRST_PAGE_BUDGET) {
  console.error(
    `web: the first page's JavaScript is ${kb(firstPageGz)} gzipped, over its ${kb(FIRST_PAGE_BUDGET)} budget`,
  );
  over = true;
}
if (engineGz > ENGINE_BUDGET) {
  console.error(`web: the engine and knowledge are ${kb(engineGz)} gzipped, over their ${kb(ENGINE_BUDGET)} budget`);
  over = true;
}
// Read by bench/web.bench.mjs and the tests: what this build holds.
const engineEntry = Object.keys(outputs).find((p) => outputs[p].entryPoint?.endsWith("web/src/local/engine.ts"));
writeFileSync(
  `${out}build.json`,
  JSON.stringify(
    {
      version,
      files,
      cache: cacheName,
      engine: rel(engineEntry),
      firstPage: firstPage.map(rel),
      prefetch: [...prefetch].map(rel),
      firstPageGz,
      engineGz,
    },
    null,
    2,
  ),
);
if (over) process.exit(1);
