import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { browserSkip, launch, newContext, type RunningServer, settled, startServer } from "./browser.js";

const skip = browserSkip();

/** Answers what is left as a cautious person would: "none of these" for checklists, "don't know" otherwise. */
async function finish(page: Page, max = 40): Promise<string[]> {
  const asked: string[] = [];
  for (let n = 0; n < max; n++) {
    await page.waitForSelector("h1#question, .urgency", { timeout: 10_000 });
    await settled(page);
    if (await page.$(".urgency")) return asked;
    asked.push((await page.getAttribute("h1#question", "data-question"))!);
    const before = await page.textContent("p.progress");
    if ((await page.getAttribute("h1#question", "data-kind")) === "checklist") {
      await page.check("#none");
      await page.click("#continue");
    } else await page.click("[data-answer=unknown]");
    await page.waitForFunction(
      (prev) => document.querySelector(".urgency") || document.querySelector("p.progress")?.textContent !== prev,
      before,
    );
  }
  throw new Error(`no result after ${max} questions: ${asked.join(", ")}`);
}

describe("the story box in Chromium", { skip }, () => {
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

  test("a Russian story is read, one understood line is corrected, and the interview finishes without asking it again", async () => {
    const context = await newContext(browser, { viewport: { width: 360, height: 800 }, locale: "ru-RU" });
    const page = await context.newPage();
    page.on("pageerror", (e) => assert.fail(`page error: ${e.message}`));
    await page.goto(server.url);
    await page.waitForSelector("#story");
    assert.match((await page.textContent("label[for=story]"))!, /своими словами/);
    await page.fill(
      "#story",
      "Мне 34, вчера в зале делал становую, и с тех пор болит поясница слева, 5 из 10. Онемения нет, температуры нет.",
    );
    await page.click("#read-story");
    await page.waitForSelector("#understood");
    const lines = await page.$$eval("#understood .story-text", (els) => els.map((e) => e.textContent ?? ""));
    assert.ok(lines.includes("Возраст: 34"), lines.join(" | "));
    assert.ok(
      lines.some((l) => l.startsWith("Где болит")),
      lines.join(" | "),
    );
    assert.ok(lines.includes("Температура: Нет"), lines.join(" | "));
    // Each line shows the words it came from.
    assert.match((await page.textContent("#understood [data-field=age] small"))!, /Мне 34/);
    // The person corrects one line: the age was 35, not 34.
    await page.fill("#understood [data-field=age] input[data-edit=age]", "35");
    await page.click("#confirm-story");
    await page.waitForSelector("h1#question");
    assert.match((await page.textContent("p.progress"))!, /1/);
    const asked = await finish(page);
    for (const f of ["age", "location", "intensity"])
      assert.ok(!asked.includes(f), `${f} was confirmed, not asked again: ${asked.join(", ")}`);
    // Warning signs the story did not mention are still asked.
    assert.ok(
      asked.some((q) => q.startsWith("group.")),
      asked.join(", "),
    );
    const page_text = (await page.textContent("main"))!;
    assert.match(page_text, /Возраст: 35/);
    assert.doesNotMatch(page_text, /Возраст: 34/);
    await context.close();
  });

  test("skipping the story goes straight to the questions", async () => {
    const context = await newContext(browser, { viewport: { width: 1280, height: 800 }, locale: "en-GB" });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector("#story");
    assert.match((await page.textContent("label[for=story]"))!, /Tell us what happened, in your own words/);
    assert.match((await page.textContent("#story-example"))!, /For example/);
    await page.click("#start");
    await page.waitForSelector("h1#question");
    assert.equal(await page.getAttribute("h1#question", "data-question"), "age");
    await context.close();
  });
});
