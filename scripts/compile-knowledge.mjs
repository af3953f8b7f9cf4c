// Part of `npm run build` (after tsc): reads and validates the knowledge sources once, and writes the
// validated result with its version and the hash of its sources to dist/knowledge.json, which the terminal
// program and the server load without validating again (src/knowledge/compiled.ts). Invalid knowledge
// fails the build with every problem listed.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { compiledForm } from "../dist/knowledge/compiled.js";
import { loadKnowledge } from "../dist/knowledge/load.js";
import { COMPILED_KNOWLEDGE, KNOWLEDGE_DIR } from "../dist/knowledge/paths.js";

const k = loadKnowledge(KNOWLEDGE_DIR);
if (!k.ok) {
  for (const p of k.problems) console.error(`knowledge: ${p.path}: ${p.message}`);
  console.error(`knowledge: ${k.problems.length} problem(s); dist/knowledge.json not written`);
  process.exit(1);
}
const json = JSON.stringify(compiledForm(k.value, KNOWLEDGE_DIR));
mkdirSync(dirname(COMPILED_KNOWLEDGE), { recursive: true });
writeFileSync(COMPILED_KNOWLEDGE, json);
console.log(
  `knowledge: version ${k.value.version}, ${(json.length / 1024).toFixed(1)} KB compiled (dist/knowledge.json)`,
);
