// Prints the mutation score of each group of `npm run mutate` from Stryker's JSON report, against its
// target; exits 1 when a group that was run is below its target.
import { readFileSync } from "node:fs";
import { GROUPS, selectedGroups } from "./mutation-groups.mjs";

const report = JSON.parse(readFileSync(new URL("../reports/mutation/mutation.json", import.meta.url), "utf8"));
const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);

/** A file belongs to a group when one of the group's mutate patterns names it or its folder. */
function groupOf(file) {
  return GROUPS.find((g) =>
    g.mutate.some(
      (p) =>
        !p.startsWith("!") &&
        (p.includes("**") ? file.startsWith(p.slice(0, p.indexOf("**"))) : file === p.replace(/:\d+-\d+$/, "")),
    ),
  );
}

const totals = new Map();
for (const [file, { mutants }] of Object.entries(report.files)) {
  const g = groupOf(file);
  if (!g) continue;
  const t = totals.get(g.name) ?? { detected: 0, undetected: 0, survived: [] };
  for (const m of mutants) {
    if (DETECTED.has(m.status)) t.detected++;
    else if (UNDETECTED.has(m.status)) {
      t.undetected++;
      t.survived.push(
        `${file}:${m.location.start.line} ${m.mutatorName}${m.replacement ? ` -> ${m.replacement.replace(/\s+/g, " ").slice(0, 60)}` : ""} (${m.status})`,
      );
    }
  }
  totals.set(g.name, t);
}

let below = false;
console.log("\nmutation score by group (killed + timeout) / (killed + timeout + survived + no coverage):");
for (const g of selectedGroups(process.env["MUTATE"])) {
  const t = totals.get(g.name);
  if (!t) {
    console.log(`  ${(g.title ?? g.name).padEnd(24)} not in this report`);
    continue;
  }
  const n = t.detected + t.undetected;
  const score = n === 0 ? 100 : (100 * t.detected) / n;
  const ok = score >= g.target;
  if (!ok) below = true;
  console.log(
    `  ${(g.title ?? g.name).padEnd(24)} ${score.toFixed(1).padStart(5)}%  (${t.detected} of ${n}; target ${g.target}%) ${ok ? "ok" : "BELOW TARGET"}`,
  );
  if (process.argv.includes("--survivors")) for (const s of t.survived) console.log(`      ${s}`);
}
process.exitCode = below ? 1 : 0;
