// Writes src/engine/fixtures/golden-results.json.gz: `npm run golden:update`. Run it only after a deliberate
// change to what the engine or the interview returns (a knowledge change, a new result field), and commit the
// fixture in its own commit with `npm run golden:diff` output in the message, so the change is reviewed.
// It needs ../shared/vignettes beside the repository: the fixture must cover the shared vignettes.
import { writeFileSync } from "node:fs";
import { computeEntry, FIXTURE, generatedCases, SOURCES, vignetteCases, writeFixture } from "../src/engine/golden.js";
import { defaultKnowledge } from "../src/knowledge/load.js";
import { existsSync } from "node:fs";

const k = defaultKnowledge();
const missing = SOURCES.filter((s) => !existsSync(s.url));
if (missing.length) {
  console.error(`golden:update needs every vignette file; missing: ${missing.map((s) => s.url.pathname).join(", ")}`);
  process.exit(1);
}
const inputs = [...vignetteCases(), ...generatedCases(k)];
const entries = inputs.map((g) => computeEntry(g, k));
const buf = writeFixture(entries);
writeFileSync(FIXTURE, buf);
console.log(
  `golden: ${entries.length} cases, ${entries.filter((e) => e.interview).length} interviewed, ${buf.length} bytes -> ${FIXTURE.pathname}`,
);
