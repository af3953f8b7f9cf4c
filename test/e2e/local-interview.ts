import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { answer } from "../../src/interview/answer.js";
import { nextStep } from "../../src/interview/next-step.js";
import { emptyState, type InterviewState } from "../../src/interview/state.js";
import { defaultKnowledge } from "../../src/knowledge/load.js";
import { root, settled } from "./browser.js";

/** A beginner sore the day after lifting, improving, nothing alarming: an interview that ends in self-care. */
export const SORE: Readonly<Record<string, unknown>> = JSON.parse(
  readFileSync(new URL("./sore-case.json", import.meta.url), "utf8"),
);

/**
 * The interview a person with these answers goes through, run in Node with the same engine the page runs
 * ("I don't know" where the answers say nothing; a checklist ticks the findings that are true).
 */
export function interviewState(answers: Record<string, unknown>): InterviewState {
  const k = defaultKnowledge();
  let state = emptyState();
  for (let n = 0; n < 80; n++) {
    const step = nextStep(state, k);
    if (step.done) return state;
    const q = step.question;
    const reply = q.kind === "checklist" ? q.fields.filter((f) => answers[f] === true) : (answers[q.id] ?? "unknown");
    const r = answer(state, q, reply, k);
    if (!r.ok) throw new Error(`${q.id}: ${JSON.stringify(r.problems)}`);
    state = r.value;
  }
  throw new Error("the interview did not end");
}

/** The knowledge version of the built page (dist/web/build.json). */
export const builtVersion = (): string =>
  (JSON.parse(readFileSync(`${root}dist/web/build.json`, "utf8")) as { version: string }).version;

/**
 * Opens the page on the result of an interview with these answers, as if the person had just finished it
 * on this device: the answers go into the browser's own storage and the page works the result out itself.
 */
export async function openLocalResult(page: Page, url: string, answers: Record<string, unknown>): Promise<void> {
  await page.goto(url);
  await page.waitForSelector("#start");
  const record = { id: randomUUID(), revision: 0, lang: "en", version: builtVersion(), state: interviewState(answers) };
  // A string, not a function: the test runner's transpiler would add helpers the page does not have.
  await page.evaluate(`new Promise((resolve, reject) => {
    const record = ${JSON.stringify(record)};
    const open = indexedDB.open("backcheck", 1);
    open.onupgradeneeded = () => {
      for (const s of ["current", "results", "diary"]) open.result.createObjectStore(s, s === "current" ? undefined : { keyPath: "id" });
    };
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction("current", "readwrite");
      tx.objectStore("current").put(record, "interview");
      tx.oncomplete = () => {
        open.result.close();
        localStorage.setItem("backcheck.interview", JSON.stringify({ id: record.id, done: false, version: record.version }));
        resolve(true);
      };
      tx.onerror = () => reject(tx.error);
    };
  })`);
  await page.goto(`${url}/#/interview`);
  await page.reload();
  await page.waitForSelector(".urgency");
  // Taps are taken only once the screen has settled (web/src/dom.ts).
  await settled(page);
}

/** Answers on the page, as a person does; "I don't know" where the answers say nothing. Taps are taken only once
 * the screen has settled (main[data-ready], web/src/dom.ts). */
export async function answerUntilResult(page: Page, answers: Record<string, unknown>, max = 40): Promise<void> {
  for (let n = 0; n < max; n++) {
    await page.waitForSelector("h1#question, .urgency", { timeout: 10_000 });
    await settled(page);
    if (await page.$(".urgency")) return;
    const id = (await page.getAttribute("h1#question", "data-question"))!;
    const kind = (await page.getAttribute("h1#question", "data-kind"))!;
    const before = await page.textContent("p.progress");
    if (kind === "checklist") {
      const boxes = await page.$$eval("input[name=answer]:not(#none)", (els) =>
        els.map((e) => (e as HTMLInputElement).value),
      );
      const chosen = boxes.filter((f) => answers[f] === true);
      if (chosen.length === 0) await page.check("#none");
      else for (const f of chosen) await page.check(`input[value=${f}]`);
      await page.click("#continue");
    } else if (answers[id] === undefined) await page.click("[data-answer=unknown]");
    else if (kind === "number" || kind === "integer") {
      await page.fill("#answer", String(answers[id]));
      await page.press("#answer", "Enter");
    } else if (kind === "multi") {
      for (const v of answers[id] as string[]) await page.check(`input[value=${v}]`);
      await page.click("#continue");
    } else {
      await page.check(`input[name=answer][value="${String(answers[id])}"]`);
      await page.click("#continue");
    }
    await nextScreen(page, before);
  }
  throw new Error(`no result after ${max} questions`);
}

/**
 * Waits until an answer has moved the interview on: the result, or a question whose progress line differs
 * from `before`. Until then the old question is still on the page, and reading it would race the new screen.
 */
export async function nextScreen(page: Page, before: string | null): Promise<void> {
  await page.waitForFunction(
    (prev) => document.querySelector(".urgency") || document.querySelector("p.progress")?.textContent !== prev,
    before,
  );
}
