import type {
  Bundle,
  BundleEntry,
  ClinicalImpression,
  CodeableConcept,
  Composition,
  CompositionSection,
  Condition,
  Device,
  Observation,
  ObservationComponent,
  Patient,
  QuestionnaireResponse,
  Resource,
  ServiceRequest,
} from "@medplum/fhirtypes";
import type { Assessment } from "../engine/assess.js";
import type { Case, Triage } from "../engine/types.js";
import type { Knowledge } from "../knowledge/schema.js";
import { describeAnswer, text } from "../knowledge/texts.js";
import type { TextKey } from "../knowledge/text-key.js";
import type { Step } from "../interview/state.js";
import { fhirCodes, priorityOf, standardCodings, type FhirCodes } from "./codes.js";
import { uuidFrom } from "./ids.js";
import { answerCode, NONE_OPTION, optionCoding } from "./questionnaire.js";
import { responseItems, stepsOfCase } from "./response.js";
import { narrative } from "./texts.js";
import {
  CONDITION_SYSTEM,
  DATA_ABSENT_SYSTEM,
  FINDING_SYSTEM,
  ICD10_SYSTEM,
  INVESTIGATION_SYSTEM,
  QUESTIONNAIRE_URL,
  SPECIALIST_SYSTEM,
  URGENCY_EXTENSION,
  URGENCY_SYSTEM,
} from "./urls.js";

/** What the mapping needs: the answers (as interview steps), the engine's result, the language and the time. */
export interface AssessmentInput {
  case: Case;
  result: Assessment;
  /** The interview's steps when there was one ("don't know" answers become data-absent Observations). */
  steps?: Step[];
  lang: string;
  now: Date;
  /** A patient the receiving system already knows (CDS Hooks context); otherwise an anonymous Patient is included. */
  subject?: { reference: string; display?: string };
  version: string;
}

/** A resource with the local name other resources refer to it by. */
export interface Named {
  name: string;
  resource: Resource;
}

/** A plain reference (assignable to any typed Reference). */
export type Ref = (name: string) => { reference: string };

/**
 * Optional parts of the engine's result that another change adds (issue 9): a likelihood word per
 * listed condition and a list of serious conditions to rule out. Read defensively so either shape maps.
 */
interface ResultExtras {
  must_rule_out?: { id: string }[];
}
type ConditionExtras = { likelihood?: "most_likely" | "possible" | "less_likely" | "rule_out_first" };

const urgencyCoding = (k: Knowledge, lang: string, t: Triage) => ({
  system: URGENCY_SYSTEM,
  code: t,
  display: text(k, lang, `triage.${t}.label`),
});

function findingCode(k: Knowledge, lang: string, field: string): CodeableConcept {
  return {
    coding: [
      ...standardCodings(`finding.${field}`),
      { system: FINDING_SYSTEM, code: field, display: text(k, lang, `finding.${field}.label`) },
    ],
    text: text(k, lang, `finding.${field}.label`),
  };
}

function optionConcept(k: Knowledge, lang: string, field: string, option: string): CodeableConcept {
  const c = optionCoding(k, lang, field, option);
  const plain = { system: c.system!, code: c.code!, display: c.display! };
  return { coding: [plain, ...standardCodings(`option.${field}.${option}`)], text: plain.display };
}

/** One answered (or "don't know") finding as an Observation. */
function observation(
  k: Knowledge,
  lang: string,
  field: string,
  value: unknown,
  base: Partial<Observation>,
): Observation {
  const f = k.findings.find((x) => x.id === field);
  const obs: Observation = {
    resourceType: "Observation",
    status: "final",
    category: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "survey" }] }],
    code: findingCode(k, lang, field),
    ...base,
  };
  if (value === undefined) {
    obs.dataAbsentReason = {
      coding: [{ system: DATA_ABSENT_SYSTEM, code: "asked-unknown", display: "Asked But Unknown" }],
      text: text(k, lang, "answer.unknown"),
    };
  } else if (typeof value === "boolean") {
    obs.valueBoolean = value;
  } else if (typeof value === "number") {
    if (f?.kind === "integer") obs.valueInteger = value;
    else obs.valueQuantity = f?.unit ? { value, unit: f.unit } : { value };
  } else if (typeof value === "string") {
    obs.valueCodeableConcept = optionConcept(k, lang, field, value);
  } else if (Array.isArray(value)) {
    if (value.length === 0) obs.valueCodeableConcept = optionConcept(k, lang, field, NONE_OPTION);
    else
      obs.component = value.map(
        (o): ObservationComponent => ({ code: optionConcept(k, lang, field, String(o)), valueBoolean: true }),
      );
  }
  return obs;
}

