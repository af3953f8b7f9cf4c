// The adaptive interview: questions asked per case and time per step, on the compiled code.
// Run by `npm run bench`; prints medians.
import { readFileSync, existsSync } from "node:fs";
import { defaultKnowledge } from "../dist/knowledge/load.js";
import { answer, UNKNOWN } from "../dist/interview/answer.js";
import { nextStep } from "../dist/interview/next-step.js";
import { emptyState } from "../dist/interview/state.js";

const k = defaultKnowledge();
const files = [new URL("../test/vignettes/project.json", import.meta.url), new URL("../../shared/vignettes/dev.json", import.meta.url)].filter((f) => existsSync(f));
const cases = files.flatMap((f) => JSON.parse(readFileSync(f, "utf8")).map((v) => v.case));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function run(c, stepTimes) {
  let state = emptyState();
  for (;;) {
    const start = process.hrtime.bigint();
    const s = nextStep(state, k);
    stepTimes?.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (s.done) return state.steps.length;
    const q = s.question;
    const reply = q.kind === "checklist" ? Object.fromEntries(q.fields.map((f) => [f, c[f] ?? UNKNOWN])) : (c[q.id] ?? UNKNOWN);
    const r = answer(state, q, reply, k);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    state = r.value;
  }
}

for (const c of cases) run(c); // warm-up
const questions = [];
const stepTimes = [];
for (let round = 0; round < 3; round++) for (const c of cases) questions.push(run(c, stepTimes));
console.log(`interview (${cases.length} vignette cases): median ${median(questions)} questions, max ${Math.max(...questions)}`);
console.log(`interview step: median ${median(stepTimes).toFixed(1)} ms, 95th percentile ${[...stepTimes].sort((a, b) => a - b)[Math.floor(stepTimes.length * 0.95)].toFixed(1)} ms (${stepTimes.length} steps)`);
