import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { browserSkip, launch, root, startServer, type RunningServer } from "./browser.js";

const skip = browserSkip();

/** Answers each question as a person would on the page; anything the scenario does not know gets "I don't know". */
async function answerUntilResult(page: Page, answers: Record<string, unknown>, max = 40): Promise<string[]> {
  const asked: string[] = [];
  for (let n = 0; n < max; n++) {
    await page.waitForSelector("h1#question, .urgency", { timeout: 10_000 });
    if (await page.$(".urgency")) return asked;
    const id = (await page.getAttribute("h1#question", "data-question"))!;
    const kind = (await page.getAttribute("h1#question", "data-kind"))!;
    asked.push(id);
    const before = await page.textContent("p.progress");
    if (kind === "checklist") {
      const boxes = await page.$$eval("input[name=answer]", (els) => els.map((e) => (e as HTMLInputElement).value));
      const chosen = boxes.filter((f) => answers[f] === true);
      if (chosen.length === 0) await page.click("#none");
      else {
        for (const f of chosen) await page.check(`input[value=${f}]`);
        await page.click("button[type=submit]");
      }
    } else if (answers[id] === undefined) {
      await page.click("[data-answer=unknown]");
    } else if (kind === "number" || kind === "integer") {
      await page.fill("#answer", String(answers[id]));
      await page.press("#answer", "Enter");
    } else if (kind === "multi") {
      for (const v of answers[id] as string[]) await page.check(`input[value=${v}]`);
      await page.click("button[type=submit]");
    } else {
      await page.click(`[data-answer="${String(answers[id])}"]`);
    }
    await page.waitForFunction((prev) => document.querySelector(".urgency") || document.querySelector("p.progress")?.textContent !== prev, before);
  }
  throw new Error(`no result after ${max} questions: ${asked.join(", ")}`);
}

const SORE = { age: 28, sex: "male", activity: "weightlifting", onset: "next_day", injury: "none", intensity: 3, duration_days: 1, trend: "improving", location: ["lower_back"], character: ["dull_aching"], spreads_to: [], side: "both_sides", experience: "beginner" };

