import type {
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
} from "@medplum/fhirtypes";
import { DATA_ABSENT_REASON } from "./urls.js";

/**
 * Test helper: answers a question item the way an outside FHIR client would, reading only the item
 * (its type and answer options) and a case; a field the case lacks is "don't know" (data-absent-reason).
 */
export function answerItem(item: QuestionnaireItem, c: Record<string, unknown>): QuestionnaireResponseItem {
  if (item.type === "group")
    return { linkId: item.linkId, item: (item.item ?? []).map((child) => answerItem(child, c)) };
  const v = c[item.linkId];
  if (v === undefined)
    return { linkId: item.linkId, extension: [{ url: DATA_ABSENT_REASON, valueCode: "asked-unknown" }] };
  const coding = (option: string): QuestionnaireResponseItemAnswer => {
    const o = (item.answerOption ?? []).find((x) => x.valueCoding?.code === `${item.linkId}.${option}`);
    if (!o?.valueCoding) throw new Error(`no option ${option} in ${item.linkId}`);
    return { valueCoding: { system: o.valueCoding.system!, code: o.valueCoding.code! } };
  };
  let answer: QuestionnaireResponseItemAnswer[];
  if (item.type === "boolean") answer = [{ valueBoolean: v as boolean }];
  else if (item.type === "integer") answer = [{ valueInteger: v as number }];
  else if (item.type === "decimal") answer = [{ valueDecimal: v as number }];
  else if (Array.isArray(v)) answer = v.length ? v.map((o) => coding(String(o))) : [coding("none_of_these")];
  else answer = [coding(String(v))];
  return { linkId: item.linkId, answer };
}

/** The last question of the response's contained questionnaire (the one $next-question just appended). */
export function lastQuestion(qr: QuestionnaireResponse): QuestionnaireItem {
  const q = (qr.contained ?? []).find((r) => r.resourceType === "Questionnaire") as Questionnaire | undefined;
  const item = q?.item?.at(-1);
  if (!item) throw new Error("no question in the response");
  return item;
}
