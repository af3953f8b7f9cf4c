import type { CapabilityStatement } from "@medplum/fhirtypes";
import { CANONICAL, QUESTIONNAIRE_URL, SDC_ADAPT_PROFILE, SDC_ADAPT_SEARCH_PROFILE } from "./urls.js";

/** GET /fhir/metadata: what this server offers, FHIR 4.0.1, JSON only. */
export function capabilityStatement(version: string, date: Date): CapabilityStatement {
  return {
    resourceType: "CapabilityStatement",
    status: "active",
    date: date.toISOString(),
    kind: "instance",
    software: { name: "backcheck", version },
    implementation: {
      description:
        "backcheck: back pain after sport, the gym, a trampoline or a fall. Adaptive questionnaire (SDC), assessment as a Bundle. It does not replace a doctor.",
    },
    fhirVersion: "4.0.1",
    format: ["json"],
    instantiates: ["http://hl7.org/fhir/uv/sdc/CapabilityStatement/sdc-form-filler"],
    rest: [
      {
        mode: "server",
        documentation: `The questionnaire ${QUESTIONNAIRE_URL} is adaptive: POST a QuestionnaireResponse to Questionnaire/$next-question.`,
        resource: [
          {
            type: "Questionnaire",
            supportedProfile: [SDC_ADAPT_SEARCH_PROFILE, SDC_ADAPT_PROFILE],
            interaction: [{ code: "read" }],
            operation: [
              {
                name: "next-question",
                definition: "http://hl7.org/fhir/uv/sdc/OperationDefinition/Questionnaire-next-question",
              },
            ],
          },
          { type: "CodeSystem", interaction: [{ code: "read" }] },
        ],
        operation: [
          {
            name: "assess",
            definition: `${CANONICAL}/OperationDefinition/assess`,
            documentation:
              "A case (contract/case.schema.json) in, a Bundle out: collection, or document with ?type=document.",
          },
        ],
      },
    ],
  };
}
