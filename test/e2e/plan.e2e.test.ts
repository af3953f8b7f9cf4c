import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { answerUntilResult, SORE } from "./local-interview.js";
import { browserSkip, launch, newContext, root, type RunningServer, startServer } from "./browser.js";

const skip = browserSkip();

/** A beginner, sore the day after deadlifts; the rest is answered "I don't know" or "none". */
const BEGINNER: Record<string, unknown> = { ...SORE, exercises: ["deadlift"] };

describe("return plan in Chromium", { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("a beginner after deadlifts sees stage 1, logs three easy sessions and check-ins, and sees stage 2 with the reason", async () => {
    const context = await newContext(browser, { viewport: { width: 1280, height: 900 }, locale: "en-GB" });
    const page = await context.newPage();
    page.on("pageerror", (e) => assert.fail(`page error: ${e.message}`));
    await page.goto(server.url);
    await page.waitForSelector("#start");
    await page.click("a[href='#/account']");
    await page.fill("#email", `plan-${Date.now()}@example.org`);
    await page.fill("#password", "correct horse battery");
    await page.click("#register");
    await page.waitForSelector("#nav-plan");
    await page.click("a.brand, a[href='#/']").catch(() => undefined);
    await page.goto(`${server.url}/#/`);
    await page.waitForSelector("#start");
    await page.click("#start");
    await answerUntilResult(page, BEGINNER);
    assert.match((await page.textContent(".urgency"))!, /look after this at home/i);

    await page.click("#open-plan");
    await page.waitForSelector("#plan-stage");
    assert.equal(await page.getAttribute("#plan-stage", "data-stage"), "1");
    assert.match((await page.textContent("#plan-stage"))!, /Stage 1 of 6/);
    assert.ok((await page.$$("li.plan-card img")).length >= 2, "each exercise has its drawing");
    assert.ok(
      await page.$eval(
        "li.plan-card img",
        (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
      ),
      "the drawing loads",
    );

    await page.click("#nav-diary");
    await page.waitForSelector("#checkin-form");
    const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const count = (): Promise<number> => page.$$eval(".entries li", (els) => els.length).catch(() => 0);
    const checkin = async (offset: number, intensity: number): Promise<void> => {
      const n = await count();
      await page.fill("#ci-date", day(offset));
      await page.fill("#ci-intensity", String(intensity));
      await page.fill("#ci-age", "28");
      await page.click("#ci-save");
      await page.waitForFunction((m) => document.querySelectorAll(".entries li").length > m, n);
    };
    const workout = async (offset: number): Promise<void> => {
      const n = await count();
      await page.fill("#wo-date", day(offset));
      await page.selectOption("#wo-activity", "weightlifting");
      await page.check("#wo-deadlift");
      await page.click("#wo-save");
      await page.waitForFunction((m) => document.querySelectorAll(".entries li").length > m, n);
    };
    await checkin(-7, 2);
    for (const d of [-6, -4, -2]) {
      await workout(d);
      await checkin(d, 2);
      await checkin(d + 1, 1);
    }

    await page.click("#nav-plan");
    await page.waitForSelector("#plan-stage[data-stage='2']");
    assert.match((await page.textContent("#plan-stage"))!, /Stage 2 of 6/);
    assert.match(
      (await page.textContent("#plan-change"))!,
      /3 sessions with pain at most 3\/10 that settled by the next morning: on to stage 2/,
    );
    // The diary's chart marks where the stage changed.
    await page.click("#nav-diary");
    await page.waitForSelector("figure.chart canvas");
    const dir = process.env["PLAN_SCREENSHOTS"];
    if (dir) {
      mkdirSync(dir, { recursive: true });
      await page.waitForTimeout(500);
      await (await page.$("figure.chart"))!.screenshot({ path: `${dir}/diary-chart-marks.png` });
    }
    await context.close();
  });

  test("the plan page at 360 and 1280 px, in English and Russian: no overflow, no axe-core violations, one printed page", async () => {
    const dir = process.env["PLAN_SCREENSHOTS"];
    if (dir) mkdirSync(dir, { recursive: true });
    for (const lang of ["en", "ru"]) {
      for (const width of [360, 1280]) {
        // bypassCSP only where axe-core is injected for the accessibility check.
        const axeHere = width === 360;
        const context = await newContext(browser, {
          viewport: { width, height: 900 },
          locale: lang === "ru" ? "ru-RU" : "en-GB",
          bypassCSP: axeHere,
        });
        const page = await context.newPage();
        page.on("pageerror", (e) => assert.fail(`page error: ${e.message}`));
        await page.goto(server.url);
        await page.waitForSelector("#start");
        await page.click("#start");
        await answerUntilResult(page, BEGINNER);
        await page.click("#open-plan");
        await page.waitForSelector("#plan-stage");
        // No sideways scrolling on a phone.
        assert.ok(
          await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
          `${lang} ${width}px overflows`,
        );
        if (lang === "ru") assert.match((await page.textContent("#plan-stage"))!, /Этап 1 из 6/);
        if (axeHere) {
          await page.addScriptTag({ content: readFileSync(`${root}node_modules/axe-core/axe.min.js`, "utf8") });
          const violations = await page.evaluate(async () => {
            const r = await (
              window as unknown as {
                axe: { run: (ctx: Document) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> };
              }
            ).axe.run(document);
            return r.violations.map((v) => `${v.id} (${v.nodes.length})`);
          });
          assert.deepEqual(violations, [], `${lang}: ${violations.join(", ")}`);
        }
        if (dir) {
          await page.screenshot({ path: `${dir}/plan-${lang}-${width}.png`, fullPage: true });
          // The same page in screen-sized parts, readable one at a time.
          const height = await page.evaluate(() => document.documentElement.scrollHeight);
          for (let y = 0, i = 0; y < height; y += 900, i++)
            await page.screenshot({
              path: `${dir}/plan-${lang}-${width}-part${i}.png`,
              fullPage: true,
              clip: { x: 0, y, width, height: Math.min(900, height - y) },
            });
        }
        if (width === 1280) {
          const pdf = await page.pdf({ format: "A4", printBackground: true });
          if (dir) {
            await page.emulateMedia({ media: "print" });
            await page.screenshot({ path: `${dir}/plan-${lang}-print.png`, fullPage: true });
          }
          const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
          assert.equal(pages, 1, `${lang}: the printed plan takes ${pages} pages`);
        }
        await context.close();
      }
    }
  });
});
