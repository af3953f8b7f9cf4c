import { test } from "node:test";
import assert from "node:assert/strict";
import { nestedDeeperThan } from "./json-depth.js";

test("nestedDeeperThan counts arrays and objects, and survives a value 100,000 levels deep", () => {
  assert.equal(nestedDeeperThan(1, 0), false);
  assert.equal(nestedDeeperThan({}, 0), true);
  assert.equal(nestedDeeperThan({ a: [1, { b: 2 }] }, 3), false);
  assert.equal(nestedDeeperThan({ a: [1, { b: 2 }] }, 2), true);
  assert.equal(nestedDeeperThan({ a: [1, { b: {} }] }, 3), true);
  const deep = JSON.parse("[".repeat(100_000) + "]".repeat(100_000)) as unknown;
  assert.equal(nestedDeeperThan(deep, 32), true);
});
