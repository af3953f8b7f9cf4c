import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { assess } from "../../src/engine/assess.js";
import type { Case } from "../../src/engine/types.js";
import { simulate } from "../../src/interview/simulate.js";
import { defaultKnowledge } from "../../src/knowledge/load.js";
import { browserSkip, launch, newContext, root, type RunningServer, startServer } from "./browser.js";

const skip = browserSkip();

interface Vignette {
  id: string;
  case: Case;
}
const vignettes = (name: string): Vignette[] =>
  JSON.parse(readFileSync(new URL(`../../../shared/vignettes/${name}`, import.meta.url), "utf8")) as Vignette[];
const CASES = [...vignettes("dev.json"), ...vignettes("dev2.json")];

/**
 * The browser runs the same engine as Node: every dev and dev2 vignette, assessed directly and through the
 * whole interview (each question answered from the case, "I don't know" where it says nothing), gives the
 * same result in Chromium (the built engine chunk over the knowledge the build compiled to JSON) as in Node
 * (src/ over the knowledge read from its YAML and JSON sources).
 */
describe("same results in Chromium and in Node", { skip }, () => {
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

  test(`${CASES.length} vignettes (dev, dev2): assess and the interview, identical`, async () => {
    const k = defaultKnowledge();
    const node = CASES.map((v) => ({ id: v.id, assess: assess(v.case, k), interview: simulate(v.case, k) }));
    const { engine } = JSON.parse(readFileSync(`${root}dist/web/build.json`, "utf8")) as { engine: string };
    const page = await (await newContext(browser)).newPage();
    await page.goto(server.url);
    await page.waitForSelector("#start");
    // A string, not a function: the test runner's transpiler would add helpers the page does not have.
    const inBrowser = (await page.evaluate(`(async () => {
      const e = await import(${JSON.stringify(`./${engine}`)});
      const k = await e.knowledge("en");
      const cases = ${JSON.stringify(CASES.map((v) => ({ id: v.id, case: v.case })))};
      const simulate = (c) => {
        let state = e.emptyState();
        for (let i = 0; i < 200; i++) {
          const step = e.nextStep(state, k);
          if (step.done) return { questions_asked: state.steps.length, asked: state.steps.flatMap((s) => s.fields), result: step.result };
          const q = step.question;
          const reply = q.kind === "checklist" ? Object.fromEntries(q.fields.map((f) => [f, c[f] ?? "unknown"])) : (c[q.id] ?? "unknown");
          const r = e.answer(state, q, reply, k);
          if (!r.ok) throw new Error(q.id + ": " + JSON.stringify(r.problems));
          state = r.value;
        }
        throw new Error("the interview did not end");
      };
      return cases.map((v) => ({ id: v.id, assess: e.assess(v.case, k), interview: simulate(v.case) }));
    })()`)) as typeof node;
    assert.equal(inBrowser.length, CASES.length);
    for (let i = 0; i < CASES.length; i++) {
      // Compared as JSON: what a result is when it is stored, sent or downloaded.
      assert.deepEqual(
        JSON.parse(JSON.stringify(inBrowser[i])),
        JSON.parse(JSON.stringify(node[i])),
        `${CASES[i]!.id}: the browser's result differs from Node's`,
      );
    }
  });
});
