// Throughput of the in-process assessment, on the compiled code the CLI runs: `npm run bench`.
// Prints the median time per assessment on the dev vignettes against the target (at most 20 µs), and beside
// it a reference measured in the same run, so that a busy machine does not decide: the logic alone (every
// rule's and every distinct feature's truth value for the prepared case, no trace, no result). On the machine
// the target was set on, the logic alone took 3.6 µs: the target is 20 / 3.6 = 5.6 times the reference.
// Then the same for the project's vignettes and random valid cases.
import { existsSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { assess } from "../dist/engine/assess.js";
import { compiledKnowledge, featureTruths, ruleTruths } from "../dist/engine/compiled.js";
import { prepare } from "../dist/engine/logic.js";
import { caseArbitrary } from "../dist/engine/test-arbitraries.js";
import { defaultKnowledge } from "../dist/knowledge/load.js";

const k = defaultKnowledge();
const ck = compiledKnowledge(k);
const vignettes = (url) => (existsSync(url) ? JSON.parse(readFileSync(url, "utf8")).map((v) => v.case) : []);
const dev = vignettes(new URL("../../shared/vignettes/dev.json", import.meta.url));
const project = vignettes(new URL("../test/vignettes/project.json", import.meta.url));
// A fixed seed keeps the random workload the same from run to run.
const random = fc.sample(caseArbitrary(k), { numRuns: 1000, seed: 42 });

const TARGET_US = 20;
const REFERENCE_US = 3.6;
const RUNS = 11;
const PER_RUN = 4000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const logicAlone = (c) => {
  const p = prepare(c);
  return ruleTruths(p, ck).length + featureTruths(p, ck).length;
};

/** Microseconds per call, each timed run of `assess` paired with a run of the reference right after it. */
function measure(cases) {
  for (let i = 0; i < 4000; i++) {
    assess(cases[i % cases.length], k); // let the JIT settle
    logicAlone(cases[i % cases.length]);
  }
  const us = [];
  const ref = [];
  for (let r = 0; r < RUNS; r++) {
    let start = process.hrtime.bigint();
    for (let i = 0; i < PER_RUN; i++) assess(cases[i % cases.length], k);
    us.push(Number(process.hrtime.bigint() - start) / 1e3 / PER_RUN);
    start = process.hrtime.bigint();
    for (let i = 0; i < PER_RUN; i++) logicAlone(cases[i % cases.length]);
    ref.push(Number(process.hrtime.bigint() - start) / 1e3 / PER_RUN);
  }
  return { us: median(us), ref: median(ref), ratio: median(us.map((u, i) => u / ref[i])) };
}

if (dev.length) {
  const m = measure(dev);
  const limit = TARGET_US / REFERENCE_US;
  console.log(
    `assess (dev vignettes, ${dev.length} cases): median ${m.us.toFixed(1)} µs per assessment, target ≤ ${TARGET_US} µs; ` +
      `logic alone in the same run ${m.ref.toFixed(1)} µs; ratio ${m.ratio.toFixed(1)}, target ≤ ${limit.toFixed(1)} (${TARGET_US} / ${REFERENCE_US} µs): ${m.ratio <= limit ? "met" : "NOT met"}`,
  );
} else console.log("assess (dev vignettes): ../shared/vignettes/dev.json not found; skipped");
for (const [name, cases] of [
  ["project vignettes", project],
  ["random valid cases", random],
]) {
  const m = measure(cases);
  console.log(
    `assess (${name}, ${cases.length} cases): median ${m.us.toFixed(1)} µs per assessment (${(1e6 / m.us).toFixed(0)} cases/s); logic alone ${m.ref.toFixed(1)} µs; ratio ${m.ratio.toFixed(1)}`,
  );
}
