// StrykerJS (9.x: version 10 needs Node 22) over the code whose every branch is a safety decision.
// `npm run mutate` runs all groups; `MUTATE=diary,auth npm run mutate` runs only the named ones (the
// dry run then loads only their test files). Each mutant runs only the test files that reached it
// (coverageAnalysis perTest: for the tap runner one test file is one "test").
// The groups, their code and their tests live in scripts/mutation-groups.mjs; the scores per group are
// printed by scripts/mutation-scores.mjs after the run. Incremental: a rerun tests only changed mutants.
import { selectedGroups } from "./scripts/mutation-groups.mjs";

const groups = selectedGroups(process.env["MUTATE"]);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "tap",
  plugins: ["@stryker-mutator/tap-runner"],
  mutate: groups.flatMap((g) => g.mutate),
  tap: {
    testFiles: [...new Set(groups.flatMap((g) => g.tests))],
    // Sources through tsx, like `npm test`; node:test prints TAP for the runner to read.
    nodeArgs: ["--import", "tsx", "--test-reporter=tap", "-r", "{{hookFile}}", "{{testFile}}"],
    forceBail: true,
  },
  coverageAnalysis: "perTest",
  // tsx does not type-check, so a mutant that breaks a type still runs (and is killed by behaviour).
  checkers: [],
  // Two cores are shared on the machines here.
  concurrency: Number(process.env["MUTATE_CONCURRENCY"] ?? 2),
  timeoutMS: 20_000,
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  reporters: ["clear-text", "json", "progress"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false, reportScoreTable: true },
  ignorePatterns: ["dist", "reports", "screenshots", "data", ".stryker-tmp"],
  cleanTempDir: "always",
  thresholds: { high: 80, low: 70, break: null },
};
