import { test } from "node:test";
import { PassThrough } from "node:stream";
import assert from "node:assert/strict";
import { defaultKnowledge } from "../knowledge/load.js";
import { runInterview } from "./interview-command.js";
import { bufferIo, fakeTerminal } from "./test-io.js";

const k = defaultKnowledge();
const ENTER = "\r";
const UP = "\u001b[A";
const CTRL_C = "\u0003";

/** The first screen offers a story in the person's own words (story-prompt.ts): Enter skips it. */
async function skipStory(term: ReturnType<typeof fakeTerminal>): Promise<number> {
  const pos = await term.waitFor(/in your own words/, 0);
  term.type(ENTER);
  return pos;
}

/** The prompt's options are drawn just after its title: wait a moment for them. */
async function settle(term: { screen: () => string }, pos: number): Promise<string> {
  await new Promise((r) => setTimeout(r, 120));
  return term.screen().slice(pos);
}

/** Answers like a 30-year-old man with soreness after training, picking the first option elsewhere. */
async function answerAll(
  term: ReturnType<typeof fakeTerminal>,
  done: Promise<number>,
  transcript: string[],
): Promise<number> {
  let pos = await skipStory(term);
  let finished = false;
  void done.then(() => (finished = true));
  for (let n = 1; n < 40 && !finished; n++) {
    pos = await Promise.race([term.waitFor(new RegExp(`Question ${n}: ([^\\n]*)`), pos), done.then(() => -1)]);
    if (pos < 0) break;
    const line = /Question \d+: ([^\n]*)/.exec(term.screen().slice(0, pos).split("◆").at(-1) ?? "")?.[1] ?? "";
    transcript.push(line);
    // The cursor starts on "I don't know"; a checklist ends with "None of these", "I don't know", "Back".
    const prompt = term.screen().slice(pos);
    const checklist = /None of these/.test(prompt) || /None of these/.test(await settle(term, pos));
    if (/How old/.test(line)) term.type(`30${ENTER}`);
    else if (/sex/.test(line)) term.type(`${UP}${ENTER}`);
    else if (checklist) term.type(`${UP}${UP}${UP} ${ENTER}`);
    else if (/How strong|How many|minutes|weeks|hours/.test(line)) term.type(`3${ENTER}`);
    else if (/Where does it hurt/.test(line)) term.type(` ${ENTER}`);
    else term.type(ENTER);
  }
  return done;
}

test("transcript: a full terminal interview ends with the assessment printed as assess prints it", async () => {
  const term = fakeTerminal();
  const io = bufferIo();
  const transcript: string[] = [];
  const code = await answerAll(term, runInterview({ lang: "en" }, k, io, term), transcript);
  assert.equal(code, 0);
  assert.match(transcript[0]!, /How old is the person with back pain\?/);
  assert.match(transcript[1]!, /sex/);
  assert.match(transcript[2]!, /have they noticed any of these/);
  assert.ok(transcript.length >= 5 && transcript.length <= 25, `${transcript.length} questions`);
  assert.match(io.stdout(), /^\n?== /m);
  assert.match(io.stdout(), /does not examine you/);
  assert.match(term.screen(), /I don’t know|I don't know/);
});

test("transcript: Back returns to the previous question", async () => {
  const term = fakeTerminal();
  const io = bufferIo();
  const done = runInterview({ lang: "en" }, k, io, term);
  let pos = await term.waitFor(/Question 1:/, await skipStory(term));
  term.type(`40${ENTER}`);
  pos = await term.waitFor(/Question 2:/, pos);
  term.type(`${UP}${ENTER}`);
  pos = await term.waitFor(/Question 3:/, pos);
  // The last two entries of a checklist are "I don't know" and "Back": go up once and choose Back.
  term.type(`\u001b[A \r`);
  pos = await term.waitFor(/Question 2: What is their sex\?/, pos);
  term.type(CTRL_C);
  assert.equal(await done, 130);
  assert.match(io.stderr(), /Interview stopped. Nothing was saved./);
});

test("Ctrl-C at the first question exits cleanly with 130", async () => {
  const term = fakeTerminal();
  const io = bufferIo();
  const done = runInterview({ lang: "en" }, k, io, term);
  await term.waitFor(/Question 1:/, await skipStory(term));
  term.type(CTRL_C);
  assert.equal(await done, 130);
  assert.equal(io.stdout(), "");
});

test("without a terminal the interview refuses and points to assess", async () => {
  const io = bufferIo();
  const code = await runInterview({ lang: "en" }, k, io, {
    input: new PassThrough(),
    output: new PassThrough(),
    interactive: false,
  });
  assert.equal(code, 2);
  assert.match(io.stderr(), /backcheck assess FILE/);
});
