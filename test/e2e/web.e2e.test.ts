import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { browserSkip, launch, newContext, root, type RunningServer, settled, startServer } from "./browser.js";
import { SORE } from "./local-interview.js";

const skip = browserSkip();

/** The screen is drawn and has settled: taps are taken from now on (see SETTLE_MS in web/src/dom.ts). */
const ready = settled;

/** Where the keyboard focus is: "h1#question", "h1#urgency-title", or what it is otherwise. */
const focused = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const a = document.activeElement;
    return a ? `${a.tagName.toLowerCase()}${a.id ? `#${a.id}` : ""}` : "none";
  });

/**
 * Answers each question as a person would on the page (choose, then Continue); anything the scenario
 * does not know gets "I don't know". After every new screen it checks where the focus landed.
 */
async function answerUntilResult(page: Page, answers: Record<string, unknown>, max = 40): Promise<string[]> {
  const asked: string[] = [];
  for (let n = 0; n < max; n++) {
    await page.waitForSelector("h1#question, .urgency", { timeout: 10_000 });
    await ready(page);
    if (await page.$(".urgency")) {
      assert.equal(await focused(page), "h1#urgency-title", "the result's urgency takes the focus");
      return asked;
    }
    assert.equal(await focused(page), "h1#question", "the question's visible heading takes the focus");
    const id = (await page.getAttribute("h1#question", "data-question"))!;
    const kind = (await page.getAttribute("h1#question", "data-kind"))!;
    asked.push(id);
    const before = await page.textContent("p.progress");
    if (kind === "checklist") {
      const boxes = await page.$$eval("input[name=answer]:not(#none)", (els) =>
        els.map((e) => (e as HTMLInputElement).value),
      );
      assert.ok(boxes.length >= 2, `${id}: a checklist of one is asked as yes/no`);
      const chosen = boxes.filter((f) => answers[f] === true);
      if (chosen.length === 0) await page.check("#none");
      else for (const f of chosen) await page.check(`input[value=${f}]`);
      await page.click("#continue");
    } else if (answers[id] === undefined) {
      await page.click("button[data-answer=unknown]");
    } else if (kind === "number" || kind === "integer") {
      await page.fill("#answer", String(answers[id]));
      await page.press("#answer", "Enter");
    } else if (kind === "multi") {
      for (const v of answers[id] as string[]) await page.check(`input[value=${v}]`);
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
  throw new Error(`no result after ${max} questions: ${asked.join(", ")}`);
}

const AXE = readFileSync(`${root}node_modules/axe-core/axe.min.js`, "utf8");
/** axe-core on the page as it is now: no violations allowed. */
async function axeCheck(page: Page, name: string): Promise<void> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const r = await (
      window as unknown as {
        axe: { run: (ctx: Document) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
      }
    ).axe.run(document);
    return r.violations.map((v) => `${v.id} (${v.nodes.map((n) => JSON.stringify(n.target)).join(" ")})`);
  });
  assert.deepEqual(violations, [], `${name}: ${violations.join(", ")}`);
}

