import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import type { Bundle, ClinicalImpression, Device } from "@medplum/fhirtypes";
import { defaultKnowledge } from "../knowledge/load.js";
import { fhirProblems } from "../fhir/validate.js";
import { main } from "./main.js";
import { bufferIo } from "./test-io.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const urgency = (b: Bundle): string | undefined =>
  (b.entry ?? []).map((e) => e.resource).find((r): r is ClinicalImpression => r?.resourceType === "ClinicalImpression")
    ?.extension?.[0]?.valueCoding?.code;

test("assess --fhir prints a valid FHIR Bundle (collection; document with the report), one per case for an array", async () => {
  const io = bufferIo();
  assert.equal(await main(["assess", `${root}examples/beginner-after-squats.json`, "--fhir"], io), 0);
  const b = JSON.parse(io.stdout()) as Bundle;
  assert.equal(b.type, "collection");
  assert.equal(urgency(b), "self_care");
  for (const e of b.entry ?? []) assert.deepEqual(fhirProblems(e.resource), [], e.resource?.resourceType);

  const doc = bufferIo(JSON.stringify({ age: 40, saddle_numbness: true }));
  assert.equal(await main(["assess", "-", "--fhir", "document", "--lang", "ru"], doc), 0);
  const d = JSON.parse(doc.stdout()) as Bundle;
  assert.equal(d.type, "document");
  assert.equal(d.entry?.[0]?.resource?.resourceType, "Composition");
  assert.equal(urgency(d), "emergency");
  assert.deepEqual(fhirProblems(d), []);
  // The report's Device names the program's version and the knowledge's.
  const device = d.entry?.find((e) => e.resource?.resourceType === "Device")?.resource as Device | undefined;
  assert.deepEqual(device?.version?.[1], { type: { text: "Версия базы знаний" }, value: defaultKnowledge().version });

  const many = bufferIo();
  assert.equal(await main(["assess", `${root}examples/several-cases.json`, "--fhir"], many), 0);
  assert.deepEqual((JSON.parse(many.stdout()) as Bundle[]).map(urgency), ["self_care", "emergency"]);

  const bad = bufferIo(JSON.stringify({ age: 40 }));
  assert.equal(await main(["assess", "-", "--fhir", "xml"], bad), 2);
  assert.match(bad.stderr(), /--fhir: unknown bundle type xml/);
});
