// Throughput of the in-process assessment, on the compiled code the CLI runs: `npm run bench`.
// Prints the median of several timed runs for two workloads: realistic cases and random valid cases.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { assess } from "../dist/engine/assess.js";
import { caseArbitrary } from "../dist/engine/test-arbitraries.js";
import { defaultKnowledge } from "../dist/knowledge/load.js";

const k = defaultKnowledge();
const realistic = JSON.parse(readFileSync(new URL("../test/vignettes/project.json", import.meta.url), "utf8")).map((v) => v.case);
// A fixed seed keeps the random workload the same from run to run.
const random = fc.sample(caseArbitrary(k), { numRuns: 1000, seed: 42 });

const RUNS = 9;
const PER_RUN = 4000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(name, cases) {
  for (let i = 0; i < 4000; i++) assess(cases[i % cases.length], k); // let the JIT settle
  const rates = [];
  for (let r = 0; r < RUNS; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < PER_RUN; i++) assess(cases[i % cases.length], k);
    rates.push(PER_RUN / (Number(process.hrtime.bigint() - start) / 1e9));
  }
  const rate = median(rates);
  const fmt = (x) => Math.round(x).toLocaleString("en");
  console.log(
    `assess (${name}, ${cases.length} cases): median ${fmt(rate)} cases/s = ${(1e6 / rate).toFixed(0)} µs per assessment ` +
      `(${RUNS} runs of ${PER_RUN}; slowest run ${fmt(Math.min(...rates))} cases/s)`,
  );
}

measure("realistic vignettes", realistic);
measure("random valid cases", random);
