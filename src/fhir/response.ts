import type {
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
} from "@medplum/fhirtypes";
import type { Problem } from "../errors/problem.js";
import { fail, ok, type Outcome } from "../errors/problem.js";
import type { Knowledge } from "../knowledge/schema.js";
import { text } from "../knowledge/texts.js";
import { answer, UNKNOWN } from "../interview/answer.js";
import { nextStep, type NextStep } from "../interview/next-step.js";
import type { Question } from "../interview/questions.js";
import { emptyState, type InterviewState, type Step } from "../interview/state.js";
import { answerCode, GROUP_PREFIX, NONE_OPTION, optionCoding } from "./questionnaire.js";
import { ANSWER_SYSTEM, DATA_ABSENT_REASON } from "./urls.js";

/** "Don't know" in FHIR: the data-absent-reason extension with asked-unknown, on the unanswered item. */
export const askedUnknown = () => ({ url: DATA_ABSENT_REASON, valueCode: "asked-unknown" });

const hasAbsentReason = (x: { extension?: { url: string }[] } | undefined): boolean =>
  !!x?.extension?.some((e) => e.url === DATA_ABSENT_REASON);

/** Whether an answer carries "don't know" on its value (`_valueBoolean: { extension: [...] }` and the like). */
function absentValue(a: QuestionnaireResponseItemAnswer): boolean {
  return Object.entries(a).some(
    ([key, v]) => key.startsWith("_value") && hasAbsentReason(v as { extension?: { url: string }[] }),
  );
}

/** The option a coding or string answer names: `<finding>.<option>` in backcheck's system, or the bare option. */
function optionOf(finding: string, a: QuestionnaireResponseItemAnswer): string | undefined {
  const code = a.valueCoding?.code ?? a.valueString;
  if (code === undefined) return undefined;
  return code.startsWith(`${finding}.`) ? code.slice(finding.length + 1) : code;
}

/**
 * One finding's answer in the interview engine's terms: a value, "unknown", or a problem at `path`.
 * A present item with neither an answer nor data-absent-reason is refused: silence is not "don't know".
 */
function findingValue(
  k: Knowledge,
  finding: string,
  item: QuestionnaireResponseItem,
  path: string,
  problems: Problem[],
): unknown {
  const f = k.findings.find((x) => x.id === finding);
  const answers = item.answer ?? [];
  if (hasAbsentReason(item) || answers.some(absentValue)) return UNKNOWN;
  if (!f) {
    problems.push({ code: "fhir.unknown_item", path: `${path}.linkId`, message: `no question ${finding}` });
    return UNKNOWN;
  }
  if (answers.length === 0) {
    problems.push({
      code: "fhir.missing_answer",
      path,
      message: 'give an answer, or the data-absent-reason extension ("asked-unknown") for "don\'t know"',
    });
    return UNKNOWN;
  }
  const want = (key: keyof QuestionnaireResponseItemAnswer, i: number): unknown => {
    const v = answers[i]?.[key];
    if (v === undefined)
      problems.push({ code: "fhir.answer_type", path: `${path}.answer[${i}]`, message: `expected ${key}` });
    return v;
  };
  switch (f.kind) {
    case "boolean":
      return want("valueBoolean", 0);
    case "integer":
      return want("valueInteger", 0);
    case "number":
      return answers[0]?.valueDecimal ?? want("valueInteger", 0);
    case "single":
    case "multi": {
      const chosen = answers.map((a, i) => {
        const o = optionOf(f.id, a);
        if (o === undefined)
          problems.push({ code: "fhir.answer_type", path: `${path}.answer[${i}]`, message: "expected valueCoding" });
        else if (a.valueCoding?.system !== undefined && a.valueCoding.system !== ANSWER_SYSTEM) {
          problems.push({
            code: "fhir.answer_system",
            path: `${path}.answer[${i}].valueCoding.system`,
            message: `expected ${ANSWER_SYSTEM}`,
          });
        } else if (o !== NONE_OPTION && !(f.options ?? []).includes(o)) {
          problems.push({
            code: "fhir.answer_option",
            path: `${path}.answer[${i}].valueCoding.code`,
            message: `not one of: ${(f.options ?? []).map((x) => answerCode(f.id, x)).join(", ")}`,
          });
        }
        return o;
      });
      if (f.kind === "single") {
        if (answers.length > 1)
          problems.push({ code: "fhir.answer_repeats", path: `${path}.answer[1]`, message: "one answer only" });
        return chosen[0];
      }
      return chosen.filter((o) => o !== NONE_OPTION);
    }
  }
}

/** The engine's answer input for a question from the response item that answers it. */
export function answerInput(
  k: Knowledge,
  q: Question,
  item: QuestionnaireResponseItem,
  path: string,
  problems: Problem[],
): unknown {
  if (q.kind !== "checklist") return findingValue(k, q.id, item, path, problems);
  if (hasAbsentReason(item)) return UNKNOWN;
  const out: Record<string, unknown> = {};
  (item.item ?? []).forEach((child, j) => {
    const childPath = `${path}.item[${j}]`;
    if (!q.fields.includes(child.linkId)) {
      problems.push({
        code: "fhir.unknown_item",
        path: `${childPath}.linkId`,
        message: `not asked in this checklist: ${q.fields.join(", ")}`,
      });
      return;
    }
    out[child.linkId] = findingValue(k, child.linkId, child, childPath, problems);
  });
  return out;
}

