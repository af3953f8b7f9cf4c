import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultKnowledge } from "../knowledge/load.js";
import { runInterview } from "./interview-command.js";
import { bufferIo, fakeTerminal } from "./test-io.js";

const k = defaultKnowledge();
const ENTER = "\r";
const CTRL_C = "\u0003";

test("terminal: the story is read, the understood lines are confirmed, and confirmed fields are not asked", async () => {
  const term = fakeTerminal(120, 60);
  const io = bufferIo();
  const done = runInterview({ lang: "en" }, k, io, term);
  let pos = await term.waitFor(/Tell us what happened, in your own words/, 0);
  term.type(`I'm 34 and my lower back hurts since yesterday, 4 out of 10. No fever.${ENTER}`);
  pos = await term.waitFor(/We understood:/, pos);
  pos = await term.waitFor(/Fever: No/, pos);
  assert.match(term.screen().slice(0, pos), /Age: 34/);
  assert.match(term.screen(), /from your words: “I'm 34”/);
  term.type(ENTER);
  pos = await term.waitFor(/Question 1: ([^\n]*)/, pos);
  assert.doesNotMatch(term.screen().slice(pos - 200, pos), /How old/);
  term.type(CTRL_C);
  assert.equal(await done, 130);
});

test("terminal: a line the person unticks is asked", async () => {
  const term = fakeTerminal(120, 60);
  const io = bufferIo();
  const done = runInterview({ lang: "en" }, k, io, term);
  let pos = await term.waitFor(/in your own words/, 0);
  term.type(`I'm 34 and my lower back hurts.${ENTER}`);
  pos = await term.waitFor(/Age: 34/, pos);
  // The cursor is on the first line (the age): space unticks it.
  term.type(` ${ENTER}`);
  pos = await term.waitFor(/Question 1: ([^\n]*)/, pos);
  assert.match(term.screen().slice(pos - 120, pos), /How old/);
  term.type(CTRL_C);
  assert.equal(await done, 130);
});

test("terminal: Russian story", async () => {
  const term = fakeTerminal(120, 60);
  const io = bufferIo();
  const done = runInterview({ lang: "ru" }, k, io, term);
  let pos = await term.waitFor(/своими словами/, 0);
  term.type(`Мне 40, болит поясница, ноги не немеют.${ENTER}`);
  pos = await term.waitFor(/Мы поняли:/, pos);
  await term.waitFor(/Онемение ноги: Нет/, pos);
  term.type(CTRL_C);
  assert.equal(await done, 130);
});
