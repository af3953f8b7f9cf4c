// The code `npm run mutate` mutates, in groups with their own targets, and the test files that can kill
// each group's mutants (a mutant runs only those of them that reached its code).
const notTests = ["!src/**/*.test.ts", "!src/**/test-*.ts"];
/** The engine's slowest fast files (2.7 s and 4.5 s unloaded), run last for each mutant. */
const SLOW_ENGINE_TESTS = ["triage-open-questions.test.ts", "assess.property.test.ts"];

export const GROUPS = [
  {
    name: "engine",
    target: 80,
    // golden.ts is the golden test's harness ("test support only: the product never imports it").
    mutate: ["src/engine/**/*.ts", "!src/engine/golden.ts", ...notTests],
    // Not the golden test (9 s a file against ~1 s): every engine behaviour it pins is also asserted by
    // the fast files, and it would run for every surviving mutant.
    // Fastest first: a mutant runs the files that reached it in this order and stops at the first that fails,
    // so a mutant the one-second files kill never waits for the property test (4.5 s).
    tests: [
      ...testsIn("src/engine", ["assess.golden.test.ts", ...SLOW_ENGINE_TESTS]),
      ...knowledgeTests().reverse(),
      ...SLOW_ENGINE_TESTS.map((f) => `src/engine/${f}`),
    ],
  },
  {
    name: "interview",
    target: 80,
    mutate: ["src/interview/**/*.ts", ...notTests],
    tests: ["src/interview/*.test.ts", ...knowledgeTests()],
  },
  {
    name: "diary",
    target: 70,
    mutate: ["src/diary/**/*.ts", ...notTests],
    tests: ["src/diary/*.test.ts"],
  },
  {
    name: "auth",
    title: "auth, CSRF and sessions",
    target: 70,
    // The sessions are held by the repository's three session methods (createSession, findSession,
    // deleteSession); a line range keeps the rest of the repository out of this group.
    mutate: ["src/server/auth.ts", sessionLines()],
    // The HTTP-level security suite (src/server/security.test.ts) takes ~10 s a run; these unit tests say the
    // same things about auth.ts in one.
    tests: ["src/server/auth.test.ts", "src/storage/sessions.test.ts"],
  },
  {
    name: "storage",
    title: "storage settings",
    target: 70,
    mutate: ["src/storage/open-repository.ts"],
    tests: ["src/storage/settings.test.ts", "src/storage/open-repository.test.ts", "src/storage/erase.test.ts"],
  },
];

import { readdirSync, readFileSync } from "node:fs";

/** The test files of a folder except those named (the tap runner's glob has no negation). */
function testsIn(dir, except) {
  return readdirSync(new URL(`../${dir}`, import.meta.url))
    .filter((f) => f.endsWith(".test.ts") && !except.includes(f))
    .sort()
    .map((f) => `${dir}/${f}`);
}

/** The fast clinical tests that run the engine through the knowledge's own examples and conformance table. */
function knowledgeTests() {
  return ["src/knowledge/conformance.test.ts", "src/knowledge/rule-examples.test.ts"];
}

/** `src/storage/kysely-repository.ts:FIRST-LAST`, the lines from createSession to the end of deleteSession. */
function sessionLines() {
  const file = "src/storage/kysely-repository.ts";
  const lines = readFileSync(new URL(`../${file}`, import.meta.url), "utf8").split("\n");
  const first = lines.findIndex((l) => /^\s*async createSession\(/.test(l));
  const start = lines.findIndex((l) => /^\s*async deleteSession\(/.test(l));
  const end = lines.findIndex((l, i) => i > start && /^\s{2}}$/.test(l));
  if (first < 0 || start < 0 || end < 0) throw new Error(`${file}: the session methods were not found`);
  return `${file}:${first + 1}-${end + 1}`;
}

/**
 * The groups named in MUTATE (comma-separated), or all. MUTATE_FILES (comma-separated paths) narrows what is
 * mutated to those files of the selected groups, for a run on the largest files first.
 */
export function selectedGroups(names, files = process.env["MUTATE_FILES"]) {
  const groups = pickGroups(names);
  if (!files) return groups;
  const only = files
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return groups
    .map((g) => ({
      ...g,
      mutate: only.filter((f) => g.mutate.some((m) => m.endsWith("**/*.ts") && f.startsWith(m.slice(0, -7)))),
    }))
    .filter((g) => g.mutate.length > 0);
}

function pickGroups(names) {
  if (!names) return GROUPS;
  const wanted = names
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = wanted.filter((n) => !GROUPS.some((g) => g.name === n));
  if (unknown.length)
    throw new Error(`MUTATE: unknown group ${unknown.join(", ")} (known: ${GROUPS.map((g) => g.name).join(", ")})`);
  return GROUPS.filter((g) => wanted.includes(g.name));
}