/** The interview's stored state, as this browser keeps it (IndexedDB; web/src/local/db.ts). */
const storedSteps = (page: Page): Promise<number> =>
  page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open("backcheck");
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction("current").objectStore("current").get("interview");
      get.onsuccess = () => resolve(get.result ? get.result.state.steps.length : -1);
      get.onerror = () => reject(get.error);
    };
  })`) as Promise<number>;

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
    await page.waitForSelector("#logout");
  };

  // bypassCSP: the accessibility checks inject axe-core into the page.
  const newPage = async (width = 360, options: { locale?: string; touch?: boolean } = {}): Promise<Page> => {
    const context = await newContext(browser, {
      viewport: { width, height: 800 },
      locale: options.locale ?? "en-GB",
      bypassCSP: true,
      hasTouch: options.touch ?? false,
      isMobile: options.touch ?? false,
    });
    const page = await context.newPage();
    page.on("pageerror", (e) => assert.fail(`page error: ${e.message}`));
    await page.goto(server.url);
    await page.waitForSelector("#start");
    return page;
  };
  const start = async (page: Page): Promise<void> => {
    await ready(page);
    await page.click("#start");
    await page.waitForSelector("h1#question");
    await ready(page);
  };
  const answerNumber = async (page: Page, value: string): Promise<void> => {
    await page.fill("#answer", value);
    await page.press("#answer", "Enter");
  };
  const choose = async (page: Page, value: string, next: string): Promise<void> => {
    await ready(page);
    await page.check(`input[name=answer][value="${value}"]`);
    await page.click("#continue");
    await page.waitForSelector(next);
  };
  const pdfPages = async (page: Page): Promise<number> => {
    const pdf = await page.pdf({ format: "A4" });
    return (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  };

  test("a full interview ending in self-care, with reasons, advice, sources and the disclaimer", async () => {
    const page = await newPage();
    await start(page);
    const asked = await answerUntilResult(page, SORE);
    assert.equal(asked[0], "age");
    assert.ok(asked.length <= 25, `${asked.length} questions`);
    assert.match((await page.textContent(".urgency h1"))!, /look after this at home/i);
    const body = (await page.textContent("main"))!;
    assert.match(body, /Normal muscle soreness/);
    assert.match(body, /Get help sooner if/);
    assert.match(body, /Sources/);
    assert.match(body, /does not examine you/);
    // Sources as a reader expects them: no internal names, the seed article by its own title.
    const sources = (await page.textContent(".sources"))!;
    assert.doesNotMatch(sources, /seed article|shared\/sources|\.md/);
    assert.match(sources, /After sporting events back hurts: what causes this condition/);
    assert.ok((await page.$$(".sources li")).length <= 12, "sections of one article are one source");
    assert.ok(await page.$(".sources a[href^='https://']"), "a source with a link shows it");
  });

  test("an emergency: call now, first aid, and it comes within a few questions", async () => {
    const page = await newPage();
    await start(page);
    const asked = await answerUntilResult(page, { age: 40, sex: "male", saddle_numbness: true, bladder_problem: true });
    assert.ok(asked.length <= 4, asked.join(", "));
    assert.match((await page.textContent(".urgency"))!, /Emergency[\s\S]*Call 112/);
    assert.match((await page.textContent("main"))!, /cauda equina/i);
  });

  test("an emergency at 360 px: the call link and first aid on the first screen, no training or prevention; the country sets the number", async () => {
    const page = await newPage(360);
    await start(page);
    await answerUntilResult(page, { age: 55, sex: "male", chest_pain: true, activity: "weightlifting" });
    assert.match((await page.textContent(".urgency h1"))!, /Emergency/);
    const call = (await page.$("a#call"))!;
    assert.equal(await call.getAttribute("href"), "tel:112");
    const box = (await call.boundingBox())!;
    assert.ok(box.y + box.height <= 800, `the call link ends at ${box.y + box.height} px, below the first screen`);
    const firstAid = (await (await page.$("section.first-aid h2"))!.boundingBox())!;
    assert.ok(firstAid.y < 800, `first aid starts at ${firstAid.y} px`);
    for (const kind of ["training", "technique", "prevention", "self_care"])
      assert.equal(await page.$(`section.advice-${kind}`), null, kind);
    const body = (await page.textContent("main"))!;
    assert.doesNotMatch(body, /mattress|Build up the load|desk/i);
    assert.doesNotMatch(body, /\(most likely\)|%/);
    assert.match(body, /must be ruled out first/);
    await page.selectOption("#country", "GB");
    assert.equal(await call.getAttribute("href"), "tel:999");
    await page.screenshot({ path: `${root}screenshots/emergency-call-360-en.png` }).catch(() => undefined);
  });

  test('"I don\'t know" to everything: not self-care, and the warning signs it could not rule out are listed', async () => {
    const page = await newPage(1280);
    await start(page);
    for (let n = 0; n < 80; n++) {
      await page.waitForSelector("h1#question, .urgency", { timeout: 10_000 });
      await ready(page);
      if (await page.$(".urgency")) break;
      const id = (await page.getAttribute("h1#question", "data-question"))!;
      const before = await page.textContent("p.progress");
      if (id === "age") await answerNumber(page, "34");
      else await page.click("button[data-answer=unknown]");
      await page.waitForFunction(
        (prev) => document.querySelector(".urgency") || document.querySelector("p.progress")?.textContent !== prev,
        before,
      );
    }
    const urgency = (await page.getAttribute(".urgency", "class"))!;
    assert.doesNotMatch(urgency, /self_care/);
    const open = (await page.textContent(".open-signs"))!;
    assert.match(open, /Warning signs we could not rule out/);
    assert.match(open, /saddle/i);
    assert.doesNotMatch((await page.textContent("main"))!, /No warning sign was found/);
  });

  test("a child after a fall: do not move the child, no tablets; the printed report is one page with the signs to watch for", async () => {
    const page = await newPage();
    await start(page);
    await answerUntilResult(page, {
      age: 9,
      injury: "fall_on_back",
      onset: "after_injury",
      intensity: 8,
      spine_tenderness: true,
      duration_days: 0,
    });
    const body = (await page.textContent("main"))!;
    assert.match(body, /Emergency/);
    assert.match(body, /keep them lying still|Do not move/i);
    assert.match(body, /Give no tablets or drinks/);
    await page.emulateMedia({ media: "print" });
    assert.equal(await pdfPages(page), 1, "the child's emergency report fits one A4 page");
    await page.emulateMedia({ media: "screen" });
  });

  test("stray taps: a double tap on a touch screen answers one question, never the next", async () => {
    const page = await newPage(360, { touch: true });
    await start(page);
    await answerNumber(page, "30");
    await page.waitForSelector("h1[data-question=sex]");
    await ready(page);
    await page.tap("input[value=male]");
    const box = (await page.locator("#continue").boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    // First tap answers; the second lands on the next screen 150 ms after it appeared.
    await page.touchscreen.tap(x, y);
    await page.waitForSelector("h1[data-question]:not([data-question=sex])");
    const next = await page.getAttribute("h1#question", "data-question");
    // A careless thumb: 150 ms after the new question appeared, a tap on its first choice, then one more
    // where Continue was (a same-spot second tap is also what a double tap leaves behind).
    const first = (await page.locator("label.check").first().boundingBox())!;
    await page.waitForTimeout(150);
    await page.touchscreen.tap(first.x + first.width / 2, first.y + first.height / 2);
    assert.equal(
      await page.$$eval("input[name=answer]:checked", (els) => els.length),
      0,
      "the stray tap selected nothing",
    );
    await page.touchscreen.tap(x, y);
    await page.waitForTimeout(700);
    assert.equal(await page.getAttribute("h1#question", "data-question"), next, "still on the same question");
    assert.equal(await storedSteps(page), 2, "exactly two answers stored: age and sex");
    // A mouse double click on Continue also answers once.
    await ready(page);
    const kind = await page.getAttribute("h1#question", "data-kind");
    if (kind === "checklist") await page.check("#none");
    else await page.check("input[name=answer] >> nth=0");
    await page.dblclick("#continue");
    await page.waitForFunction((q) => document.querySelector("h1#question")?.getAttribute("data-question") !== q, next);
    await page.waitForTimeout(700);
    assert.equal(await storedSteps(page), 3);
    // Continue without a choice says so, and answers nothing.
    await ready(page);
    if (await page.$("#continue")) {
      await page.click("#continue");
      await page.waitForSelector("#error:not(:empty)");
      assert.equal(await storedSteps(page), 3);
    }
  });

  test("browser Back goes to the previous question and Forward returns, also from the result", async () => {
    const page = await newPage();
    await start(page);
    await answerNumber(page, "30");
    await page.waitForSelector("h1[data-question=sex]");
    await choose(page, "male", "h1[data-question]:not([data-question=sex])");
    const third = await page.getAttribute("h1#question", "data-question");
    assert.match(page.url(), /#\/interview\/3$/);
    await page.goBack();
    await page.waitForSelector("h1[data-question=sex]");
    assert.equal(await storedSteps(page), 1, "Back undid the answer to the sex question");
    assert.ok(await page.isChecked("input[value=male]"), "the answer given before is shown chosen");
    assert.equal(await focused(page), "h1#question");
    await page.goBack();
    await page.waitForSelector("h1[data-question=age]");
    await page.goForward();
    await page.waitForSelector("h1[data-question=sex]");
    await page.goForward();
    await page.waitForSelector(`h1[data-question="${third}"]`);
    assert.equal(await storedSteps(page), 2, "Forward sent the same answers again");
    // The page's own Back does the same, and browser Forward undoes it.
    await ready(page);
    await page.click("#back");
    await page.waitForSelector("h1[data-question=sex]");
    await page.goForward();
    await page.waitForSelector(`h1[data-question="${third}"]`);
    // From the result, Back is the last question and Forward the result again.
    await answerUntilResult(page, { age: 40, sex: "male", saddle_numbness: true, bladder_problem: true });
    assert.match(page.url(), /#\/interview\/result$/);
    await page.goBack();
    await page.waitForSelector("h1#question");
    assert.doesNotMatch(page.url(), /result/);
    await page.goForward();
    await page.waitForSelector(".urgency.emergency");
    assert.equal(await focused(page), "h1#urgency-title");
  });

  test("going back to change an answer", async () => {
    const page = await newPage();
    await start(page);
    await answerNumber(page, "30");
    await page.waitForSelector("h1[data-question=sex]");
    await choose(page, "female", "h1[data-question]:not([data-question=sex])");
    await ready(page);
    await page.click("#back");
    await page.waitForSelector("h1[data-question=sex]");
    await choose(page, "male", "h1[data-question]:not([data-question=sex])");
    assert.match((await page.textContent("p.progress"))!, /Question 3/);
    // The page says "question n" and shows no bar that guesses how many are left.
    assert.equal(await page.$(".bar, [role=progressbar]"), null);
  });

  test("switching the language mid-interview rewords the question and keeps the answers", async () => {
    const page = await newPage();
    await start(page);
    await answerNumber(page, "35");
    await page.waitForSelector("h1[data-question=sex]");
    const english = await page.textContent("h1#question");
    await page.selectOption("#lang", "ru");
    await page.waitForFunction((en) => document.querySelector("h1#question")?.textContent !== en, english);
    assert.equal(await page.getAttribute("html", "lang"), "ru");
    const ru = (await page.textContent("h1#question"))!;
    assert.match(ru, /[А-Яа-я]/);
    assert.doesNotMatch(ru, /\bон\b/, "the sex question does not assume a male");
    assert.match((await page.textContent("p.progress"))!, /2/);
    await choose(page, "male", "h1[data-question]:not([data-question=sex])");
    assert.match((await page.textContent("h1#question"))!, /[А-Яа-я]/);
  });

  test("the printable report: one page with the answers, the result, the reasons, the date, what to watch for and the sources", async () => {
    const page = await newPage();
    await start(page);
    await answerUntilResult(page, SORE);
    await page.emulateMedia({ media: "print" });
    assert.ok(await page.isVisible(".report-only h1"), "the report title shows in print");
    assert.match((await page.textContent(".report-only"))!, /Back pain report for the doctor[\s\S]*Date/);
    assert.equal(await page.isVisible("#print"), false, "buttons are not printed");
    assert.ok(await page.isVisible(".advice-watch_for"), "the signs to watch for are printed");
    const watch = await page.$$eval(
      ".advice-watch_for li",
      (els) => els.filter((e) => getComputedStyle(e).display !== "none").length,
    );
    assert.equal(
      watch,
      await page.$$eval(".advice-watch_for li", (els) => els.length),
      "every sign to watch for is printed",
    );
    assert.ok(await page.isVisible(".sources ol"), "the source list is printed with the citation numbers");
    assert.equal(await pdfPages(page), 1);
    await page.emulateMedia({ media: "screen" });
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
    const saved = JSON.parse(readFileSync((await download.path())!, "utf8")) as Record<string, unknown>;
    assert.equal(saved["age"], 28);
  });

  test("results stay on this device, also when logged in: listed, opened, and back to the list; the account gets nothing unasked", async () => {
    const page = await newPage(1280);
    await register(page, "e2e");
    await page.waitForSelector("text=No saved results yet");
    await axeCheck(page, "empty history");
    await page.click("#brand");
    await start(page);
    await answerUntilResult(page, { age: 50, sex: "male", fever: true });
    await page.click("#nav-results");
    await page.waitForSelector("#device-results a");
    assert.match((await page.textContent("#device-results"))!, /See a doctor today/);
    await axeCheck(page, "results on this device");
    await page.click("#device-results a");
    await page.waitForSelector(".urgency");
    assert.equal(await focused(page), "h1#urgency-title");
    assert.match((await page.textContent("#knowledge-version"))!, /Knowledge version [0-9a-f]{6,}/);
    await axeCheck(page, "a past result");
    await page.click("#to-device");
    await page.waitForSelector("#device-results a");
    assert.equal(await focused(page), "h1");
    // Nothing went to the account without the person asking.
    await page.click("#nav-account");
    await page.waitForSelector("text=No saved results yet");
  });

  test("a lost connection changes nothing: the answer is taken at once; a reload resumes", async () => {
    const page = await newPage();
    await start(page);
    await page.fill("#answer", "30");
    await page.context().setOffline(true);
    await page.press("#answer", "Enter");
    // The interview runs in the page: no waiting, no message.
    await page.waitForSelector("h1[data-question=sex]");
    assert.equal(await page.$("text=The connection was lost"), null);
    await page.context().setOffline(false);
    // Closing or reloading the page comes back to the same question; so does the start page's "continue".
    await page.reload();
    await page.waitForSelector("h1[data-question=sex]");
    await page.click("#brand");
    await ready(page);
    await page.click("text=Continue where you left off");
    await page.waitForSelector("h1[data-question=sex]");
  });

  test("axe-core finds no violations on the start, question, checklist and result pages, in English and Russian", async () => {
    for (const locale of ["en-GB", "ru-RU"]) {
      const page = await newPage(360, { locale });
      await axeCheck(page, `start page ${locale}`);
      await start(page);
      await axeCheck(page, `question page ${locale}`);
      await page.fill("#answer", "x");
      await page.press("#answer", "Enter");
      await page.waitForSelector("#error:not(:empty)");
      await axeCheck(page, `question with an error ${locale}`);
      await answerNumber(page, "28");
      await page.waitForSelector("h1[data-question=sex]");
      await axeCheck(page, `single choice ${locale}`);
      await choose(page, "male", "h1[data-kind=checklist]");
      await axeCheck(page, `checklist ${locale}`);
      await answerUntilResult(page, SORE);
      await axeCheck(page, `result page ${locale}`);
      await page.click("#nav-account");
      await page.waitForSelector("#email");
      await axeCheck(page, `login page ${locale}`);
      await page.close();
    }
  });

  test("keyboard only: start, answer and reach a result without a mouse", async () => {
    const page = await newPage();
    await page.focus("#start");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#answer");
    assert.equal(await focused(page), "h1#question");
    await page.keyboard.press("Tab");
    await page.keyboard.type("45");
    await page.keyboard.press("Enter");
    await page.waitForSelector("h1[data-question=sex]");
    assert.equal(await focused(page), "h1#question");
    await page.focus("input[value=male]");
    await page.keyboard.press("Space");
    await page.keyboard.press("Enter");
    await page.waitForSelector("h1[data-question]:not([data-question=sex])");
    assert.match((await page.textContent("p.progress"))!, /Question 3/);
    assert.equal(await focused(page), "h1#question");
  });

  test("errors are sentences in the chosen language, naming the field", async () => {
    const page = await newPage(360, { locale: "ru-RU" });
    await page.click("#nav-account");
    await page.waitForSelector("#email");
    assert.equal(await focused(page), "h1");
    await page.fill("#email", "not-an-address");
    await page.fill("#password", "short");
    await page.click("#register");
    await page.waitForSelector("#account-error:not(:empty)");
    const ru = (await page.textContent("#account-error"))!;
    assert.doesNotMatch(ru, /must|format|fewer|expected/);
    assert.match(ru, /адрес электронной почты/);
    assert.match(ru, /пароле должно быть не меньше 8 символов/);
    await page.selectOption("#lang", "en");
    await page.waitForSelector("h1:text('Account')");
    await page.fill("#email", "someone@example.org");
    await page.fill("#password", "wrong password here");
    await page.click("#login");
    await page.waitForSelector("#account-error:not(:empty)");
    assert.match((await page.textContent("#account-error"))!, /The e-mail address or the password is not right\./);
  });

  test("touch targets and narrow screens: header controls are 44 px, a long e-mail does not scroll sideways", async () => {
    const page = await newPage(360);
    for (const sel of ["#nav-account", "#lang", "#brand"]) {
      const b = (await page.locator(sel).boundingBox())!;
      assert.ok(b.width >= 44 && b.height >= 44, `${sel}: ${b.width} × ${b.height}`);
    }
    await page.click("#nav-account");
    await page.fill("#email", `a-very-long-name.with.many.parts-${Date.now()}@a-rather-long-domain-name.example.org`);
    await page.fill("#password", "correct horse battery");
    await page.click("#register");
    await page.waitForSelector("#logout");
    assert.ok(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      "no sideways scrolling",
    );
    for (const sel of ["#nav-account", "#nav-diary", "#lang"]) {
      const b = (await page.locator(sel).boundingBox())!;
      assert.ok(b.width >= 44 && b.height >= 44, `${sel}: ${b.width} × ${b.height}`);
    }
  });

  test("the diary: workouts and check-ins, the chart, the advice that changes, edits, deletes, decimal commas and errors in words", async () => {
    const page = await newPage(1280);
    await register(page, "diary");
    await page.click("#nav-diary");
    await page.waitForSelector("#checkin-form");
    await axeCheck(page, "empty diary");
    const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const count = (): Promise<number> => page.$$eval(".entries li", (els) => els.length).catch(() => 0);
    const workout = async (offset: number, extra: () => Promise<void> = async () => undefined): Promise<void> => {
      const before = await count();
      await page.fill("#wo-date", day(offset));
      await page.selectOption("#wo-activity", "weightlifting");
      await page.check("#wo-deadlift");
      await extra();
      await page.click("#wo-save");
      await page.waitForFunction((n) => document.querySelectorAll(".entries li").length > n, before);
    };
    const checkin = async (offset: number, intensity: number): Promise<void> => {
      const before = await count();
      await page.fill("#ci-date", day(offset));
      await page.fill("#ci-intensity", String(intensity));
      await page.fill("#ci-age", "30");
      await page.click("#ci-save");
      await page.waitForFunction((n) => document.querySelectorAll(".entries li").length > n, before);
    };
    // One entry: the axis spans a few days around it, not years.
    await checkin(-4, 4);
    const span = await page.$eval("figure.chart", (f) => Number(f.getAttribute("data-days")));
    assert.ok(span >= 1 && span <= 3, `the axis spans ${span} days`);
    // Sets, load, how hard it felt, and "1,5" hours read as one and a half.
    await workout(-7, async () => {
      await page.fill("#wo-deadlift-sets", "3");
      await page.fill("#wo-deadlift-load", "62,5");
      await page.fill("#wo-hours", "1,5");
      await page.fill("#wo-effort", "7");
    });
    const stored = await page.evaluate(async () =>
      ((await (await fetch("/api/diary")).json()) as { entries: Record<string, unknown>[] }).entries.find(
        (e) => e["kind"] === "workout",
      ),
    );
    assert.equal(stored?.["hours"], 1.5);
    assert.equal(stored?.["effort"], 7);
    assert.deepEqual(stored?.["exercises"], [{ exercise: "deadlift", sets: 3, load_kg: 62.5 }]);
    await workout(-5);
    await workout(-3);
    await checkin(-3, 4);
    await checkin(-2, 4);
    await checkin(-1, 4);
    // Day four of pain that is not easing: the follow-up moves to a doctor's visit, and says so.
    await checkin(0, 4);
    assert.equal(await count(), 8);
    assert.ok(await page.$("figure.chart canvas"), "the chart is drawn");
    const legend = (await page.textContent("figure.chart .legend"))!;
    assert.doesNotMatch(legend, /--/);
    assert.match(legend, /Workout day/);
    assert.equal(await page.$("figure.chart .u-legend"), null, "no uPlot legend with its '--'");
    assert.match((await page.textContent("#follow-up + .urgency"))!, /Book a doctor/);
    assert.match((await page.textContent("#advice-change"))!, /The advice has changed/);
    assert.match((await page.textContent("main"))!, /Deadlift: pain after 2 of 3 sessions/);
    await axeCheck(page, "diary with entries");
    // A workout can be edited like a check-in.
    await page.click(`.entries li:has-text("Workout") [data-edit] >> nth=0`);
    await page.waitForSelector("#workout-form");
    assert.equal(await page.$("#checkin-form"), null);
    assert.equal(await focused(page), "h2#wo-title");
    await axeCheck(page, "editing a workout");
    await page.check("#wo-squat");
    await page.click("#wo-save");
    await page.waitForSelector("#checkin-form");
    assert.match((await page.textContent(".entries"))!, /Deadlift, Squat/);
    assert.equal(await count(), 8);
    // Delete asks first: "Cancel" keeps the entry, "OK" deletes it.
    page.once("dialog", (d) => void d.dismiss());
    await page.click(".entries li [data-delete] >> nth=0");
    await page.waitForTimeout(300);
    assert.equal(await count(), 8);
    page.once("dialog", (d) => void d.accept());
    await page.click(".entries li [data-delete] >> nth=0");
    await page.waitForFunction(() => document.querySelectorAll(".entries li").length === 7);
    // Bad input is refused with a sentence naming the field, and nothing is stored.
    await page.fill("#ci-date", day(0));
    await page.fill("#ci-intensity", "12");
    await page.click("#ci-save");
    await page.waitForSelector("#ci-error:not(:empty)");
    assert.match((await page.textContent("#ci-error"))!, /“Pain now \(0-10\)” must be a whole number from 0 to 10\./);
    await page.fill("#wo-hours", "1,5,5");
    await page.click("#wo-save");
    await page.waitForSelector("#wo-error:not(:empty)");
    assert.equal(await count(), 7);
    // The report with the diary: the latest follow-up with its date, on one page.
    await page.click("#brand");
    await start(page);
    await answerUntilResult(page, SORE);
    await page.waitForSelector("#latest-follow-up");
    assert.match(
      (await page.textContent("#latest-follow-up"))!,
      /Latest follow-up from the diary, \d+[\s\S]*Book a doctor/,
    );
    await page.emulateMedia({ media: "print" });
    assert.ok(await page.isVisible("#latest-follow-up"));
    assert.equal(await pdfPages(page), 1, "the report with the diary chart fits one page");
    await page.emulateMedia({ media: "screen" });
  });

  test("the diary chart in Russian: dates in Russian, whole days", async () => {
    const page = await newPage(360, { locale: "ru-RU" });
    await register(page, "diary-ru");
    await page.click("#nav-diary");
    await page.waitForSelector("#checkin-form");
    await axeCheck(page, "empty diary in Russian");
    await page.fill("#ci-intensity", "3");
    await page.fill("#ci-age", "30");
    await page.click("#ci-save");
    await page.waitForSelector("figure.chart canvas");
    const text = (await page.textContent("figure.chart .sr-only"))!;
    assert.match(text, /\d+ [а-я]+\.?: 3/);
    assert.match((await page.textContent(".entries"))!, /\d+ [а-я]+\.? \d{4} г\./);
    // A week of entries, then the Russian report with the diary: still one A4 page.
    // A string, not a function: the test runner's transform would add helpers the page does not have.
    await page.evaluate(`(async () => {
      const csrf = document.cookie.split("; ").find((c) => c.startsWith("bc_csrf="))?.slice(8) ?? "";
      const post = (b) => fetch("/api/diary/entries", { method: "POST", headers: { "content-type": "application/json", "x-csrf-token": csrf }, body: JSON.stringify(b) });
      const day = (o) => new Date(Date.now() + o * 86400000).toISOString().slice(0, 10);
      for (const o of [-7, -5, -3]) await post({ kind: "workout", date: day(o), activity: "weightlifting", exercises: [{ exercise: "deadlift" }] });
      for (const [o, i] of [[-4, 3], [-3, 4], [-2, 4], [-1, 5]]) await post({ kind: "checkin", date: day(o), intensity: i, age: 28 });
    })()`);
    await page.click("#brand");
    await start(page);
    await answerUntilResult(page, { ...SORE, warmed_up: false });
    await page.waitForSelector("#latest-follow-up");
    assert.match((await page.textContent("#latest-follow-up"))!, /Последняя оценка по дневнику, \d+ [а-я]+ \d{4}/);
    await page.emulateMedia({ media: "print" });
    assert.equal(await pdfPages(page), 1, "the Russian report with the diary fits one page");
  });
});
