import type { Bundle, CodeableConcept, Observation, ObservationComponent } from "@medplum/fhirtypes";
import type { Entry } from "../diary/entries.js";
import type { Knowledge } from "../knowledge/schema.js";
import { text } from "../knowledge/texts.js";
import { standardCodings } from "./codes.js";
import { uuidFrom } from "./ids.js";
import { optionCoding } from "./questionnaire.js";
import { FINDING_SYSTEM } from "./urls.js";

const category = (code: "survey" | "activity") => [
  { coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code }] },
];

function option(k: Knowledge, lang: string, field: string, o: string): CodeableConcept {
  const c = optionCoding(k, lang, field, o);
  return {
    coding: [{ system: c.system!, code: c.code!, display: c.display! }, ...standardCodings(`option.${field}.${o}`)],
    text: c.display!,
  };
}
const finding = (k: Knowledge, lang: string, field: string): CodeableConcept => ({
  coding: [...standardCodings(`finding.${field}`), { system: FINDING_SYSTEM, code: field }],
  text: text(k, lang, `finding.${field}.label`),
});

/**
 * The diary as Observations over time: each check-in is a pain intensity (LOINC 72514-3, through the code
 * table) on its date, with where and how it hurt and any yes/no finding as components; each workout is
 * an exercise Observation (category activity) with the activity, duration, effort and exercises.
 */
export function diaryBundle(entries: Entry[], k: Knowledge, lang: string, now: Date): Bundle {
  const seed = entries.map((e) => e.id).join(",") + now.toISOString();
  const urn = (name: string) => `urn:uuid:${uuidFrom(seed, name)}`;
  const subject = { reference: urn("patient") };
  const observations = entries.map((e): Observation => {
    if (e.kind === "checkin") {
      const component: ObservationComponent[] = [
        ...(e.location ?? []).map((o) => ({ code: option(k, lang, "location", o), valueBoolean: true })),
        ...(e.character ?? []).map((o) => ({ code: option(k, lang, "character", o), valueBoolean: true })),
        ...Object.entries(e.findings ?? {}).map(([f, v]) => ({ code: finding(k, lang, f), valueBoolean: v })),
      ];
      return {
        resourceType: "Observation",
        id: e.id,
        status: "final",
        category: category("survey"),
        code: { ...finding(k, lang, "intensity"), text: text(k, lang, "fhir.diary.pain") },
        subject,
        effectiveDateTime: e.date,
        valueInteger: e.intensity,
        ...(component.length ? { component } : {}),
      };
    }
    const component: ObservationComponent[] = [];
    if (e.hours !== undefined)
      component.push({
        code: { text: text(k, lang, "fhir.diary.hours") },
        valueQuantity: { value: e.hours, unit: "h", system: "http://unitsofmeasure.org", code: "h" },
      });
    if (e.effort !== undefined)
      component.push({ code: { text: text(k, lang, "fhir.diary.effort") }, valueInteger: e.effort });
    if (e.warmed_up !== undefined) component.push({ code: finding(k, lang, "warmed_up"), valueBoolean: e.warmed_up });
    if (e.experience !== undefined)
      component.push({
        code: finding(k, lang, "experience"),
        valueCodeableConcept: option(k, lang, "experience", e.experience),
      });
    for (const x of e.exercises) {
      const parts = [
        x.sets !== undefined ? `${text(k, lang, "fhir.diary.sets")}: ${x.sets}` : undefined,
        x.load_kg !== undefined ? `${text(k, lang, "fhir.diary.load_kg")}: ${x.load_kg} kg` : undefined,
        x.minutes !== undefined ? `${text(k, lang, "fhir.diary.minutes")}: ${x.minutes}` : undefined,
      ].filter((p): p is string => !!p);
      component.push({
        code: option(k, lang, "exercises", x.exercise),
        ...(parts.length ? { valueString: parts.join(", ") } : { valueBoolean: true }),
      });
    }
    return {
      resourceType: "Observation",
      id: e.id,
      status: "final",
      category: category("activity"),
      code: { coding: [{ system: FINDING_SYSTEM, code: "activity" }], text: text(k, lang, "fhir.diary.workout") },
      subject,
      effectiveDateTime: e.date,
      valueCodeableConcept: option(k, lang, "activity", e.activity),
      ...(component.length ? { component } : {}),
    };
  });
  return {
    resourceType: "Bundle",
    type: "collection",
    timestamp: now.toISOString(),
    entry: [
      { fullUrl: urn("patient"), resource: { resourceType: "Patient", active: true } },
      ...observations.map((o) => ({ fullUrl: urn(o.id!), resource: o })),
    ],
  };
}
