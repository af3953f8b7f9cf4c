import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type {
  Bundle,
  ClinicalImpression,
  Condition,
  Observation,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  Resource,
  ServiceRequest,
} from "@medplum/fhirtypes";
import { assess } from "../engine/assess.js";
import type { Case } from "../engine/types.js";
import { parseVignettes } from "../eval/vignettes.js";
import { simulate } from "../interview/simulate.js";
import { defaultKnowledge } from "../knowledge/load.js";
import { toBundle } from "./assessment.js";
import { fhirCodes } from "./codes.js";
import { nextQuestion } from "./next-question.js";
import { backcheckQuestionnaire, codeSystem } from "./questionnaire.js";
import { answerItem, lastQuestion } from "./test-client.js";
import { sdcProblems } from "./profiles.js";
import {
  ASSESSMENT_EXTENSION,
  DATA_ABSENT_REASON,
  SDC_ADAPT_PROFILE,
  SDC_ADAPT_SEARCH_PROFILE,
  SDC_ADAPTIVE_EXTENSION,
  TRANSLATION_EXTENSION,
  URGENCY_EXTENSION,
} from "./urls.js";
import { fhirProblems } from "./validate.js";

const k = defaultKnowledge();
const now = new Date("2026-11-27T12:00:00Z");
const opts = { lang: "en", now, version: "test" };
const vignettes = (file: string) => {
  const v = parseVignettes(
    JSON.parse(readFileSync(new URL(`../../../shared/vignettes/${file}`, import.meta.url), "utf8")),
  );
  assert.ok(v.ok);
  return v.value;
};
const dev = vignettes("dev.json");
const dev2 = vignettes("dev2.json");

/** Every resource in a resource tree: itself, its contained resources and its bundle entries. */
function allResources(r: Resource): Resource[] {
  const contained = ((r as { contained?: Resource[] }).contained ?? []).flatMap(allResources);
  const entries =
    r.resourceType === "Bundle"
      ? ((r as Bundle).entry ?? []).flatMap((e) => (e.resource ? allResources(e.resource) : []))
      : [];
  return [r, ...contained, ...entries];
}
function assertValid(r: Resource, label: string): void {
  for (const x of allResources(r)) assert.deepEqual(fhirProblems(x), [], `${label}: ${x.resourceType}`);
}

/** Drives $next-question (the pure function) answering from a case, as a client would. */
function interview(c: Case): { asked: string[]; final: QuestionnaireResponse } {
  let qr: QuestionnaireResponse = { resourceType: "QuestionnaireResponse", status: "in-progress" };
  const asked: string[] = [];
  for (let i = 0; i < 200; i++) {
    const r = nextQuestion(qr, k, opts);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
    qr = r.value;
    // The contained questionnaire keeps to sdc-questionnaire-adapt at every step.
    const contained = qr.contained![0] as Questionnaire;
    assert.deepEqual(contained.meta?.profile, [SDC_ADAPT_PROFILE]);
    assert.deepEqual(sdcProblems(contained), []);
    if (qr.status === "completed") return { asked, final: qr };
    const item = lastQuestion(qr);
    asked.push(...(item.type === "group" ? (item.item ?? []).map((x) => x.linkId) : [item.linkId]));
    qr = { ...qr, item: [...(qr.item ?? []), answerItem(item, c as unknown as Record<string, unknown>)] };
  }
  assert.fail("the interview did not end");
}

const urgencyOf = (qr: QuestionnaireResponse): string | undefined => {
  const ref = qr.extension?.find((e) => e.url === ASSESSMENT_EXTENSION)?.valueReference?.reference;
  const ci = qr.contained?.find((r) => `#${r.id}` === ref) as ClinicalImpression | undefined;
  return ci?.extension?.find((e) => e.url === URGENCY_EXTENSION)?.valueCoding?.code;
};
const conditionIds = (rs: Resource[]): string[] =>
  rs
    .filter((r): r is Condition => r.resourceType === "Condition")
    .map((c) => c.code!.coding!.find((x) => x.system!.endsWith("backcheck-condition"))!.code!);

function flatItems(items: QuestionnaireItem[] = []): QuestionnaireItem[] {
  return items.flatMap((i) => [i, ...flatItems(i.item)]);
}

