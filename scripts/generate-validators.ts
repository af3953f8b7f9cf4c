// `npm run generate:validators`: writes src/case/case-validator.generated.ts from contract/case.schema.json.
// Run it after changing the case contract; src/case/case-validator.test.ts fails until you do.
import { writeFileSync } from "node:fs";
import { caseJsonSchema } from "../src/case/validate-case.js";
import { caseValidatorSource, GENERATED_VALIDATOR } from "../src/case/case-validator-source.js";

writeFileSync(GENERATED_VALIDATOR, caseValidatorSource(caseJsonSchema()));
console.log(`wrote ${GENERATED_VALIDATOR.pathname}`);
