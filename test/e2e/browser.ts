import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { sourceCli } from "../../src/cli/source-cli.js";

/** Debian's Chromium; never downloaded at run time. `.ci/run` installs it. */
export const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
export const root = fileURLToPath(new URL("../../", import.meta.url));

/** The newest modification time of the files under `dir` (0 when it does not exist). */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) t = Math.max(t, statSync(join(e.parentPath, e.name)).mtimeMs);
  }
  return t;
}

/**
 * Builds the web app into dist/web when it is missing or older than its sources, so the browser tests
 * always test the sources as they are (`npm test` has built it already; a single test file run after an
 * edit builds it here). A failed build fails the tests.
 */
export function ensureWebBuilt(): void {
  // The page bundles the engine, the interview and the knowledge too, so all of them make it stale.
  const marker = `${root}dist/web/build.json`;
  const built = existsSync(marker) ? statSync(marker).mtimeMs : 0;
  const sources = Math.max(
    newest(`${root}web`),
    newest(`${root}src`),
    newest(`${root}knowledge`),
    statSync(`${root}scripts/build-web.mjs`).mtimeMs,
  );
  if (built >= sources) return;
  const r = spawnSync("npm", ["run", "build"], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`the web app did not build (npm run build):\n${r.stdout}${r.stderr}`);
}

/**
 * Why the browser tests cannot run here, or false. The web app is built when it is stale; on CI a missing
 * browser is a failure, not a skip.
 */
export function browserSkip(): string | false {
  ensureWebBuilt();
  if (existsSync(CHROMIUM)) return false;
  const message = `CHROMIUM NOT FOUND at ${CHROMIUM}: the browser tests are SKIPPED. Install it with: apt-get install -y chromium`;
  if (process.env["CI"]) throw new Error(message);
  process.stderr.write(`\n*** ${message} ***\n\n`);
  return message;
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * A browser context whose pages run on Playwright's clock. Time flows as it does without it; `settled` moves
 * it on to skip the wait of a new screen.
 */
export async function newContext(browser: Browser, options?: BrowserContextOptions): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.clock.install();
  return context;
}

/** How long a new screen ignores taps (SETTLE_MS in web/src/dom.ts: stray taps meant for the last screen). */
const SETTLE_MS = 500;

/**
 * The screen has settled and takes taps (main[data-ready], web/src/dom.ts). A test makes no stray taps, so
 * instead of waiting half a second on every screen it moves the page's clock past the settle time (the page
 * measures it with the faked performance.now and setTimeout). Called once the new screen is drawn; if it was
 * not yet, the wait goes on in real time.
 */
export async function settled(page: Page): Promise<void> {
  if (await page.$("main[data-ready]")) return;
  await page.clock.fastForward(SETTLE_MS);
  await page.waitForSelector("main[data-ready]");
}

export interface RunningServer {
  url: string;
  stop: () => Promise<void>;
}

/** `backcheck serve` on a fresh SQLite file and a free port. */
export async function startServer(): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), "backcheck-e2e-"));
  const proc: ChildProcess = spawn(process.execPath, sourceCli("serve"), {
    cwd: root,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      WEB_CONCURRENCY: "1",
      LOG_LEVEL: "warn",
      BACKCHECK_DB: join(dir, "e2e.db"),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  // Up to a minute: the sources are compiled by tsx as the server starts, slow on a busy machine.
  for (let i = 0; i < 1200; i++) {
    const m = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
    if (m) {
      return {
        url: m[1]!,
        stop: async () => {
          const exited = new Promise((r) => proc.once("exit", r));
          proc.kill("SIGTERM");
          await exited;
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  proc.kill("SIGKILL");
  throw new Error(`server did not start: ${out}`);
}
