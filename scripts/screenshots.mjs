// `npm run screenshots`: the start page, a question, an emergency result and a self-care result, at
// 360 px (a phone) and 1280 px (a desktop), into screenshots/ (ignored by git). Uses Debian's Chromium.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(CHROMIUM)) {
  console.error(`screenshots: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  process.exit(1);
}
const out = new URL("../screenshots/", import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), "backcheck-shots-"));
const server = spawn(process.execPath, [new URL("../bin/backcheck.js", import.meta.url).pathname, "serve"], {
  env: { ...process.env, PORT: "0", WEB_CONCURRENCY: "1", LOG_LEVEL: "warn", BACKCHECK_DB: join(dir, "shots.db") },
  stdio: ["ignore", "pipe", "inherit"],
});
const url = await new Promise((resolve) => {
  let buf = "";
  server.stdout.on("data", (d) => {
    buf += d;
    const m = /listening at (http:\/\/[^\s]+)/.exec(buf);
    if (m) resolve(m[1]);
  });
});

/** Runs an interview through the API in the page, so the page opens straight on its result. */
async function finishInterview(page, answers) {
  await page.evaluate(async (a) => {
    const post = (u, b) => fetch(u, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(b) }).then((r) => r.json());
    let i = await post("/api/interviews", {});
    for (let n = 0; n < 40 && !i.step.done; n++) {
      const q = i.step.question;
      const answer = q.kind === "checklist" ? q.fields.filter((f) => a[f] === true) : a[q.id] ?? "unknown";
      i = await post(`/api/interviews/${i.id}/answer`, { question: q.id, answer, revision: i.revision });
    }
    localStorage.setItem("backcheck.interview", i.id);
  }, answers);
  await page.goto(`${url}/#/interview`);
  await page.reload(); // a fresh load picks the stored interview up, as after closing the page
  await page.waitForSelector(".urgency");
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
try {
  for (const width of [360, 1280]) {
    const page = await (await browser.newContext({ viewport: { width, height: 800 }, locale: "en-GB" })).newPage();
    await page.goto(url);
    await page.waitForSelector("#start");
    await page.screenshot({ path: `${out}start-${width}.png`, fullPage: true });
    await page.click("#start");
    await page.fill("#answer", "34");
    await page.press("#answer", "Enter");
    await page.waitForSelector("h1[data-question]:not([data-question=age])");
    await page.click("[data-answer=male]").catch(() => undefined);
    await page.waitForSelector("h1[data-kind=checklist]");
    await page.screenshot({ path: `${out}question-${width}.png`, fullPage: true });
    await finishInterview(page, { age: 40, sex: "male", saddle_numbness: true, bladder_problem: true });
    await page.screenshot({ path: `${out}result-emergency-${width}.png`, fullPage: true });
    await finishInterview(page, { age: 28, sex: "male", activity: "weightlifting", onset: "next_day", injury: "none", intensity: 3, duration_days: 1, trend: "improving", location: ["lower_back"], character: ["dull_aching"], spreads_to: [], side: "both_sides", experience: "beginner", warmed_up: false });
    await page.screenshot({ path: `${out}result-self-care-${width}.png`, fullPage: true });
    await page.screenshot({ path: `${out}result-self-care-${width}-top.png` });
  }
  console.log(`screenshots: written to ${out}`);
} finally {
  await browser.close();
  server.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