describe("web app in Chromium", { skip }, () => {
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

  const register = async (page: Page, prefix: string): Promise<void> => {
    await page.click("a[href='#/account']");
    await page.fill("#email", `${prefix}-${Date.now()}@example.org`);
    await page.fill("#password", "correct horse battery");
    await page.click("#register");
  };

  const newPage = async (width = 360, bypassCSP = false): Promise<Page> => {
    // bypassCSP only for the accessibility check, which injects axe-core into the page.
    const context = await browser.newContext({ viewport: { width, height: 800 }, locale: "en-GB", bypassCSP });
    const page = await context.newPage();
    page.on("pageerror", (e) => assert.fail(`page error: ${e.message}`));
    await page.goto(server.url);
    await page.waitForSelector("#start");
    return page;
  };

  test("a full interview ending in self-care, with reasons, advice, sources and the disclaimer", async () => {
    const page = await newPage();
    await page.click("#start");
    const asked = await answerUntilResult(page, SORE);
    assert.equal(asked[0], "age");
    assert.ok(asked.length <= 25, `${asked.length} questions`);
    assert.match((await page.textContent(".urgency h1"))!, /look after this at home/i);
    const body = (await page.textContent("main"))!;
    assert.match(body, /Normal muscle soreness/);
    assert.match(body, /Get help sooner if/);
    assert.match(body, /Sources/);
    assert.match(body, /does not examine you/);
  });

  test("an emergency: call now, first aid, and it comes within a few questions", async () => {
    const page = await newPage();
    await page.click("#start");
    const asked = await answerUntilResult(page, { age: 40, sex: "male", saddle_numbness: true, bladder_problem: true });
    assert.ok(asked.length <= 4, asked.join(", "));
    assert.match((await page.textContent(".urgency"))!, /Emergency[\s\S]*Call your local emergency number now/);
    assert.match((await page.textContent("main"))!, /cauda equina/i);
  });

  test("a child after a fall: do not move the child, no tablets", async () => {
    const page = await newPage();
    await page.click("#start");
    await answerUntilResult(page, { age: 9, injury: "fall_on_back", onset: "after_injury", intensity: 8, spine_tenderness: true, duration_days: 0 });
    const body = (await page.textContent("main"))!;
    assert.match(body, /Emergency/);
    assert.match(body, /keep them lying still|Do not move/i);
    assert.match(body, /Give no tablets or drinks/);
  });

  test("going back to change an answer", async () => {
    const page = await newPage();
    await page.click("#start");
    await page.fill("#answer", "30");
    await page.press("#answer", "Enter");
    await page.waitForSelector("h1[data-question=sex]");
    await page.click("[data-answer=female]");
    await page.waitForSelector("h1[data-question]:not([data-question=sex])");
    await page.click("#back");
    await page.waitForSelector("h1[data-question=sex]");
    await page.click("[data-answer=male]");
    await page.waitForSelector("h1[data-question]:not([data-question=sex])");
    assert.match((await page.textContent("p.progress"))!, /Question 3/);
  });

  test("switching the language mid-interview rewords the question and keeps the answers", async () => {
    const page = await newPage();
    await page.click("#start");
    await page.fill("#answer", "35");
    await page.press("#answer", "Enter");
    await page.waitForSelector("h1[data-question=sex]");
    const english = await page.textContent("h1#question");
    await page.selectOption("#lang", "ru");
    await page.waitForFunction((en) => document.querySelector("h1#question")?.textContent !== en, english);
    assert.equal(await page.getAttribute("html", "lang"), "ru");
    assert.match((await page.textContent("h1#question"))!, /[А-Яа-я]/);
    assert.match((await page.textContent("p.progress"))!, /2/);
    await page.click("[data-answer=male]");
    await page.waitForSelector("h1[data-question]:not([data-question=sex])");
    assert.match((await page.textContent("h1#question"))!, /[А-Яа-я]/);
  });

  test("the printable report: one page with the answers, the result, the reasons and the date", async () => {
    const page = await newPage();
    await page.click("#start");
    await answerUntilResult(page, SORE);
    await page.emulateMedia({ media: "print" });
    assert.ok(await page.isVisible(".report-only h1"), "the report title shows in print");
    assert.match((await page.textContent(".report-only"))!, /Back pain report for the doctor[\s\S]*Date/);
    assert.equal(await page.isVisible("#print"), false, "buttons are not printed");
    const pdf = await page.pdf({ format: "A4" });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.equal(pages, 1, `the report has ${pages} pages`);
    await page.emulateMedia({ media: "screen" });
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
    const saved = JSON.parse(readFileSync((await download.path())!, "utf8")) as Record<string, unknown>;
    assert.equal(saved["age"], 28);
  });

  test("an account keeps past results", async () => {
    const page = await newPage(1280);
    await register(page, "e2e");
    await page.waitForSelector("text=No saved results yet");
    await page.click("#brand");
    await page.click("#start");
    await answerUntilResult(page, { age: 50, sex: "male", fever: true });
    await page.click("a[href='#/account']");
    await page.waitForSelector(".history button");
    assert.match((await page.textContent(".history"))!, /See a doctor today/);
    await page.click(".history button");
    await page.waitForSelector(".urgency");
  });

  test("a lost connection: the answer waits and is sent when the connection is back; a reload resumes", async () => {
    const page = await newPage();
    await page.click("#start");
    await page.fill("#answer", "30");
    await page.context().setOffline(true);
    await page.press("#answer", "Enter");
    await page.waitForSelector("text=The connection was lost");
    // Back online: the page sends the waiting answer by itself; "Try again" does the same by hand.
    await page.context().setOffline(false);
    await page.click("text=Try again", { timeout: 2000 }).catch(() => undefined);
    await page.waitForSelector("h1[data-question=sex]");
    // Closing or reloading the page comes back to the same question; so does the start page's "continue".
    await page.reload();
    await page.waitForSelector("h1[data-question=sex]");
    await page.click("#brand");
    await page.click("text=Continue where you left off");
    await page.waitForSelector("h1[data-question=sex]");
  });

  test("axe-core finds no violations on the start, question and result pages", async () => {
    const axe = readFileSync(`${root}node_modules/axe-core/axe.min.js`, "utf8");
    const page = await newPage(360, true);
    const check = async (name: string): Promise<void> => {
      await page.addScriptTag({ content: axe });
      const violations = await page.evaluate(async () => {
        const r = await (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe.run(document);
        return r.violations.map((v) => `${v.id} (${v.nodes.length})`);
      });
      assert.deepEqual(violations, [], `${name}: ${violations.join(", ")}`);
    };
    await check("start page");
    await page.click("#start");
    await page.waitForSelector("h1#question");
    await check("question page");
    await answerUntilResult(page, SORE);
    await check("result page");
  });

  test("keyboard only: start, answer and reach a result without a mouse", async () => {
    const page = await newPage();
    await page.focus("#start");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#answer");
    await page.focus("#answer");
    await page.keyboard.type("45");
    await page.keyboard.press("Enter");
    await page.waitForSelector("[data-answer=male]");
    await page.focus("[data-answer=male]");
    await page.keyboard.press("Enter");
    await page.waitForSelector("h1[data-question]:not([data-question=sex])");
    assert.match((await page.textContent("p.progress"))!, /Question 3/);
  });

  test("the diary: three workouts and five check-ins, the chart, and the advice that changes", async () => {
    const page = await newPage(1280);
    await register(page, "diary");
    await page.waitForSelector("#nav-diary");
    await page.click("#nav-diary");
    await page.waitForSelector("#checkin-form");
    const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const workout = async (offset: number): Promise<void> => {
      await page.fill("#wo-date", day(offset));
      await page.selectOption("#wo-activity", "weightlifting");
      await page.check("#wo-deadlift");
      await page.click("#wo-save");
      await page.waitForFunction((d) => document.querySelector(".entries")?.textContent?.includes(d), day(offset));
    };
    const checkin = async (offset: number, intensity: number): Promise<void> => {
      const before = await page.$$eval(".entries li", (els) => els.length).catch(() => 0);
      await page.fill("#ci-date", day(offset));
      await page.fill("#ci-intensity", String(intensity));
      await page.fill("#ci-age", "30");
      await page.click("#ci-save");
      await page.waitForFunction((n) => document.querySelectorAll(".entries li").length > n, before);
    };
    await workout(-7);
    await workout(-5);
    await checkin(-4, 4);
    await workout(-3);
    await checkin(-3, 4);
    await checkin(-2, 4);
    await checkin(-1, 4);
    // Day four of pain that is not easing: the follow-up moves to a doctor's visit, and says so.
    await checkin(0, 4);
    assert.equal(await page.$$eval(".entries li", (els) => els.length), 8);
    assert.ok(await page.$("figure.chart canvas"), "the chart is drawn");
    assert.match((await page.textContent("#follow-up + .urgency"))!, /Book a doctor/);
    assert.match((await page.textContent("#advice-change"))!, /The advice has changed/);
    assert.match((await page.textContent("main"))!, /Deadlift: pain after 2 of 3 sessions/);
    // Bad input: intensity 12 is refused with a message, and nothing is stored.
    await page.fill("#ci-date", day(0));
    await page.fill("#ci-intensity", "12");
    await page.$eval("#checkin-form", (f) => f.setAttribute("novalidate", ""));
    await page.click("#ci-save");
    await page.waitForSelector("#checkin-form .error:not(:empty)");
    assert.equal(await page.$$eval(".entries li", (els) => els.length), 8);
  });
});
