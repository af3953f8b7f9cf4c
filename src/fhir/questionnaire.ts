import type {
  CodeSystem,
  CodeSystemConcept,
  Coding,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireItemAnswerOption,
} from "@medplum/fhirtypes";
import type { Finding, Knowledge } from "../knowledge/schema.js";
import { text } from "../knowledge/texts.js";
import type { TextKey } from "../knowledge/text-key.js";
import { questionIdOf } from "../interview/questions.js";
import { standardCodings } from "./codes.js";
import { translated } from "./texts.js";
import {
  ANSWER_SYSTEM,
  FINDING_SYSTEM,
  MAX_VALUE,
  MIN_VALUE,
  OPTION_EXCLUSIVE,
  QUESTIONNAIRE_ID,
  QUESTIONNAIRE_URL,
  SDC_ADAPT_PROFILE,
  SDC_ADAPT_SEARCH_PROFILE,
  SDC_ADAPTIVE_EXTENSION,
} from "./urls.js";

/** The answer code of "none of these" for a multiple-choice finding (an empty list in the case). */
export const NONE_OPTION = "none_of_these";
export const GROUP_PREFIX = "group.";

export const answerCode = (finding: string, option: string): string => `${finding}.${option}`;

/** An option's coding: backcheck's answer code, then standard codes for the same meaning (low back pain). */
export function optionCoding(k: Knowledge, lang: string, finding: string, option: string): Coding {
  const key: TextKey = option === NONE_OPTION ? "fhir.none_of_these" : `option.${finding}.${option}`;
  const t = translated(k, lang, key);
  return {
    system: ANSWER_SYSTEM,
    code: answerCode(finding, option),
    display: t.value,
    ...(t.ext ? { _display: t.ext } : {}),
  } as Coding;
}

function itemType(f: Finding): QuestionnaireItem["type"] {
  switch (f.kind) {
    case "boolean":
      return "boolean";
    case "single":
    case "multi":
      return "choice";
    case "integer":
      return "integer";
    case "number":
      return "decimal";
  }
}

/** One finding as a question: link id = finding id, its type, options, limits and texts in every language. */
export function findingItem(f: Finding, k: Knowledge, lang: string): QuestionnaireItem {
  const t = translated(k, lang, `finding.${f.id}.question`);
  const item: QuestionnaireItem = {
    linkId: f.id,
    code: [
      { system: FINDING_SYSTEM, code: f.id, display: text(k, lang, `finding.${f.id}.label`) },
      ...standardCodings(`finding.${f.id}`),
    ],
    text: t.value,
    type: itemType(f),
  };
  if (t.ext) (item as unknown as Record<string, unknown>)["_text"] = t.ext;
  const extension = [];
  if (f.min !== undefined)
    extension.push(
      f.kind === "integer" ? { url: MIN_VALUE, valueInteger: f.min } : { url: MIN_VALUE, valueDecimal: f.min },
    );
  if (f.max !== undefined)
    extension.push(
      f.kind === "integer" ? { url: MAX_VALUE, valueInteger: f.max } : { url: MAX_VALUE, valueDecimal: f.max },
    );
  if (extension.length) item.extension = extension;
  if (f.kind === "multi") item.repeats = true;
  if (f.options) {
    const options: QuestionnaireItemAnswerOption[] = f.options.map((o) => ({
      valueCoding: optionCoding(k, lang, f.id, o),
    }));
    // "None of these" is a real answer (nothing spreads to the legs), unless at least one must be chosen.
    if (f.kind === "multi" && !(f.min_items && f.min_items > 0)) {
      options.push({
        valueCoding: optionCoding(k, lang, f.id, NONE_OPTION),
        extension: [{ url: OPTION_EXCLUSIVE, valueBoolean: true }],
      });
    }
    item.answerOption = options;
  }
  return item;
}

/** A checklist: a group item whose children are the yes/no findings it asks about. */
export function groupItem(group: string, members: Finding[], k: Knowledge, lang: string): QuestionnaireItem {
  const t = translated(k, lang, `group.${group}.question`);
  const item: QuestionnaireItem = {
    linkId: `${GROUP_PREFIX}${group}`,
    code: [{ system: FINDING_SYSTEM, code: `${GROUP_PREFIX}${group}` }],
    text: t.value,
    type: "group",
    item: members.map((f) => findingItem(f, k, lang)),
  };
  if (t.ext) (item as unknown as Record<string, unknown>)["_text"] = t.ext;
  return item;
}

