import { test } from "node:test";
import assert from "node:assert/strict";
import { canonicalJson } from "./canonical-json.js";

test("canonicalJson: the same content in another key order gives the same text; other content does not", () => {
  const a = canonicalJson({ b: 1, a: { d: [{ y: 1, x: 2 }], c: "é" } });
  assert.equal(a, '{"a":{"c":"é","d":[{"x":2,"y":1}]},"b":1}');
  assert.equal(canonicalJson({ a: { c: "é", d: [{ x: 2, y: 1 }] }, b: 1 }), a);
  assert.notEqual(canonicalJson({ a: { c: "é", d: [{ x: 2, y: 2 }] }, b: 1 }), a);
  assert.notEqual(canonicalJson([1, 2]), canonicalJson([2, 1]), "the order of a list is content");
  assert.equal(canonicalJson({ a: undefined, b: null }), '{"b":null}', "an undefined key is absent, as in JSON");
});
