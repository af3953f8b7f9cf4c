import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultKnowledge } from "../knowledge/load.js";
import { computeEntry, differences, fixtureInputs, readFixture, SAME_AS_DEFAULT } from "./golden.js";

// The full results of `assess` (every option set the callers use) and every interview step, on the project,
// dev and dev2 vignettes and on generated cases, must equal the committed fixture. A deliberate change is
// recorded with `npm run golden:update` in its own commit; `npm run golden:diff` shows what moved.
const k = defaultKnowledge();
const fixture = readFixture();
const { inputs, missingShared, changedShared } = fixtureInputs(fixture);

test("the golden fixture covers the vignettes, the generated cases, every option set and the interview", () => {
  const keys = fixture.map((e) => e.key);
  for (const prefix of ["project/", "dev/", "dev2/", "generated/realistic/", "generated/random/"])
    assert.ok(
      keys.some((x) => x.startsWith(prefix)),
      prefix,
    );
  assert.ok(fixture.length >= 400, `${fixture.length} cases`);
  for (const e of fixture) {
    assert.ok(typeof e.results["default"] === "object", `${e.key}: the default result is stored in full`);
    assert.deepEqual(Object.keys(e.results).sort(), [
      "asked_unknown_all",
      "asked_unknown_half",
      "country_gb",
      "country_unknown",
      "default",
    ]);
  }
  assert.ok(fixture.filter((e) => e.interview).length >= 150, "interview traces");
  // The option sets are not all the same result: the fixture would not notice options being ignored.
  assert.ok(
    fixture.some(
      (e) =>
        e.results["asked_unknown_all"] !== SAME_AS_DEFAULT &&
        (e.results["asked_unknown_all"] as { triage: string }).triage !==
          (e.results["default"] as { triage: string }).triage,
    ),
  );
  assert.ok(fixture.some((e) => e.results["country_gb"] !== SAME_AS_DEFAULT));
});

test("the shared vignettes are the ones the fixture was written from", () => {
  assert.deepEqual(
    changedShared,
    [],
    "these shared vignettes changed since the fixture was written: run npm run golden:update",
  );
});

for (const group of ["project", "dev", "dev2", "generated/realistic", "generated/random"]) {
  const mine = inputs.filter(({ entry }) => entry.key.startsWith(`${group}/`));
  const skip =
    mine.length === 0 && missingShared.some((key) => key.startsWith(`${group}/`))
      ? "shared/vignettes is not beside the repository"
      : false;
  test(`assess and the interview give the recorded results on ${group} (${mine.length} cases)`, { skip }, () => {
    assert.ok(mine.length > 0);
    const changed: string[] = [];
    for (const { entry, input } of mine) {
      const now = computeEntry(input, k);
      const diff = differences(entry, now);
      if (diff.length) changed.push(`${entry.key}: ${diff.join(", ")}`);
    }
    assert.deepEqual(changed, [], "results changed (see npm run golden:diff)");
  });
}
