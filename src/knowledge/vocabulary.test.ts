import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { CONTRACT_DIR } from "../case/validate-case.js";
import { CONDITIONS, SPECIALISTS } from "./vocabulary.js";

const result = JSON.parse(readFileSync(`${CONTRACT_DIR}result.schema.json`, "utf8")) as {
  $defs: { condition: { oneOf: { const: string }[] }; specialist: { oneOf: { const: string }[] } };
};

test("condition and specialist vocabularies equal the result contract's", () => {
  assert.deepEqual([...CONDITIONS], result.$defs.condition.oneOf.map((x) => x.const));
  assert.deepEqual([...SPECIALISTS], result.$defs.specialist.oneOf.map((x) => x.const));
});

test("the contract copy in this repository equals shared/contract, where it is present", (t) => {
  const shared = new URL("../../../shared/contract/", import.meta.url);
  if (!existsSync(shared)) {
    t.skip("shared/contract is not beside the repository; comparison skipped");
    return;
  }
  for (const f of ["case.schema.json", "result.schema.json", "README.md"]) {
    assert.equal(readFileSync(`${CONTRACT_DIR}${f}`, "utf8"), readFileSync(new URL(f, shared), "utf8"), f);
  }
});