/** The item for an interview question (a finding, or a checklist limited to the findings it asks now). */
export function questionItem(id: string, fields: readonly string[], k: Knowledge, lang: string): QuestionnaireItem {
  if (id.startsWith(GROUP_PREFIX)) {
    const members = k.findings.filter((f) => fields.includes(f.id));
    return groupItem(id.slice(GROUP_PREFIX.length), members, k, lang);
  }
  const f = k.findings.find((x) => x.id === id);
  if (!f) throw new Error(`unknown question ${id}`);
  return findingItem(f, k, lang);
}

/** Every question of the knowledge, in its order; a group sits where its first finding is. */
export function allItems(k: Knowledge, lang: string): QuestionnaireItem[] {
  const items: QuestionnaireItem[] = [];
  const seen = new Set<string>();
  for (const f of k.findings) {
    const id = questionIdOf(f);
    if (seen.has(id)) continue;
    seen.add(id);
    items.push(
      f.group
        ? groupItem(
            f.group,
            k.findings.filter((x) => x.group === f.group),
            k,
            lang,
          )
        : findingItem(f, k, lang),
    );
  }
  return items;
}

const adaptive = { extension: [{ url: SDC_ADAPTIVE_EXTENSION, valueBoolean: true }] };

/**
 * GET /fhir/Questionnaire/backcheck: the whole question bank, adaptive (SDC): the server picks the order.
 * `date`: when this version of the questions was made (the knowledge's date).
 */
export function backcheckQuestionnaire(k: Knowledge, lang: string, version: string, date: string): Questionnaire {
  const title = translated(k, lang, "fhir.questionnaire.title");
  return {
    resourceType: "Questionnaire",
    id: QUESTIONNAIRE_ID,
    meta: { profile: [SDC_ADAPT_SEARCH_PROFILE] },
    ...adaptive,
    url: QUESTIONNAIRE_URL,
    version,
    date,
    name: "BackcheckInterview",
    title: title.value,
    ...(title.ext ? { _title: title.ext } : {}),
    status: "active",
    language: lang,
    subjectType: ["Patient"],
    description: text(k, lang, "fhir.questionnaire.description"),
    item: allItems(k, lang),
  } as Questionnaire;
}

/** The questionnaire an adaptive response carries: only the questions asked so far (and the next one). */
export function adaptiveQuestionnaire(
  id: string,
  items: QuestionnaireItem[],
  k: Knowledge,
  lang: string,
  version: string,
): Questionnaire {
  return {
    resourceType: "Questionnaire",
    id,
    meta: { profile: [SDC_ADAPT_PROFILE] },
    ...adaptive,
    version,
    title: text(k, lang, "fhir.questionnaire.title"),
    derivedFrom: [QUESTIONNAIRE_URL],
    status: "active",
    language: lang,
    subjectType: ["Patient"],
    item: items,
  };
}

/** GET /fhir/CodeSystem/backcheck-finding and backcheck-answer: the codes the resources use, from the knowledge. */
export function codeSystem(
  which: "backcheck-finding" | "backcheck-answer",
  k: Knowledge,
  lang: string,
  version: string,
): CodeSystem {
  const concepts: CodeSystemConcept[] = [];
  if (which === "backcheck-finding") {
    const groups = new Set<string>();
    for (const f of k.findings) {
      concepts.push({
        code: f.id,
        display: text(k, lang, `finding.${f.id}.label`),
        definition: text(k, lang, `finding.${f.id}.question`),
      });
      if (f.group) groups.add(f.group);
    }
    for (const g of groups)
      concepts.push({ code: `${GROUP_PREFIX}${g}`, display: text(k, lang, `group.${g}.question`) });
  } else {
    for (const f of k.findings) {
      for (const o of f.options ?? [])
        concepts.push({ code: answerCode(f.id, o), display: text(k, lang, `option.${f.id}.${o}`) });
      if (f.kind === "multi")
        concepts.push({ code: answerCode(f.id, NONE_OPTION), display: text(k, lang, "fhir.none_of_these") });
    }
  }
  return {
    resourceType: "CodeSystem",
    id: which,
    url: which === "backcheck-finding" ? FINDING_SYSTEM : ANSWER_SYSTEM,
    version,
    name: which === "backcheck-finding" ? "BackcheckFinding" : "BackcheckAnswer",
    title: text(k, lang, `fhir.codesystem.${which}`),
    status: "active",
    content: "complete",
    caseSensitive: true,
    language: lang,
    count: concepts.length,
    concept: concepts,
  };
}
