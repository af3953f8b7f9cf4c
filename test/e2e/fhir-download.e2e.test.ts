import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { browserSkip, launch, newContext, type RunningServer, startServer } from "./browser.js";
import { openLocalResult as openResult } from "./local-interview.js";

const skip = browserSkip();
/** Where to leave screenshots of the button for a person to look at (not checked in). */
const SHOTS = process.env["FHIR_SHOTS_DIR"];

describe("the result page's FHIR download", { skip }, () => {
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

  for (const [locale, label] of [
    ["en-GB", /Download for your doctor's system \(FHIR\)/],
    ["ru-RU", /Скачать для системы врача \(FHIR\)/],
  ] as const) {
    test(`${locale}: the button downloads a FHIR document Bundle of this result, and is not printed`, async () => {
      for (const width of [360, 1280]) {
        const page = await (
          await newContext(browser, { viewport: { width, height: 800 }, locale, acceptDownloads: true })
        ).newPage();
        await openResult(page, server.url, { age: 45, saddle_numbness: true, intensity: 7 });
        assert.match((await page.textContent("#download-fhir"))!, label);
        if (SHOTS) {
          await page.locator("#download-fhir").scrollIntoViewIfNeeded();
          await page.screenshot({ path: `${SHOTS}/fhir-button-${locale}-${width}.png` });
        }
        const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-fhir")]);
        assert.equal(download.suggestedFilename(), "backcheck-fhir.json");
        const bundle = JSON.parse(readFileSync((await download.path())!, "utf8")) as {
          resourceType: string;
          type: string;
          entry: {
            resource: { resourceType: string; language?: string; extension?: { valueCoding?: { code?: string } }[] };
          }[];
        };
        assert.equal(bundle.resourceType, "Bundle");
        assert.equal(bundle.type, "document");
        assert.equal(bundle.entry[0]!.resource.resourceType, "Composition");
        assert.equal(bundle.entry[0]!.resource.language, locale.slice(0, 2));
        const impression = bundle.entry.find((e) => e.resource.resourceType === "ClinicalImpression")!;
        assert.equal(impression.resource.extension?.[0]?.valueCoding?.code, "emergency");
        await page.emulateMedia({ media: "print" });
        assert.equal(await page.isVisible("#download-fhir"), false);
        await page.close();
      }
    });
  }
});
