import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium; never downloaded at run time. `.ci/run` installs it. */
export const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
export const root = fileURLToPath(new URL("../../", import.meta.url));

/** Why the browser tests cannot run here, or false. On CI a missing browser is a failure, not a skip. */
export function browserSkip(): string | false {
  if (!existsSync(`${root}dist/web/index.html`)) return "the web app is not built (npm run build)";
  if (existsSync(CHROMIUM)) return false;
  const message = `CHROMIUM NOT FOUND at ${CHROMIUM}: the browser tests are SKIPPED. Install it with: apt-get install -y chromium`;
  if (process.env["CI"]) throw new Error(message);
  process.stderr.write(`\n*** ${message} ***\n\n`);
  return message;
}

export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface RunningServer {
  url: string;
  stop: () => Promise<void>;
}

/** `backcheck serve` on a fresh SQLite file and a free port. */
export async function startServer(): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), "backcheck-e2e-"));
  const proc: ChildProcess = spawn(process.execPath, [`${root}bin/backcheck.js`, "serve"], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", WEB_CONCURRENCY: "1", LOG_LEVEL: "warn", BACKCHECK_DB: join(dir, "e2e.db") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  for (let i = 0; i < 300; i++) {
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
