import { test } from "node:test";
import assert from "node:assert/strict";
import { slope } from "./follow-up.js";

test("slope: least squares of pain per day, exact on known lines; null with one point or all on one day", () => {
  assert.equal(slope([]), null);
  assert.equal(slope([{ day: 0, intensity: 5 }]), null);
  assert.equal(
    slope([
      { day: 3, intensity: 2 },
      { day: 3, intensity: 8 },
    ]),
    null,
  );
  assert.equal(
    slope([
      { day: 0, intensity: 2 },
      { day: 2, intensity: 6 },
    ]),
    2,
  );
  assert.equal(
    slope([
      { day: 0, intensity: 8 },
      { day: 4, intensity: 6 },
    ]),
    -0.5,
  );
  // Points not on a line: x = 0, 1, 2; y = 1, 3, 2: mean x 1, mean y 2; sxy = 1, sxx = 2.
  assert.equal(
    slope([
      { day: 0, intensity: 1 },
      { day: 1, intensity: 3 },
      { day: 2, intensity: 2 },
    ]),
    0.5,
  );
  assert.equal(
    slope([
      { day: 5, intensity: 4 },
      { day: 6, intensity: 4 },
      { day: 9, intensity: 4 },
    ]),
    0,
  );
});