/** Engine problem paths (`answer.age`) moved onto the response item they concern. */
function relocate(problems: Problem[], itemPath: string, item: QuestionnaireResponseItem): Problem[] {
  return problems.map((p) => {
    const field = p.path.replace(/^answer\.?/, "");
    const j = (item.item ?? []).findIndex((c) => c.linkId === field);
    const path =
      j >= 0
        ? `${itemPath}.item[${j}]`
        : field && field !== item.linkId
          ? `${itemPath} (${field})`
          : item.answer?.length
            ? `${itemPath}.answer[0]`
            : itemPath;
    return { ...p, path };
  });
}

export interface Replay {
  state: InterviewState;
  step: NextStep;
}

/**
 * Rebuilds the interview from a response: asks the engine for each question in turn and takes its answer
 * from the item with that link id. The first question without an item is the next one. Items for
 * questions the engine would not ask (an earlier answer changed) are left out of the result.
 */
export function replay(qr: QuestionnaireResponse, k: Knowledge, lang: string): Outcome<Replay> {
  const problems: Problem[] = [];
  const items = qr.item ?? [];
  const questionIds = new Set(k.findings.map((f) => (f.group ? `${GROUP_PREFIX}${f.group}` : f.id)));
  const byLink = new Map<string, number>();
  items.forEach((it, i) => {
    if (!questionIds.has(it.linkId))
      problems.push({
        code: "fhir.unknown_item",
        path: `QuestionnaireResponse.item[${i}].linkId`,
        message: `no question ${it.linkId}`,
      });
    else if (byLink.has(it.linkId))
      problems.push({
        code: "fhir.duplicate_item",
        path: `QuestionnaireResponse.item[${i}].linkId`,
        message: `${it.linkId} is answered twice`,
      });
    else byLink.set(it.linkId, i);
  });
  if (problems.length) return fail(problems);
  let state = emptyState();
  for (;;) {
    const step = nextStep(state, k, lang);
    if (step.done) return ok({ state, step });
    const i = byLink.get(step.question.id);
    if (i === undefined) return ok({ state, step });
    const item = items[i]!;
    const path = `QuestionnaireResponse.item[${i}]`;
    const input = answerInput(k, step.question, item, path, problems);
    if (problems.length) return fail(problems);
    const r = answer(state, step.question, input, k);
    if (!r.ok) return fail(relocate(r.problems, path, item));
    state = r.value;
  }
}

/** A finding's answer as response answers (the same shapes the questionnaire's items ask for). */
export function answersOf(
  k: Knowledge,
  lang: string,
  finding: string,
  value: unknown,
): QuestionnaireResponseItemAnswer[] {
  const f = k.findings.find((x) => x.id === finding);
  if (typeof value === "boolean") return [{ valueBoolean: value }];
  if (typeof value === "number") return [f?.kind === "integer" ? { valueInteger: value } : { valueDecimal: value }];
  if (typeof value === "string") return [{ valueCoding: optionCoding(k, lang, finding, value) }];
  if (Array.isArray(value)) {
    return value.length
      ? value.map((o) => ({ valueCoding: optionCoding(k, lang, finding, String(o)) }))
      : [{ valueCoding: optionCoding(k, lang, finding, NONE_OPTION) }];
  }
  return [];
}

function answeredItem(
  k: Knowledge,
  lang: string,
  finding: string,
  answers: Record<string, unknown>,
): QuestionnaireResponseItem {
  const base = { linkId: finding, text: text(k, lang, `finding.${finding}.question`) };
  return finding in answers
    ? { ...base, answer: answersOf(k, lang, finding, answers[finding]) }
    : { ...base, extension: [askedUnknown()] };
}

/** The response items for interview steps, in the order asked; "don't know" as data-absent-reason. */
export function responseItems(steps: Step[], k: Knowledge, lang: string): QuestionnaireResponseItem[] {
  return steps.map((s) => {
    if (s.question.startsWith(GROUP_PREFIX)) {
      const group = s.question.slice(GROUP_PREFIX.length);
      return {
        linkId: s.question,
        text: text(k, lang, `group.${group}.question`),
        item: s.fields.map((f) => answeredItem(k, lang, f, s.answers)),
      };
    }
    return answeredItem(k, lang, s.question, s.answers);
  });
}

/** A case as if every answered field had been asked, in the questionnaire's order (for results without an interview). */
export function stepsOfCase(c: Record<string, unknown>, k: Knowledge): Step[] {
  const steps: Step[] = [];
  const groups = new Map<string, Step>();
  for (const f of k.findings) {
    if (!(f.id in c)) continue;
    if (f.group) {
      let s = groups.get(f.group);
      if (!s) {
        s = { question: `${GROUP_PREFIX}${f.group}`, fields: [], answers: {} };
        groups.set(f.group, s);
        steps.push(s);
      }
      s.fields.push(f.id);
      s.answers[f.id] = c[f.id];
    } else {
      steps.push({ question: f.id, fields: [f.id], answers: { [f.id]: c[f.id] } });
    }
  }
  return steps;
}

/** Reads every answered item of a response into a case-like record (for CDS Hooks, where no replay is wanted). */
export function answersOfResponse(qr: QuestionnaireResponse, k: Knowledge): Outcome<Record<string, unknown>> {
  const problems: Problem[] = [];
  const out: Record<string, unknown> = {};
  const read = (items: QuestionnaireResponseItem[], path: string): void => {
    items.forEach((it, i) => {
      const p = `${path}.item[${i}]`;
      if (it.linkId.startsWith(GROUP_PREFIX)) return read(it.item ?? [], p);
      const v = findingValue(k, it.linkId, it, p, problems);
      if (v !== UNKNOWN) out[it.linkId] = v;
    });
  };
  read(qr.item ?? [], "QuestionnaireResponse");
  return problems.length ? fail(problems) : ok(out);
}