/**
 * The result as FHIR resources with local names; `ref` turns a name into a reference (a urn:uuid in a
 * Bundle, `#name` when contained). Everything is generated from the knowledge and the result.
 */
export function assessmentResources(
  input: AssessmentInput,
  k: Knowledge,
  ref: Ref,
  table: FhirCodes = fhirCodes(),
): Named[] {
  const { result: a, lang, now } = input;
  const date = now.toISOString();
  const out: Named[] = [];
  const subject = input.subject ?? ref("patient");
  if (!input.subject) {
    const patient: Patient = { resourceType: "Patient", active: true };
    if (input.case.sex === "male" || input.case.sex === "female") patient.gender = input.case.sex;
    out.push({ name: "patient", resource: patient });
  }
  const steps = input.steps ?? stepsOfCase(input.case as unknown as Record<string, unknown>, k);
  const qr: QuestionnaireResponse = {
    resourceType: "QuestionnaireResponse",
    questionnaire: QUESTIONNAIRE_URL,
    status: "completed",
    subject,
    authored: date,
    language: lang,
    item: responseItems(steps, k, lang),
  };
  out.push({ name: "answers", resource: qr });

  // Observations: pain intensity (LOINC 72514-3 through the code table) and each asked finding.
  const observed = new Set<string>();
  for (const s of steps) {
    for (const field of s.fields) {
      observed.add(field);
      out.push({
        name: `obs-${field}`,
        resource: observation(k, lang, field, s.answers[field], {
          subject,
          effectiveDateTime: date,
          derivedFrom: [ref("answers")],
        }),
      });
    }
  }
  const obsRefs = (fields: string[]): { reference: string; display: string }[] =>
    [...new Set(fields)]
      .filter((f) => observed.has(f))
      .map((f) => ({
        ...ref(`obs-${f}`),
        display: describeAnswer(k, lang, f, (input.case as unknown as Record<string, unknown>)[f]),
      }));

  // Conditions: every listed cause, then each serious condition to rule out that is not listed already.
  const byId = new Map(k.conditions.map((c) => [c.id, c]));
  const conditionCode = (id: string): CodeableConcept => ({
    coding: [
      ...standardCodings(`condition.${id}`, table),
      ...(byId.get(id)?.icd10 ?? []).map((code) => ({ system: ICD10_SYSTEM, code })),
      { system: CONDITION_SYSTEM, code: id, display: text(k, "en", `condition.${id}.name`) },
    ],
    text: text(k, lang, `condition.${id}.name`),
  });
  const conditionNames: string[] = [];
  const addCondition = (id: string, evidence: string[], note: string[]): void => {
    const name = `cond-${id}`;
    if (conditionNames.includes(name)) return;
    conditionNames.push(name);
    const detail = obsRefs(evidence);
    const c: Condition = {
      resourceType: "Condition",
      verificationStatus: {
        coding: [{ system: "http://terminology.hl7.org/CodeSystem/condition-ver-status", code: "differential" }],
      },
      code: conditionCode(id),
      subject,
      recordedDate: date,
      ...(detail.length ? { evidence: [{ detail }] } : {}),
      note: [...note, text(k, lang, `condition.${id}.description`)].map((t) => ({ text: t })),
    };
    out.push({ name, resource: c });
  };
  for (const c of a.conditions) {
    const likelihood = (c as ConditionExtras).likelihood;
    addCondition(
      c.id,
      // Read defensively: the engine's result is changing shape (issue 9); evidence is optional here.
      (c.for ?? []).flatMap((e) => (e.facts ?? []).map((f) => f.field)),
      likelihood ? [text(k, lang, `fhir.likelihood.${likelihood}`)] : [],
    );
  }
  for (const m of (a as ResultExtras).must_rule_out ?? [])
    addCondition(m.id, [], [text(k, lang, "fhir.must_rule_out")]);

  // ServiceRequests: whom to see (priority from the urgency) and the tests a doctor may do.
  const priority = priorityOf(a.triage, table);
  const reasons = conditionNames.slice(0, 3).map((n) => ref(n));
  const [first, ...others] = a.specialists;
  if (first) {
    const sr: ServiceRequest = {
      resourceType: "ServiceRequest",
      status: "active",
      intent: "proposal",
      priority,
      code: { coding: [urgencyCoding(k, lang, a.triage)], text: text(k, lang, `triage.${a.triage}.action`) },
      subject,
      authoredOn: date,
      performerType: {
        coding: [{ system: SPECIALIST_SYSTEM, code: first, display: text(k, "en", `specialist.${first}`) }],
        text: text(k, lang, `specialist.${first}`),
      },
      reasonReference: reasons,
      note: [
        ...(others.length
          ? [
              {
                text: `${text(k, lang, "fhir.also_suitable")}: ${others.map((s) => text(k, lang, `specialist.${s}`)).join(", ")}`,
              },
            ]
          : []),
        ...(a.triage === "self_care" ? [{ text: text(k, lang, "fhir.referral_if_needed") }] : []),
      ],
    };
    out.push({ name: "referral", resource: sr });
  }
  for (const inv of a.investigations) {
    if (table.not_a_request.investigations.includes(inv.id)) continue;
    const sr: ServiceRequest = {
      resourceType: "ServiceRequest",
      status: "active",
      intent: "proposal",
      priority,
      category: [{ text: text(k, lang, "fhir.investigation") }],
      code: {
        coding: [
          { system: INVESTIGATION_SYSTEM, code: inv.id, display: text(k, "en", `investigation.${inv.id}.name`) },
        ],
        text: text(k, lang, `investigation.${inv.id}.name`),
      },
      subject,
      authoredOn: date,
      reasonReference: inv.for
        .map((c) => ref(`cond-${c}`))
        .filter((r) => conditionNames.some((n) => ref(n).reference === r.reference)),
      note: [{ text: text(k, lang, `investigation.${inv.id}.why`) }],
    };
    out.push({ name: `test-${inv.id}`, resource: sr });
  }

  // ClinicalImpression: the urgency, why, the causes, and the sources.
  const deciding = a.reasons.filter((r) => r.level === a.triage);
  const sources = new Map(k.sources.map((s) => [s.id, s]));
  const sourceText = (id: string): string => {
    const s = sources.get(id);
    return s ? `${s.title}${s.section ? `: “${s.section}”` : ""}${s.url ? ` <${s.url}>` : ""}` : id;
  };
  const summary = [
    `${text(k, lang, `triage.${a.triage}.label`)}. ${text(k, lang, `triage.${a.triage}.action`)}`,
    ...(deciding.length
      ? deciding.map(
          (r) =>
            `${text(k, lang, `rule.${r.rule}.reason`)} (${r.facts.map((f) => describeAnswer(k, lang, f.field, f.value)).join("; ")})`,
        )
      : [text(k, lang, "ui.no_rule")]),
  ].join("\n");
  const impression: ClinicalImpression = {
    resourceType: "ClinicalImpression",
    extension: [{ url: URGENCY_EXTENSION, valueCoding: urgencyCoding(k, lang, a.triage) }],
    status: "completed",
    code: { text: text(k, lang, "fhir.impression") },
    description: text(k, lang, `triage.${a.triage}.label`),
    subject,
    effectiveDateTime: date,
    date,
    investigation: [
      {
        code: { text: text(k, lang, "fhir.answers") },
        item: [ref("answers"), ...[...observed].map((f) => ref(`obs-${f}`))],
      },
    ],
    summary,
    finding: conditionNames.map((n) => ({ itemReference: ref(n) })),
    protocol: a.sources.map((id) => sources.get(id)?.url).filter((u): u is string => !!u),
    note: [
      ...a.sources.map((id) => ({ text: `${text(k, lang, "web.sources")}: ${sourceText(id)}` })),
      { text: text(k, lang, "disclaimer") },
    ],
  };
  out.push({ name: "impression", resource: impression });
  return out;
}

