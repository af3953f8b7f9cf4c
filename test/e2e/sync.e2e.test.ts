import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { answerUntilResult, nextScreen, SORE } from "./local-interview.js";
import { browserSkip, launch, newContext, type RunningServer, settled, startServer } from "./browser.js";

/**
 * "Save to my account" (issue 16): results finished on one device go to the account and are seen from a
 * second browser; a result changed in the account meanwhile is shown to the person as a conflict, both
 * versions side by side, never overwritten silently. Needs the server's sync API (PUT /api/results/:id);
 * without it (a branch where it is not merged yet) the test says so and skips.
 */
const skip = browserSkip();

const FEVER: Record<string, unknown> = { age: 50, sex: "male", fever: true };

async function openPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  page.on("pageerror", (e) => assert.fail(`page error: ${e.message}`));
  await page.goto(url);
  await page.waitForSelector("#start");
  return page;
}

async function logIn(page: Page, email: string, register: boolean): Promise<void> {
  await page.click("#nav-account");
  await page.fill("#email", email);
  await page.fill("#password", "correct horse battery");
  await page.click(register ? "#register" : "#login");
  await page.waitForSelector("#logout");
}

async function finish(page: Page, answers: Record<string, unknown>): Promise<void> {
  await page.click("#brand");
  await settled(page);
  await page.click("#start");
  await answerUntilResult(page, answers);
}

