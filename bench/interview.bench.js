// The adaptive interview, on the compiled code: `npm run bench`. Prints:
// - the median number of questions on shared/vignettes dev.json and dev2.json, answered as `eval --interview`
//   does (simulate --absent no), and beside it the fewest questions a beam search over the interview's own
//   candidate questions needs to reach the same triage and must-rule-out list, and the ratio (lower is better);
// - the time per interview step (median and 95th percentile).
import { readFileSync, existsSync } from "node:fs";
import { defaultKnowledge } from "../dist/knowledge/load.js";
import { answer, UNKNOWN } from "../dist/interview/answer.js";
import { nextStep } from "../dist/interview/next-step.js";
import { simulate } from "../dist/interview/simulate.js";
import { fewestQuestions, targetOf } from "../dist/interview/beam.js";
import { emptyState } from "../dist/interview/state.js";

const k = defaultKnowledge();
const shared = (f) => new URL(`../../shared/vignettes/${f}`, import.meta.url);
const read = (url) => JSON.parse(readFileSync(url, "utf8")).map((v) => v.case);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const BEAM_WIDTH = Number(process.env.BEAM_WIDTH ?? 6);

for (const name of ["dev.json", "dev2.json"]) {
  if (!existsSync(shared(name))) {
    console.log(`interview questions: ${name} not found beside the repository (../shared/vignettes); skipped`);
    continue;
  }
  const asked = [];
  const fewest = [];
  for (const c of read(shared(name))) {
    const run = simulate(c, k, "no");
    asked.push(run.questions_asked);
    // The interview's own count is the fallback: the search looks no deeper than the interview went.
    const found = fewestQuestions(c, k, targetOf(run.result), {
      width: BEAM_WIDTH,
      maxDepth: run.questions_asked,
      absent: "no",
    });
    fewest.push(found ? found.questions : run.questions_asked);
  }
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  console.log(
    `interview questions (${name}, ${asked.length} cases, --absent no): median ${median(asked)}, beam search (width ${BEAM_WIDTH}) fewest reaching the same triage and must-rule-out with no warning sign unasked: median ${median(fewest)}; ` +
      `ratio ${(median(asked) / median(fewest)).toFixed(2)} of medians, ${(sum(asked) / sum(fewest)).toFixed(2)} of totals (lower is better; 1.00 is the beam's bound)`,
  );
}

// Time per step, answering "don't know" where the case is silent (the slowest path: every look-ahead runs).
const stepCases = [new URL("../test/vignettes/project.json", import.meta.url), shared("dev.json")]
  .filter((f) => existsSync(f))
  .flatMap(read);
function run(c, stepTimes) {
  let state = emptyState();
  for (;;) {
    const start = process.hrtime.bigint();
    const s = nextStep(state, k);
    stepTimes?.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (s.done) return state.steps.length;
    const q = s.question;
    const reply =
      q.kind === "checklist" ? Object.fromEntries(q.fields.map((f) => [f, c[f] ?? UNKNOWN])) : (c[q.id] ?? UNKNOWN);
    const r = answer(state, q, reply, k);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    state = r.value;
  }
}
for (const c of stepCases) run(c); // warm-up
const stepTimes = [];
for (let round = 0; round < 3; round++) for (const c of stepCases) run(c, stepTimes);
console.log(
  `interview step: median ${median(stepTimes).toFixed(2)} ms, 95th percentile ${[...stepTimes].sort((a, b) => a - b)[Math.floor(stepTimes.length * 0.95)].toFixed(2)} ms (${stepTimes.length} steps, ${stepCases.length} cases, "don't know" where the case is silent)`,
);
