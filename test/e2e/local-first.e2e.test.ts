import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page, type Request } from "playwright-core";
import {
  browserSkip,
  CHROMIUM,
  CHROMIUM_ARGS,
  launch,
  newContext,
  root,
  type RunningServer,
  settled,
  startServer,
} from "./browser.js";
import { builtVersion, answerUntilResult, SORE } from "./local-interview.js";

const skip = browserSkip();

/** The first visit: the page, then the service worker installed and in control, the engine prefetched. */
async function firstVisit(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  page.on("pageerror", (e) => assert.fail(`page error: ${e.message}`));
  await page.goto(url);
  await page.waitForSelector("#start");
  await page.evaluate("navigator.serviceWorker.ready.then(() => true)");
  // Once the worker is active, a reload is served under its control (what a second visit is).
  await page.reload();
  await page.waitForSelector("#start");
  assert.equal(
    await page.evaluate("navigator.serviceWorker.controller !== null"),
    true,
    "the page is controlled by the service worker",
  );
  await page.waitForLoadState("networkidle");
  return page;
}

describe("local first: the interview in the browser, offline, nothing sent, installable", { skip }, () => {
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

  test("offline: after one visit, the page loads, the interview ends in a result, the print view and the JSON download work", async () => {
    const context = await newContext(browser, {
      viewport: { width: 360, height: 800 },
      locale: "en-GB",
      acceptDownloads: true,
    });
    const page = await firstVisit(context, server.url);
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector("#start");
    await settled(page);
    await page.click("#start");
    await answerUntilResult(page, SORE);
    assert.match((await page.textContent(".urgency h1"))!, /look after this at home/i);
    assert.match((await page.textContent("#knowledge-version"))!, new RegExp(builtVersion()));
    await page.emulateMedia({ media: "print" });
    assert.ok(await page.isVisible(".report-only h1"), "the report title shows in print");
    assert.match(
      (await page.textContent(".report-only"))!,
      new RegExp(`Knowledge version ${builtVersion()}`),
      "the report names the knowledge version",
    );
    const pdf = await page.pdf({ format: "A4" });
    assert.ok(pdf.length > 1000, "the print view renders");
    await page.emulateMedia({ media: "screen" });
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
    const saved = JSON.parse(readFileSync((await download.path())!, "utf8")) as Record<string, unknown>;
    assert.equal(saved["age"], 28);
    // The result is kept on this device, offline too.
    await page.click("#nav-results");
    await page.waitForSelector("#device-results a");
    assert.match((await page.textContent("#device-results"))!, /look after this at home/i);
    await context.close();
  });

  test("nothing sent: an anonymous interview makes no network request after the page has loaded", async () => {
    const context = await newContext(browser, { viewport: { width: 1280, height: 800 }, locale: "en-GB" });
    const page = await firstVisit(context, server.url);
    const sent: string[] = [];
    const record = (r: Request): void => {
      void r.response().then((res) => {
        // The page's requests that the service worker answers from its cache never reach the network.
        if (!r.serviceWorker() && res?.fromServiceWorker()) return;
        sent.push(`${r.method()} ${r.url()}${r.postData() ? ` ${r.postData()!.slice(0, 80)}` : ""}`);
      });
    };
    context.on("request", record);
    await settled(page);
    await page.click("#start");
    await answerUntilResult(page, { ...SORE, intensity: 6, numbness: true });
    await page.click("#nav-results");
    await page.waitForSelector("#device-results a");
    context.off("request", record);
    assert.deepEqual(sent, [], `requests during the interview: ${sent.join("; ")}`);
    await context.close();
  });

  test("new knowledge: an interview begun on another version starts again with a message, never a mix", async () => {
    const context = await newContext(browser, { viewport: { width: 360, height: 800 }, locale: "en-GB" });
    const page = await context.newPage();
    page.on("pageerror", (e) => assert.fail(`page error: ${e.message}`));
    await page.goto(server.url);
    await page.waitForSelector("#start");
    await settled(page);
    await page.click("#start");
    await page.waitForSelector("#answer");
    await page.fill("#answer", "30");
    await page.press("#answer", "Enter");
    await page.waitForSelector("h1[data-question=sex]");
    // As if this interview had begun before the service worker brought the knowledge of this build.
    await page.evaluate(`new Promise((resolve, reject) => {
      const m = JSON.parse(localStorage.getItem("backcheck.interview"));
      localStorage.setItem("backcheck.interview", JSON.stringify({ ...m, version: "0000older000" }));
      const open = indexedDB.open("backcheck");
      open.onsuccess = () => {
        const store = open.result.transaction("current", "readwrite").objectStore("current");
        const get = store.get("interview");
        get.onsuccess = () => {
          const put = store.put({ ...get.result, version: "0000older000" }, "interview");
          put.onsuccess = () => (open.result.close(), resolve(true));
          put.onerror = () => reject(put.error);
        };
      };
      open.onerror = () => reject(open.error);
    })`);
    await page.goto(`${server.url}/#/`);
    await page.reload();
    await page.waitForSelector("#restarted");
    assert.match((await page.textContent("#restarted"))!, /knowledge was updated since you began/);
    assert.equal(await page.$("#continue-interview"), null, "no way to continue on the old version");
    // The stored interview of the old version is not continued either, even by its address.
    await page.goto(`${server.url}/#/interview/2`);
    await page.reload();
    await page.waitForSelector("#start");
    await context.close();
  });

  test("My results on this device: export as one JSON file, delete one, delete everything", async () => {
    const context = await newContext(browser, {
      viewport: { width: 360, height: 800 },
      locale: "en-GB",
      acceptDownloads: true,
    });
    const page = await context.newPage();
    page.on("pageerror", (e) => assert.fail(`page error: ${e.message}`));
    page.on("dialog", (d) => void d.accept());
    await page.goto(server.url);
    for (const answers of [SORE, { age: 50, sex: "male", fever: true }]) {
      await page.goto(`${server.url}/#/`);
      await page.waitForSelector("#start");
      await settled(page);
      await page.click("#start");
      await answerUntilResult(page, answers);
    }
    await page.click("#nav-results");
    await page.waitForSelector("#device-results a");
    assert.equal(await page.$$eval("#device-results li", (els) => els.length), 2);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#device-export")]);
    assert.equal(download.suggestedFilename(), "backcheck-this-device.json");
    const file = JSON.parse(readFileSync((await download.path())!, "utf8")) as {
      results: { case: { age: number }; result: { triage: string }; knowledge_version: string }[];
    };
    assert.deepEqual(
      file.results.map((r) => r.case.age),
      [50, 28],
      "newest first, with the answers",
    );
    assert.ok(file.results.every((r) => r.knowledge_version === builtVersion() && r.result.triage));
    await page.click(".delete-one >> nth=0");
    await page.waitForFunction(() => document.querySelectorAll("#device-results li").length === 1);
    await page.click("#device-delete-all");
    await page.waitForSelector("#device-empty");
    assert.match((await page.textContent("#device-status"))!, /deleted/);
    // Gone for good: a reload finds nothing, and nothing to continue.
    await page.reload();
    await page.waitForSelector("#device-empty");
    await page.goto(`${server.url}/#/`);
    await page.waitForSelector("#start");
    assert.equal(await page.$("#continue-interview"), null);
    await context.close();
  });

  test("a static host: dist/web from a plain file server, in a sub-folder, runs the whole interview", async () => {
    const types: Record<string, string> = {
      html: "text/html",
      js: "text/javascript",
      css: "text/css",
      json: "application/json",
      svg: "image/svg+xml",
      png: "image/png",
      webmanifest: "application/manifest+json",
    };
    const files = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
      if (!path.startsWith("/backcheck/") || path.includes("..")) return void res.writeHead(404).end();
      const file = `${root}dist/web/${path.slice("/backcheck/".length) || "index.html"}`;
      try {
        const body = readFileSync(file);
        res
          .writeHead(200, { "content-type": types[file.split(".").pop() ?? ""] ?? "application/octet-stream" })
          .end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => files.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(files.address() as AddressInfo).port}/backcheck/`;
    const context = await newContext(browser, { viewport: { width: 360, height: 800 }, locale: "ru-RU" });
    const page = await context.newPage();
    page.on("pageerror", (e) => assert.fail(`page error: ${e.message}`));
    await page.goto(base);
    await page.waitForSelector("#start");
    assert.match((await page.textContent("#privacy"))!, /остаются на этом устройстве/);
    await settled(page);
    await page.click("#start");
    await answerUntilResult(page, SORE);
    assert.match((await page.textContent(".urgency h1"))!, /[А-Яа-я]/);
    assert.equal(await page.evaluate("navigator.serviceWorker.ready.then((r) => r.scope)"), base);
    await context.close();
    await new Promise((r) => files.close(r));
  });

  test("installable: the manifest, its icons and the service worker meet Chromium's criteria", async () => {
    // A profile on disk, not an incognito context: Chromium offers no install in incognito.
    const profile = mkdtempSync(join(tmpdir(), "backcheck-install-"));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      viewport: { width: 360, height: 800 },
      locale: "en-GB",
    });
    const page = await firstVisit(context, server.url);
    const href = await page.getAttribute("link[rel=manifest]", "href");
    assert.equal(href, "manifest.webmanifest");
    const res = await page.request.get(`${server.url}/manifest.webmanifest`);
    assert.equal(res.status(), 200);
    assert.match(res.headers()["content-type"] ?? "", /application\/manifest\+json/);
    const m = (await res.json()) as {
      name: string;
      short_name: string;
      start_url: string;
      display: string;
      icons: { src: string; sizes: string; type: string; purpose?: string }[];
    };
    assert.ok(m.name && m.short_name, "a name and a short name");
    assert.equal(m.start_url, "./");
    assert.equal(m.display, "standalone");
    for (const size of [192, 512]) {
      const icon = m.icons.find((i) => i.sizes === `${size}x${size}` && i.type === "image/png" && !i.purpose);
      assert.ok(icon, `a ${size} px PNG icon`);
      const png = await page.request.get(`${server.url}/${icon.src}`);
      assert.equal(png.status(), 200);
      const body = await png.body();
      assert.equal(body.readUInt32BE(16), size, "the PNG's width");
      assert.equal(body.readUInt32BE(20), size, "the PNG's height");
    }
    assert.ok(
      m.icons.some((i) => i.type === "image/svg+xml"),
      "an SVG icon",
    );
    const sw = (await page.evaluate(
      `navigator.serviceWorker.getRegistration().then((r) => r && { scope: r.scope, state: r.active && r.active.state, script: r.active && r.active.scriptURL })`,
    )) as { scope: string; state: string; script: string };
    assert.equal(sw.scope, `${server.url}/`);
    assert.equal(sw.state, "activated");
    assert.equal(sw.script, `${server.url}/sw.js`);
    // Chromium's own verdict on installability (the same check that offers "Install app").
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send("Page.getInstallabilityErrors")) as {
      installabilityErrors: { errorId: string }[];
    };
    assert.deepEqual(
      installabilityErrors.map((e) => e.errorId),
      [],
    );
    const cache = (await page.evaluate("caches.keys()")) as string[];
    assert.ok(
      cache.some((k) => /^backcheck-[0-9a-f]{10}$/.test(k)),
      `a cache named by the build's hash: ${cache.join(", ")}`,
    );
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });
});
