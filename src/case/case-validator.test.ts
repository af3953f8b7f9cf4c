import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import generated from "./case-validator.generated.js";
import { caseValidatorSource, GENERATED_VALIDATOR } from "./case-validator-source.js";
import { caseJsonSchema, validateCase } from "./validate-case.js";

const schema = caseJsonSchema() as { properties: Record<string, unknown> };
const runtime = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
const aot = generated as ValidateFunction;

test("the generated case validator matches the contract (run `npm run generate:validators` after changing it)", () => {
  assert.equal(
    readFileSync(GENERATED_VALIDATOR, "utf8"),
    caseValidatorSource(schema),
    "src/case/case-validator.generated.ts is stale",
  );
});

/** Both validators' verdict and errors on one input. */
function both(input: unknown): [unknown, unknown] {
  const a = aot(input);
  const b = runtime(input);
  return [
    { valid: a, errors: aot.errors ?? null },
    { valid: b, errors: runtime.errors ?? null },
  ];
}

test("the generated validator gives the same verdicts and errors as compiling the schema at run time", () => {
  const vignettes = JSON.parse(readFileSync(new URL("../../test/vignettes/project.json", import.meta.url), "utf8")) as {
    case: unknown;
  }[];
  const fixed: unknown[] = [
    ...vignettes.map((v) => v.case),
    {},
    null,
    [],
    "text",
    { age: 30, intensity: 12 },
    { age: -1, sex: "x", foo: true },
    { age: 30, location: ["nowhere"], spreads_to: "leg" },
    { age: 30.5, pregnancy_weeks: 50 },
  ];
  for (const input of fixed) {
    const [a, b] = both(input);
    assert.deepStrictEqual(a, b, JSON.stringify(input));
  }
  // Random objects over the contract's own field names, with values of every JSON kind: most are invalid
  // in several places at once, which exercises every keyword's error.
  const fields = Object.keys(schema.properties);
  const value = fc.oneof(
    fc.boolean(),
    fc.integer({ min: -5, max: 130 }),
    fc.double({ noNaN: true }),
    fc.string({ maxLength: 12 }),
    fc.constantFrom(...fields),
    fc.array(fc.constantFrom(...fields, "x"), { maxLength: 3 }),
    fc.constant(null),
  );
  fc.assert(
    fc.property(fc.dictionary(fc.constantFrom(...fields, "unknown_field"), value, { maxKeys: 8 }), (input) => {
      const [a, b] = both(input);
      assert.deepStrictEqual(a, b);
    }),
    { numRuns: 2000, seed: 16 },
  );
});

test("validateCase uses the generated validator and still names every problem", () => {
  const r = validateCase({ age: 30, intensity: 12, foo: true }, "case[2]");
  assert.equal(r.ok, false);
  assert.deepEqual(!r.ok && r.problems.map((p) => `${p.code} ${p.path}`).sort(), [
    "case.maximum case[2].intensity",
    "case.unknown_field case[2].foo",
  ]);
});
