// What moved since the golden fixture was written: `npm run golden:diff`. Prints, per result field (and per
// interview field), how many cases differ, then the first few case keys. Exit 1 when anything differs.
// Paste its output into the message of a commit that regenerates the fixture.
import { computeEntry, differences, fixtureInputs, readFixture } from "../src/engine/golden.js";
import { defaultKnowledge } from "../src/knowledge/load.js";

const k = defaultKnowledge();
const fixture = readFixture();
const { inputs, missingShared, changedShared } = fixtureInputs(fixture);
const byField = new Map<string, string[]>();
for (const { entry, input } of inputs) {
  for (const d of differences(entry, computeEntry(input, k))) {
    // "asked_unknown_all.open_questions" counts under "open_questions" with the variant noted once per case.
    const field = d.replace(/^(default|country_gb|country_unknown|asked_unknown_all|asked_unknown_half)\./, "result.");
    const keys = byField.get(field) ?? [];
    if (!keys.includes(entry.key)) keys.push(entry.key);
    byField.set(field, keys);
  }
}
console.log(
  `golden:diff: ${inputs.length} of ${fixture.length} cases compared${missingShared.length ? ` (${missingShared.length} shared vignettes not found)` : ""}${changedShared.length ? `; shared vignettes changed: ${changedShared.join(", ")}` : ""}`,
);
if (byField.size === 0) console.log("no difference");
for (const [field, keys] of [...byField].sort())
  console.log(
    `${field}: ${keys.length} cases differ (${keys.slice(0, 4).join(", ")}${keys.length > 4 ? ", ..." : ""})`,
  );
process.exitCode = byField.size ? 1 : 0;
