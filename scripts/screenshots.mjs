// `npm run screenshots`: every view a person meets, at 360 px (a phone) and 1280 px (a desktop), in English
// and Russian, into screenshots/ (ignored by git): the start page, a question, a question after a double
// tap, an emergency and a self-care result, a result after browser Back and Forward, the printed reports of
// an emergency and of a result with the diary, the diary with its chart, "My results on this device", and,
// offline after one visit, the start page (with where the answers are kept) and a result. Uses Debian's Chromium.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
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

// The sore beginner of the browser tests (test/e2e/sore-case.json), who did not warm up.
const SORE = {
  ...JSON.parse(readFileSync(new URL("../test/e2e/sore-case.json", import.meta.url), "utf8")),
  warmed_up: false,
};
const CHILD = {
  age: 9,
  injury: "fall_on_back",
  onset: "after_injury",
  intensity: 8,
  spine_tenderness: true,
  duration_days: 0,
};
const CAUDA = { age: 35, sex: "male", saddle_numbness: true, bladder_problem: true };

/** Fetch with the CSRF header the server asks for once a session exists. */
const API = `
  window.__post = (u, b, method = "POST") => fetch(u, { method, headers: { "content-type": "application/json", "x-csrf-token": document.cookie.split("; ").find((c) => c.startsWith("bc_csrf="))?.slice(8) ?? "" }, body: JSON.stringify(b) }).then((r) => r.json());
`;

/** A new interview from the start page, answered on the page: the page works the result out itself. */
async function finishInterview(page, answers) {
  await page.goto(`${url}/#/`);
  await page.waitForSelector("#start");
  await page.waitForSelector("main[data-ready]");
  await page.click("#start");
  await answerOnPage(page, answers);
  await page.waitForSelector(".urgency");
}