/** The doctor's report: a Composition over the other resources, with readable sections. */
export function composition(input: AssessmentInput, k: Knowledge, named: Named[], ref: Ref): Named[] {
  const { result: a, lang } = input;
  const names = (prefix: string) => named.filter((n) => n.name.startsWith(prefix)).map((n) => ref(n.name));
  const device: Device = {
    resourceType: "Device",
    deviceName: [{ name: "backcheck", type: "manufacturer-name" }],
    version: [
      { value: input.version },
      ...(a.knowledge_version
        ? [{ type: { text: text(k, lang, "report.knowledge_version") }, value: a.knowledge_version }]
        : []),
    ],
    note: [{ text: text(k, lang, "disclaimer") }],
  };
  const section = (titleKey: TextKey, lines: string[], entry: { reference: string }[]): CompositionSection => ({
    title: text(k, lang, titleKey),
    text: narrative(lines.length ? lines : ["—"]),
    ...(entry.length ? { entry } : {}),
  });
  const caseRecord = input.case as unknown as Record<string, unknown>;
  const comp: Composition = {
    resourceType: "Composition",
    status: "final",
    type: { text: text(k, lang, "fhir.report.title") },
    subject: input.subject ?? ref("patient"),
    date: input.now.toISOString(),
    author: [ref("device")],
    title: text(k, lang, "fhir.report.title"),
    language: lang,
    section: [
      section(
        "fhir.section.urgency",
        [text(k, lang, `triage.${a.triage}.label`), text(k, lang, `triage.${a.triage}.action`)],
        [ref("impression")],
      ),
      section(
        "fhir.section.causes",
        a.conditions.map((c) => text(k, lang, `condition.${c.id}.name`)),
        names("cond-"),
      ),
      section(
        "fhir.section.plan",
        [
          ...a.specialists.map((s) => text(k, lang, `specialist.${s}`)),
          ...a.investigations.map((i) => text(k, lang, `investigation.${i.id}.name`)),
        ],
        [...names("referral"), ...names("test-")],
      ),
      section(
        "fhir.section.advice",
        a.advice.map((x) => `${text(k, lang, `advice.${x.id}.title`)}: ${text(k, lang, `advice.${x.id}.text`)}`),
        [],
      ),
      section(
        "fhir.section.answers",
        Object.keys(caseRecord).map((f) => describeAnswer(k, lang, f, caseRecord[f])),
        [ref("answers"), ...names("obs-")],
      ),
      section("fhir.section.disclaimer", [text(k, lang, "disclaimer")], []),
    ],
  };
  return [
    { name: "report", resource: comp },
    { name: "device", resource: device },
  ];
}