test("the Questionnaire has every finding of the knowledge, with its options, adaptive (SDC), in two languages", () => {
  const q = backcheckQuestionnaire(k, "en", "test", now.toISOString());
  assert.deepEqual(q.meta?.profile, [SDC_ADAPT_SEARCH_PROFILE]);
  assert.deepEqual(sdcProblems(q), []);
  assert.ok(
    sdcProblems({ ...q, date: undefined } as unknown as Questionnaire).some((p) => p.path === "Questionnaire.date"),
    "the profile check can fail",
  );
  assert.equal(q.extension?.find((e) => e.url === SDC_ADAPTIVE_EXTENSION)?.valueBoolean, true);
  const items = new Map(flatItems(q.item).map((i) => [i.linkId, i]));
  for (const f of k.findings) {
    const item = items.get(f.id);
    assert.ok(item, f.id);
    for (const o of f.options ?? [])
      assert.ok(
        item.answerOption?.some((a) => a.valueCoding?.code === `${f.id}.${o}`),
        `${f.id}.${o}`,
      );
    if (f.kind === "multi") assert.equal(item.repeats, true);
    const ru = (
      item as {
        _text?: {
          extension?: { url: string; extension?: { url: string; valueString?: string; valueCode?: string }[] }[];
        };
      }
    )._text?.extension?.find((e) => e.url === TRANSLATION_EXTENSION);
    assert.equal(
      ru?.extension?.find((e) => e.url === "content")?.valueString,
      k.locales["ru"]![`finding.${f.id}.question`],
      f.id,
    );
  }
  assert.equal(
    backcheckQuestionnaire(k, "ru", "test", now.toISOString()).item?.[0]?.text,
    k.locales["ru"]!["finding.age.question"],
  );
  assertValid(q, "Questionnaire");
  for (const which of ["backcheck-finding", "backcheck-answer"] as const)
    assertValid(codeSystem(which, k, "en", "test"), which);
});

test("the code table names real targets, and every SNOMED CT id passes its Verhoeff check digit", () => {
  const t = fhirCodes();
  const targets = new Set([
    ...k.conditions.map((c) => `condition.${c.id}`),
    ...k.findings.map((f) => `finding.${f.id}`),
    ...k.findings.flatMap((f) => (f.options ?? []).map((o) => `option.${f.id}.${o}`)),
  ]);
  for (const c of [...t.codes, ...t.text_only]) assert.ok(targets.has(c.target), c.target);
  for (const c of t.text_only)
    assert.ok(!t.codes.some((x) => x.target === c.target), `${c.target} is both coded and text-only`);
  // Verhoeff: SNOMED CT identifiers end with a check digit, so a mistyped code fails here.
  const d = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
  ]; // prettier-ignore
  const p = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
  ]; // prettier-ignore
  const verhoeff = (s: string): boolean =>
    [...s].reverse().reduce((c, ch, i) => d[c]![p[i % 8]![Number(ch)]!]!, 0) === 0;
  for (const c of t.codes.filter((x) => x.system === "http://snomed.info/sct")) {
    assert.ok(verhoeff(c.code), `${c.target}: ${c.code} fails the check digit`);
    assert.equal(c.code.slice(-3, -1), "00", `${c.target}: ${c.code} is not a concept id (partition 00)`);
  }
  assert.ok(verhoeff("279039007") && !verhoeff("279039008"), "the check itself can fail");
});

test("$next-question (the function) asks the same questions and gives the same result as the native interview (dev2 sample; every dev vignette goes over HTTP in fhir-api.test.ts)", () => {
  for (const v of dev2.filter((_, i) => i % 4 === 0)) {
    const native = simulate(v.case, k);
    const { asked, final } = interview(v.case);
    assert.deepEqual(asked, native.asked, v.id);
    assert.equal(urgencyOf(final), native.result.triage, v.id);
    assert.deepEqual(
      conditionIds(final.contained ?? []),
      [...new Set([...native.result.conditions.map((c) => c.id), ...native.result.must_rule_out.map((m) => m.id)])],
      v.id,
    );
    assertValid(final, v.id);
  }
});

test("every resource produced for every dev and dev2 vignette passes the R4 validator (bundles, both types)", () => {
  for (const v of [...dev, ...dev2]) {
    const result = assess(v.case, k);
    for (const type of ["collection", "document"] as const) {
      const b = toBundle({ case: v.case, result, lang: "en", now, version: "test" }, k, type);
      assertValid(b, `${v.id} ${type}`);
      if (type === "document") assert.equal(b.entry?.[0]?.resource?.resourceType, "Composition");
      const sr = b
        .entry!.map((e) => e.resource!)
        .find((r): r is ServiceRequest => r.resourceType === "ServiceRequest" && !!r.performerType);
      if (result.specialists.length) assert.equal(sr?.priority, fhirCodes().urgency.priority[result.triage], v.id);
    }
  }
});