/** Answers on the page as a person would: choose, then Continue. */
async function answerOnPage(page, answers) {
  for (let n = 0; n < 40; n++) {
    await page.waitForSelector("h1#question, .urgency");
    await page.waitForSelector("main[data-ready]");
    if (await page.$(".urgency")) return;
    const id = await page.getAttribute("h1#question", "data-question");
    const kind = await page.getAttribute("h1#question", "data-kind");
    const before = await page.textContent("p.progress");
    if (kind === "checklist") {
      const boxes = await page.$$eval("input[name=answer]:not(#none)", (els) => els.map((e) => e.value));
      const chosen = boxes.filter((f) => answers[f] === true);
      if (chosen.length === 0) await page.check("#none");
      for (const f of chosen) await page.check(`input[value=${f}]`);
      await page.click("#continue");
    } else if (answers[id] === undefined) await page.click("button[data-answer=unknown]");
    else if (kind === "number" || kind === "integer") {
      await page.fill("#answer", String(answers[id]));
      await page.press("#answer", "Enter");
    } else if (kind === "multi") {
      for (const v of answers[id]) await page.check(`input[value=${v}]`);
      await page.click("#continue");
    } else {
      await page.check(`input[name=answer][value="${String(answers[id])}"]`);
      await page.click("#continue");
    }
    await page.waitForFunction(
      (prev) => document.querySelector(".urgency") || document.querySelector("p.progress")?.textContent !== prev,
      before,
    );
  }
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
  ],
});
try {
  for (const lang of ["en", "ru"]) {
    for (const width of [360, 1280]) {
      const name = (view) => `${out}${view}-${lang}-${width}.png`;
      const touch = width === 360;
      const context = await browser.newContext({
        viewport: { width, height: 800 },
        locale: lang === "ru" ? "ru-RU" : "en-GB",
        hasTouch: touch,
        isMobile: touch,
      });
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForSelector("#start");
      await page.screenshot({ path: name("start"), fullPage: true });
      await page.waitForSelector("main[data-ready]");
      await page.click("#start");
      await page.waitForSelector("#answer");
      await page.fill("#answer", "34");
      await page.press("#answer", "Enter");
      await page.waitForSelector("h1[data-question=sex]");
      await page.waitForSelector("main[data-ready]");
      await page.screenshot({ path: name("question"), fullPage: true });
      // A double tap on Continue: the second tap lands 150 ms after the next question appeared.
      await page.check("input[value=male]");
      const b = await page.locator("#continue").boundingBox();
      const tap = (x, y) => (touch ? page.touchscreen.tap(x, y) : page.mouse.click(x, y));
      await tap(b.x + b.width / 2, b.y + b.height / 2);
      await page.waitForSelector("h1[data-kind=checklist]");
      await page.waitForTimeout(150);
      await tap(b.x + b.width / 2, b.y + b.height / 2);
      await page.waitForTimeout(600);
      await page.screenshot({ path: name("question-after-double-tap"), fullPage: true });
      // Finish on the page, then browser Back (the last question) and Forward (the result again).
      await answerOnPage(page, CAUDA);
      await page.goBack();
      await page.waitForSelector("h1#question");
      await page.waitForSelector("main[data-ready]");
      await page.screenshot({ path: name("question-after-browser-back") });
      await page.goForward();
      await page.waitForSelector(".urgency");
      await page.screenshot({ path: name("result-after-back-and-forward") });
      await page.screenshot({ path: name("result-emergency"), fullPage: true });
      await finishInterview(page, CHILD);
      await page.screenshot({ path: name("result-child-emergency"), fullPage: true });
      if (width === 1280) {
        // The printed report on an A4-wide page (794 px at 96 dpi), as print preview shows it.
        await page.setViewportSize({ width: 794, height: 1123 });
        await page.emulateMedia({ media: "print" });
        await page.screenshot({ path: `${out}print-child-emergency-${lang}.png`, fullPage: true });
        await page.pdf({ path: `${out}print-child-emergency-${lang}.pdf`, format: "A4" });
        await page.emulateMedia({ media: "screen" });
        await page.setViewportSize({ width, height: 800 });
      }
      await finishInterview(page, SORE);
      await page.screenshot({ path: name("result-self-care"), fullPage: true });
      await page.screenshot({ path: name("result-self-care-top") });
      // An account with a week of the diary: its page, then the report with the diary chart.
      await page.evaluate(API);
      await page.evaluate(async (w) => {
        await window.__post("/api/auth/register", {
          email: `shots-${w}-${Date.now()}@example.org`,
          password: "correct horse battery",
        });
        const day = (o) => new Date(Date.now() + o * 86_400_000).toISOString().slice(0, 10);
        for (const o of [-7, -5, -3])
          await window.__post("/api/diary/entries", {
            kind: "workout",
            date: day(o),
            activity: "weightlifting",
            exercises: [{ exercise: "deadlift", sets: 3, load_kg: 60 }],
            hours: 1.5,
          });
        for (const [o, i] of [
          [-4, 3],
          [-3, 4],
          [-2, 4],
          [-1, 5],
          [0, 6],
        ])
          await window.__post("/api/diary/entries", { kind: "checkin", date: day(o), intensity: i, age: 28 });
      }, width);
      await page.goto(`${url}/#/diary`);
      await page.reload();
      await page.waitForSelector("figure.chart canvas");
      await page.screenshot({ path: name("diary"), fullPage: true });
      await page.screenshot({ path: name("diary-top") });
      await page.locator("figure.chart").screenshot({ path: name("diary-chart") });
      await finishInterview(page, SORE);
      await page.waitForSelector("#latest-follow-up");
      await page.waitForSelector(".diary-chart canvas");
      await page.screenshot({ path: name("result-with-diary"), fullPage: true });
      if (width === 1280) {
        await page.setViewportSize({ width: 794, height: 1123 });
        await page.emulateMedia({ media: "print" });
        await page.screenshot({ path: `${out}print-with-diary-${lang}.png`, fullPage: true });
        await page.pdf({ path: `${out}print-with-diary-${lang}.pdf`, format: "A4" });
        await page.emulateMedia({ media: "screen" });
      }
      // "My results on this device", with the account's "Save to my account" below.
      await page.goto(`${url}/#/results`);
      await page.waitForSelector("#device-results a");
      await page.screenshot({ path: name("device-results"), fullPage: true });
      await context.close();
      // Offline after one visit: the service worker serves the page, the interview runs in it.
      const offline = await browser.newContext({
        viewport: { width, height: 800 },
        locale: lang === "ru" ? "ru-RU" : "en-GB",
        hasTouch: touch,
        isMobile: touch,
      });
      const p2 = await offline.newPage();
      await p2.goto(url);
      await p2.waitForSelector("#start");
      await p2.evaluate("navigator.serviceWorker.ready.then(() => true)");
      await p2.reload();
      await p2.waitForLoadState("networkidle");
      await p2.screenshot({ path: name("start-privacy"), fullPage: true });
      await offline.setOffline(true);
      await p2.reload();
      await p2.waitForSelector("#start");
      await p2.waitForSelector("main[data-ready]");
      await p2.click("#start");
      await answerOnPage(p2, SORE);
      await p2.screenshot({ path: name("offline-result"), fullPage: true });
      await p2.screenshot({ path: name("offline-result-top") });
      await p2.click("#nav-results");
      await p2.waitForSelector("#device-results a");
      await p2.screenshot({ path: name("offline-device-results"), fullPage: true });
      await offline.close();
    }
  }
  console.log(`screenshots: written to ${out}`);
} finally {
  await browser.close();
  server.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