/** Wraps named resources in a Bundle, references as urn:uuid full URLs. */
export function toBundle(input: AssessmentInput, k: Knowledge, type: "collection" | "document"): Bundle {
  const seed = JSON.stringify(input.case) + input.now.toISOString();
  const urn = (name: string): string => `urn:uuid:${uuidFrom(seed, name)}`;
  const ref: Ref = (name) => ({ reference: urn(name) });
  let named = assessmentResources(input, k, ref);
  if (type === "document") named = [...composition(input, k, named, ref), ...named];
  const entry: BundleEntry[] = named.map((n) => ({ fullUrl: urn(n.name), resource: n.resource }));
  return {
    resourceType: "Bundle",
    type,
    timestamp: input.now.toISOString(),
    ...(type === "document" ? { identifier: { system: "urn:ietf:rfc:3986", value: urn("bundle") } } : {}),
    entry,
  };
}

/** The same resources contained in a resource (the completed $next-question response): references `#name`. */
export function containedResources(input: AssessmentInput, k: Knowledge): Resource[] {
  // "#" is the containing resource itself: the response that holds the answers.
  return assessmentResources(input, k, (name) => ({ reference: name === "answers" ? "#" : `#${name}` })).map(
    (n) => ({ ...n.resource, id: n.name }) as Resource,
  );
}

export { answerCode };
