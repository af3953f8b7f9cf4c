import type { Questionnaire, QuestionnaireItem } from "@medplum/fhirtypes";
import type { Problem } from "../errors/problem.js";
import { SDC_ADAPT_PROFILE, SDC_ADAPT_SEARCH_PROFILE, SDC_ADAPTIVE_EXTENSION } from "./urls.js";

/**
 * The rules of the two SDC profiles backcheck claims, checked by hand: their StructureDefinitions are not in
 * the offline R4 validator's package. Written from the SDC source (input/fsh/profiles/SDCQuestionnaireAdapt.fsh,
 * SDCQuestionnaireAdaptSearch.fsh and SDCQuestionnaireSearch.fsh in HL7/sdc).
 */
export function sdcProblems(q: Questionnaire): Problem[] {
  const problems: Problem[] = [];
  const claims = q.meta?.profile ?? [];
  const adaptive = (q.extension ?? []).filter((e) => e.url === SDC_ADAPTIVE_EXTENSION);
  const need = (ok: boolean, path: string, message: string): void => {
    if (!ok) problems.push({ code: "sdc.profile", path, message });
  };
  if (claims.includes(SDC_ADAPT_PROFILE)) {
    // sdc-questionnaire-adapt: the one-off questionnaire embedded in an adaptive response.
    need(adaptive.length === 1, "Questionnaire.extension", "questionnaireAdaptive 1..1");
    need(q.url === undefined, "Questionnaire.url", "url 0..0 (the base questionnaire is named in derivedFrom)");
    need(!!q.title, "Questionnaire.title", "title 1..1");
    need(q.derivedFrom?.length === 1, "Questionnaire.derivedFrom", "derivedFrom 1..1");
    const walk = (items: QuestionnaireItem[] | undefined, path: string): void =>
      (items ?? []).forEach((it, i) => {
        need(!!it.text, `${path}.item[${i}].text`, "item.text 1..1");
        walk(it.item, `${path}.item[${i}]`);
      });
    walk(q.item, "Questionnaire");
  }
  if (claims.includes(SDC_ADAPT_SEARCH_PROFILE)) {
    // sdc-questionnaire-adapt-srch (and its parent sdc-questionnaire-search): the published adaptive questionnaire.
    need(adaptive.length >= 1, "Questionnaire.extension", "questionnaireAdaptive 1..*");
    need(
      adaptive.length <= 1 || adaptive.every((e) => e.valueUrl !== undefined),
      "Questionnaire.extension",
      "sdc-adaptive-1: several questionnaireAdaptive must all be URLs",
    );
    need(!!q.title, "Questionnaire.title", "title 1..1");
    need(!!q.date, "Questionnaire.date", "date 1..1");
  }
  return problems;
}
