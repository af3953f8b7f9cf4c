// `node --import tsx scripts/diary-sync-shots.ts [dir]`: the diary kept on this device (logged out, offline)
// and a diary edit conflict, at 360 px in English and Russian, for looking at (issue 16). Uses the e2e
// helpers: the built web app, a server on a temporary database, Debian's Chromium.
import { mkdirSync } from "node:fs";
import { launch, startServer } from "../test/e2e/browser.js";

const out = process.argv[2] ?? "screenshots";
mkdirSync(out, { recursive: true });
const server = await startServer();
const browser = await launch();
try {
  for (const lang of ["en", "ru"]) {
    const ctx = await browser.newContext({
      viewport: { width: 360, height: 800 },
      locale: lang === "ru" ? "ru-RU" : "en-GB",
    });
    const page = await ctx.newPage();
    // The top of the page as a phone shows it, and the part kept on this device (further down) on its own.
    const shot = async (name: string): Promise<void> => {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${out}/${name}-${lang}-360.png` });
      const local = await page.$("section.sync");
      if (local) await local.screenshot({ path: `${out}/${name}-${lang}-360-device.png` });
    };
    await page.goto(server.url);
    await page.waitForSelector("#start");
    await page.selectOption("#lang", lang);
    await page.click("#nav-diary");
    await page.waitForSelector("#diary-logged-out");
    await page.fill("#ci-intensity", "3");
    await page.click("#ci-save");
    await page.waitForSelector("#device-diary li");
    await shot("diary-logged-out");
    await page.click("#nav-account");
    await page.fill("#email", `shots-${lang}-${Date.now()}@example.org`);
    await page.fill("#password", "correct horse battery");
    await page.click("#register");
    await page.waitForSelector("#logout");
    await ctx.setOffline(true);
    await page.click("#nav-diary");
    await page.waitForSelector("#diary-offline");
    await page.check("#wo-deadlift");
    await page.click("#wo-save");
    await page.waitForFunction(() => document.querySelectorAll("#device-diary li").length === 2);
    await shot("diary-offline");
    await ctx.setOffline(false);
    await page.click("#nav-results");
    await page.waitForSelector("#device-empty, #device-results");
    await page.click("#nav-diary");
    await page.waitForSelector("#diary-sync-save");
    await shot("diary-pending");
    await page.click("#diary-sync-save");
    await page.waitForSelector("#diary-status");
    await shot("diary-saved");
    // The account's copy changes elsewhere (here: straight through the API), then this page edits it.
    const all = (await (await page.request.get(`${server.url}/api/diary`)).json()) as {
      entries: ({ id: string; revision: number; kind: string } & Record<string, unknown>)[];
    };
    const e = all.entries.find((x) => x.kind === "checkin")!;
    const csrf = (await ctx.cookies()).find((c) => c.name === "bc_csrf")!.value;
    const { id, revision, ...fields } = e;
    const r = await page.request.put(`${server.url}/api/diary/entries/${id}`, {
      headers: { "x-csrf-token": csrf },
      data: { ...fields, intensity: 7, base_revision: revision },
    });
    if (r.status() !== 200) throw new Error(`PUT ${r.status()}`);
    await page.click(`[data-edit="${id}"]`);
    await page.fill("#ci-intensity", "2");
    await page.click("#ci-save");
    await page.waitForSelector(".conflict");
    await shot("diary-conflict");
    await ctx.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
console.log(`screenshots in ${out}`);
