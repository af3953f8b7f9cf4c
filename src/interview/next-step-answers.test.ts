import { test } from "node:test";
import assert from "node:assert/strict";
import type { Predicate } from "../knowledge/predicate.js";
import type { Condition, Knowledge } from "../knowledge/schema.js";
import { k, strain, rule, kb, adult, next } from "./test-rules.js";

// The answers the look-ahead tries for each kind of question, at the edges: a number's own bounds (0 days,
// 10 out of 10) and a limit's exact value, and each option of a multiple choice. Small made-up rule sets over
// the project's findings, as in next-step-phases.test.ts; a rule that fires when an answer is NOT something is
// looked at in the triage phase only.

const urgentUnless = (p: Predicate): Knowledge => kb([rule("r", "urgent", { not: p })]);

test("a number's own bounds are among the answers looked at", () => {
  // Only "started today" (0 days) raises it; only 10 out of 10 raises the other.
  assert.equal(next(adult, urgentUnless({ field: "duration_days", gt: 0 })), "duration_days triage");
  assert.equal(next(adult, urgentUnless({ field: "intensity", lt: 10 })), "intensity triage");
});

test("a limit's exact value is among the answers looked at", () => {
  // Only exactly 7 raises it: 6 and 8 do not.
  assert.equal(
    next(
      adult,
      urgentUnless({
        any: [
          { field: "intensity", lt: 7 },
          { field: "intensity", gt: 7 },
        ],
      }),
    ),
    "intensity triage",
  );
});

test("each option of a multiple choice is looked at on its own", () => {
  // Pain anywhere but the flank makes the first cause likely; nothing else tells them apart.
  const notFlank = k.findings.find((f) => f.id === "location")!.options!.filter((o) => o !== "flank");
  const causes: Condition[] = [
    { ...strain, prior: 0, features: [{ when: { field: "location", includes: notFlank }, weight: 8 }] },
    {
      ...strain,
      id: "postural_overload",
      prior: 0.1,
      features: [{ when: { field: "recurrent", is: true }, weight: 0 }],
    },
  ];
  assert.equal(next(adult, kb([], causes)), "location condition");
});
