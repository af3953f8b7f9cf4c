import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { CONTRACT_DIR } from "../case/validate-case.js";
import { CONDITIONS, SPECIALISTS } from "./vocabulary.js";

const result = JSON.parse(readFileSync(`${CONTRACT_DIR}result.schema.json`, "utf8")) as {
  $defs: { condition: { oneOf: { const: string }[] }; specialist: { oneOf: { const: string }[] } };
};

test("condition and specialist vocabularies equal the result contract's", () => {
  assert.deepEqual(
    [...CONDITIONS],
    result.$defs.condition.oneOf.map((x) => x.const),
  );
  assert.deepEqual(
    [...SPECIALISTS],
    result.$defs.specialist.oneOf.map((x) => x.const),
  );
});

/**
 * The project's contract may grow beyond the shared one (new fields, options, condition ids), but never lose
 * or narrow anything: every case valid there stays valid here, and every result field a consumer relies on
 * is still there. Returns each place where `ours` is not a superset of `theirs`.
 */
export function notSuperset(ours: unknown, theirs: unknown, path = "$"): string[] {
  if (theirs === null || typeof theirs !== "object")
    return ours === theirs ? [] : [`${path}: ${JSON.stringify(ours)} instead of ${JSON.stringify(theirs)}`];
  if (ours === null || typeof ours !== "object") return [`${path}: missing`];
  if (Array.isArray(theirs)) {
    const o = ours as unknown[];
    if (!Array.isArray(o)) return [`${path}: not a list`];
    return theirs.flatMap((item, i) =>
      o.some((x) => notSuperset(x, item).length === 0)
        ? []
        : [`${path}[${i}]: ${JSON.stringify(item).slice(0, 80)} is missing`],
    );
  }
  const o = ours as Record<string, unknown>;
  const problems: string[] = [];
  for (const [key, value] of Object.entries(theirs as Record<string, unknown>)) {
    const at = `${path}.${key}`;
    if (key === "description" || key === "title") continue;
    if (key === "required") {
      const extra = ((o[key] ?? []) as string[]).filter((r) => !(value as string[]).includes(r));
      if (extra.length) problems.push(`${at}: newly required ${extra.join(", ")}`);
    } else if (key === "minimum" || key === "minItems" || key === "minLength") {
      if (typeof o[key] === "number" && (o[key] as number) > (value as number)) problems.push(`${at}: narrowed`);
    } else if (key === "maximum" || key === "maxItems" || key === "maxLength") {
      if (o[key] === undefined || (o[key] as number) < (value as number)) problems.push(`${at}: narrowed`);
    } else if (!(key in o)) {
      problems.push(`${at}: missing`);
    } else problems.push(...notSuperset(o[key], value, at));
  }
  return problems;
}

test("the contract in this repository is a superset of shared/contract, where it is present", (t) => {
  const shared = new URL("../../../shared/contract/", import.meta.url);
  if (!existsSync(shared)) {
    t.skip("shared/contract is not beside the repository; comparison skipped");
    return;
  }
  for (const f of ["case.schema.json", "result.schema.json"]) {
    const ours = JSON.parse(readFileSync(`${CONTRACT_DIR}${f}`, "utf8"));
    const theirs = JSON.parse(readFileSync(new URL(f, shared), "utf8"));
    assert.deepEqual(notSuperset(ours, theirs), [], f);
  }
  // The README may say more, never less: every line of the shared one is in ours.
  const ours = readFileSync(`${CONTRACT_DIR}README.md`, "utf8");
  const missing = readFileSync(new URL("README.md", shared), "utf8")
    .split("\n")
    .filter((l) => l.trim() && !ours.includes(l));
  assert.deepEqual(missing, [], "README.md");
});

test("the superset check catches a removed field, a narrowed range and a lost option", () => {
  const theirs = {
    properties: { a: { type: "integer", maximum: 10, enum: ["x", "y"] }, b: { type: "string" } },
    required: ["a"],
  };
  assert.deepEqual(notSuperset(theirs, theirs), []);
  assert.deepEqual(
    notSuperset({ ...theirs, properties: { ...theirs.properties, c: { type: "boolean" } } }, theirs),
    [],
  );
  assert.equal(notSuperset({ properties: { a: theirs.properties.a }, required: ["a"] }, theirs).length, 1);
  assert.equal(
    notSuperset(
      { properties: { ...theirs.properties, a: { type: "integer", maximum: 9, enum: ["x", "y"] } }, required: ["a"] },
      theirs,
    ).length,
    1,
  );
  assert.equal(
    notSuperset(
      { properties: { ...theirs.properties, a: { type: "integer", maximum: 10, enum: ["x"] } }, required: ["a"] },
      theirs,
    ).length,
    1,
  );
  assert.equal(notSuperset({ ...theirs, required: ["a", "b"] }, theirs).length, 1);
});