describe("save to my account", { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  let noSyncApi = false;
  before(async () => {
    server = await startServer();
    browser = await launch();
    noSyncApi = (await fetch(`${server.url}/api/results`)).status === 404;
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("two results saved from one browser are seen from a second; a conflicting edit is shown, and the person chooses; a diary kept offline is saved too", async (t) => {
    if (noSyncApi) {
      t.skip("the server has no sync API (PUT /api/results/:id) on this branch: run after merging wip-sync");
      return;
    }
    const email = `sync-${Date.now()}@example.org`;
    const a = await newContext(browser, { viewport: { width: 1280, height: 900 }, locale: "en-GB" });
    const pageA = await openPage(a, server.url);
    await logIn(pageA, email, true);
    await finish(pageA, SORE);
    await finish(pageA, FEVER);
    await pageA.click("#nav-results");
    await pageA.waitForSelector("#device-results a");
    assert.equal(await pageA.$$eval("#device-results li", (els) => els.length), 2);
    assert.match((await pageA.textContent(".sync"))!, /2 result\(s\) on this device are not saved/);
    await pageA.click("#sync-save");
    await pageA.waitForSelector("text=Every result on this device is saved to your account");
    assert.equal(await pageA.$$eval(".saved-tag", (els) => els.length), 2);

    // A second browser, the same account: both results are there.
    const b = await newContext(browser, { viewport: { width: 360, height: 800 }, locale: "en-GB" });
    const pageB = await openPage(b, server.url);
    await logIn(pageB, email, false);
    await pageB.waitForSelector(".history a");
    const history = (await pageB.textContent(".history"))!;
    assert.match(history, /look after this at home/i);
    assert.match(history, /See a doctor today/);
    assert.equal(await pageB.$$eval(".history li", (els) => els.length), 2);

    // The account's copy of the last interview's result changes elsewhere (revision 2) ...
    const lastId = (await pageA.evaluate(`JSON.parse(localStorage.getItem("backcheck.interview")).id`)) as string;
    const saved = (await (await pageB.request.get(`${server.url}/api/results`)).json()) as {
      results: { id: string; revision: number; body: Record<string, unknown> }[];
    };
    const newest = saved.results.find((r) => r.id === lastId)!;
    assert.ok(newest, "the last interview's result is in the account under the id this device gave it");
    const csrf = (await b.cookies()).find((c) => c.name === "bc_csrf")!.value;
    const changed = await pageB.request.put(`${server.url}/api/results/${newest.id}`, {
      headers: { "x-csrf-token": csrf },
      data: { base_revision: newest.revision, body: { ...newest.body, lang: "ru" } },
    });
    assert.equal(changed.status(), 200);
    // ... while this device finishes the same interview again with another answer.
    // The person goes back from "My results" to the result, and once more to the last question (the
    // browser's Back: every question and the result have their own history entry).
    await pageA.goBack();
    await pageA.waitForSelector(".urgency");
    assert.match(pageA.url(), /#\/interview\/result$/);
    await pageA.goBack();
    await pageA.waitForSelector("h1#question");
    await settled(pageA);
    const progress = await pageA.textContent("p.progress");
    await pageA.click("[data-answer=unknown]");
    await nextScreen(pageA, progress);
    await answerUntilResult(pageA, FEVER);
    await pageA.click("#nav-results");
    await pageA.waitForSelector("#sync-save:not([disabled])");
    await pageA.click("#sync-save");
    // The conflict is shown with both versions; nothing was overwritten.
    await pageA.waitForSelector(".conflict[role=alert]");
    const conflict = (await pageA.textContent(".conflict"))!;
    assert.match(conflict, /changed in your account from another device/);
    assert.match(conflict, /On this device[\s\S]*In your account/);
    const still = (await (await pageB.request.get(`${server.url}/api/results/${newest.id}`)).json()) as {
      revision: number;
      body: { lang: string };
    };
    assert.equal(still.revision, 2);
    assert.equal(still.body.lang, "ru");
    // The person keeps this device's version: it is saved on top of the revision they saw.
    await pageA.click(".conflict [data-keep=mine]");
    await pageA.waitForSelector("text=Every result on this device is saved to your account");
    const now = (await (await pageB.request.get(`${server.url}/api/results/${newest.id}`)).json()) as {
      revision: number;
      body: { lang: string };
    };
    assert.equal(now.revision, 3);
    assert.equal(now.body.lang, "en");

    // A diary kept offline: two entries made with the network off stay on this device ...
    await a.setOffline(true);
    await pageA.click("#nav-diary");
    await pageA.waitForSelector("#diary-offline");
    await pageA.fill("#ci-intensity", "4");
    await pageA.click("#ci-save");
    await pageA.waitForSelector("#device-diary li");
    await pageA.check("#wo-deadlift");
    await pageA.fill("#wo-deadlift-sets", "3");
    await pageA.click("#wo-save");
    await pageA.waitForFunction(() => document.querySelectorAll("#device-diary li").length === 2);
    assert.equal(await pageA.$("#diary-sync-save"), null, "offline, there is nothing to save to");
    // ... and go to the account once the person is back online and saves them.
    await a.setOffline(false);
    await pageA.click("#nav-results");
    await pageA.waitForSelector("#device-results");
    assert.match((await pageA.textContent("#device-diary-hint"))!, /Diary entries kept on this device: 2\./);
    await pageA.click("#nav-diary");
    await pageA.waitForSelector("#diary-sync-save");
    assert.match((await pageA.textContent(".sync"))!, /2 diary entry\(ies\) on this device are not saved/);
    await pageA.click("#diary-sync-save");
    await pageA.waitForSelector("#diary-status");
    assert.equal(await pageA.textContent("#diary-status"), "Saved to your account: 2.");
    assert.equal(await pageA.$("#device-diary"), null, "nothing is left on the device only");
    assert.equal(await pageA.$$eval(".entries li", (els) => els.length), 2);

    // The second browser sees both entries in the account's diary.
    await pageB.click("#nav-diary");
    await pageB.waitForSelector(".entries li");
    const diaryB = (await pageB.textContent(".entries"))!;
    assert.match(diaryB, /Pain check-in: 4\/10/);
    assert.match(diaryB, /Workout: Deadlift/);
    assert.equal(await pageB.$$eval(".entries li", (els) => els.length), 2);

    // The second browser changes the check-in; the first, still showing revision 1, edits it too.
    const checkinId = (await pageB.getAttribute(".entries li:has-text('Pain check-in') [data-edit]", "data-edit"))!;
    await pageB.click(`[data-edit="${checkinId}"]`);
    await pageB.fill("#ci-intensity", "6");
    await pageB.click("#ci-save");
    await pageB.waitForSelector(".entries li:has-text('Pain check-in: 6/10')");
    await pageA.click(`[data-edit="${checkinId}"]`);
    await pageA.fill("#ci-intensity", "5");
    await pageA.click("#ci-save");
    // The conflict is shown with both versions; the account keeps the other browser's until the person chooses.
    await pageA.waitForSelector(".conflict[role=alert]");
    const diaryConflict = (await pageA.textContent(".conflict"))!;
    assert.match(diaryConflict, /This entry was changed in your account from another device/);
    assert.match(diaryConflict, /On this device: .*Pain check-in: 5\/10[\s\S]*In your account: .*Pain check-in: 6\/10/);
    const entryOf = async (): Promise<{ revision: number; intensity: number }> => {
      const all = (await (await pageB.request.get(`${server.url}/api/diary`)).json()) as {
        entries: { id: string; revision: number; intensity: number }[];
      };
      return all.entries.find((e) => e.id === checkinId)!;
    };
    assert.deepEqual(await entryOf(), { ...(await entryOf()), revision: 2, intensity: 6 });
    // Until then this device keeps its version among the entries kept here, marked as an edit not yet saved.
    assert.match((await pageA.textContent("#device-diary"))!, /Pain check-in: 5\/10\s*changed here, not saved yet/);
    await pageA.click(".conflict [data-keep=mine]");
    await pageA.waitForSelector(".conflict", { state: "detached" });
    assert.equal(await pageA.$("#device-diary"), null, "the edit left this device once the account had it");
    assert.match((await pageA.textContent("#entries-title + .entries"))!, /Pain check-in: 5\/10/);
    const kept = await entryOf();
    assert.equal(kept.revision, 3);
    assert.equal(kept.intensity, 5);
    await a.close();
    await b.close();
  });
});
