/**
 * Canonical identifiers of what backcheck publishes. They name things (a code system, a questionnaire);
 * a server also serves each one under its own /fhir base, e.g. GET /fhir/CodeSystem/backcheck-finding.
 */
export const CANONICAL = "http://backcheck.local/fhir";
export const QUESTIONNAIRE_ID = "backcheck";
export const QUESTIONNAIRE_URL = `${CANONICAL}/Questionnaire/${QUESTIONNAIRE_ID}`;
/** Findings (the questions' subjects): code = finding id; group questions: `group.<id>`. */
export const FINDING_SYSTEM = `${CANONICAL}/CodeSystem/backcheck-finding`;
/** Answer options: code = `<finding>.<option>` (the same option word means different things in different findings). */
export const ANSWER_SYSTEM = `${CANONICAL}/CodeSystem/backcheck-answer`;
export const CONDITION_SYSTEM = `${CANONICAL}/CodeSystem/backcheck-condition`;
export const URGENCY_SYSTEM = `${CANONICAL}/CodeSystem/backcheck-urgency`;
export const SPECIALIST_SYSTEM = `${CANONICAL}/CodeSystem/backcheck-specialist`;
export const INVESTIGATION_SYSTEM = `${CANONICAL}/CodeSystem/backcheck-investigation`;
export const URGENCY_EXTENSION = `${CANONICAL}/StructureDefinition/urgency`;
export const ASSESSMENT_EXTENSION = `${CANONICAL}/StructureDefinition/assessment`;

/** The questionnaire contained in an adaptive response (no url; derivedFrom the published one). */
export const SDC_ADAPT_PROFILE = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-adapt";
/** The published adaptive questionnaire (GET /fhir/Questionnaire/backcheck): the adapt profile forbids a url. */
export const SDC_ADAPT_SEARCH_PROFILE = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-adapt-srch";
export const SDC_ADAPTIVE_EXTENSION =
  "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-questionnaireAdaptive";
export const DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";
export const DATA_ABSENT_SYSTEM = "http://terminology.hl7.org/CodeSystem/data-absent-reason";
export const TRANSLATION_EXTENSION = "http://hl7.org/fhir/StructureDefinition/translation";
export const MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue";
export const MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue";
export const OPTION_EXCLUSIVE = "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive";
export const ICD10_SYSTEM = "http://hl7.org/fhir/sid/icd-10";