test("'don't know' is data-absent-reason asked-unknown, in the response and as an Observation", () => {
  const { final } = interview({ age: 30 } as Case);
  const unknown = (final.item ?? [])
    .flatMap((i) => [i, ...(i.item ?? [])])
    .filter((i) => i.extension?.some((e) => e.url === DATA_ABSENT_REASON && e.valueCode === "asked-unknown"));
  assert.ok(unknown.length > 3);
  const obs = (final.contained ?? []).filter(
    (r): r is Observation =>
      r.resourceType === "Observation" && r.dataAbsentReason?.coding?.[0]?.code === "asked-unknown",
  );
  assert.equal(obs.length, unknown.filter((i) => !i.item).length);
  const pain = toBundle(
    {
      case: { age: 30, intensity: 6 } as Case,
      result: assess({ age: 30, intensity: 6 } as Case, k),
      lang: "en",
      now,
      version: "t",
    },
    k,
    "collection",
  )
    .entry!.map((e) => e.resource as Observation)
    .find((o) => o.code?.coding?.some((c) => c.system === "http://loinc.org" && c.code === "72514-3"));
  assert.equal(pain?.valueInteger, 6);
});

test("bad input: every problem with its path, never an exception", () => {
  const cases: [unknown, RegExp][] = [
    [{ resourceType: "Patient" }, /^resourceType$/],
    [{ resourceType: "QuestionnaireResponse" }, /^QuestionnaireResponse\.status$/],
    [
      {
        resourceType: "QuestionnaireResponse",
        status: "in-progress",
        item: [{ linkId: "age", answer: [{ valueString: "thirty" }] }],
      },
      /^QuestionnaireResponse\.item\[0\]\.answer\[0\]$/,
    ],
    [
      {
        resourceType: "QuestionnaireResponse",
        status: "in-progress",
        item: [{ linkId: "age", answer: [{ valueDecimal: 130 }] }],
      },
      /^QuestionnaireResponse\.item\[0\]\.answer\[0\]$/,
    ],
    [{ resourceType: "QuestionnaireResponse", status: "bogus" }, /^QuestionnaireResponse\.status$/],
    [
      {
        resourceType: "QuestionnaireResponse",
        status: "in-progress",
        item: [{ linkId: "shoe_size", answer: [{ valueInteger: 3 }] }],
      },
      /^QuestionnaireResponse\.item\[0\]\.linkId$/,
    ],
    [
      {
        resourceType: "QuestionnaireResponse",
        status: "in-progress",
        item: [{ linkId: "age", answer: [{ valueBoolean: "yes" }] }],
      },
      /QuestionnaireResponse\.item\[0\]\.answer\[0\]/,
    ],
    [
      {
        resourceType: "QuestionnaireResponse",
        status: "in-progress",
        item: [{ linkId: "age", extension: [{ url: DATA_ABSENT_REASON, valueCode: "asked-unknown" }] }],
      },
      /^QuestionnaireResponse\.item\[0\]/,
    ],
  ];
  for (const [input, path] of cases) {
    const r = nextQuestion(input, k, opts);
    assert.ok(!r.ok, JSON.stringify(input));
    assert.ok(
      r.problems.some((p) => path.test(p.path)),
      `${JSON.stringify(input)} -> ${JSON.stringify(r.problems)}`,
    );
  }
});

test("the engine's coming result fields map when present: likelihood words and must_rule_out conditions", () => {
  const c = { age: 45, intensity: 5 } as Case;
  const base = assess(c, k);
  const result = {
    ...base,
    conditions: base.conditions.map((x, i) => ({
      ...x,
      likelihood: i === 0 ? ("most_likely" as const) : ("possible" as const),
    })),
    must_rule_out: [
      { id: "cauda_equina_syndrome", rules: [] },
      { id: base.conditions[0]!.id, rules: [] },
    ],
  };
  const b = toBundle({ case: c, result, lang: "ru", now, version: "t" }, k, "collection");
  const conditions = b.entry!.map((e) => e.resource!).filter((r): r is Condition => r.resourceType === "Condition");
  assert.deepEqual(conditionIds(conditions), [
    ...new Set([...base.conditions.map((x) => x.id), "cauda_equina_syndrome"]),
  ]);
  const ces = conditions.find((x) => x.code?.coding?.some((cd) => cd.code === "192970008"));
  assert.ok(ces?.note?.some((n) => n.text === k.locales["ru"]!["fhir.must_rule_out"]));
  assert.ok(conditions[0]!.note?.some((n) => n.text === k.locales["ru"]!["fhir.likelihood.most_likely"]));
  assertValid(b, "with extras");
});
