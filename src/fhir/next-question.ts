import type { Parameters, QuestionnaireResponse, Resource } from "@medplum/fhirtypes";
import type { Problem } from "../errors/problem.js";
import { fail, ok, type Outcome } from "../errors/problem.js";
import type { Knowledge } from "../knowledge/schema.js";
import { caseOf } from "../interview/state.js";
import { containedResources } from "./assessment.js";
import { adaptiveQuestionnaire, questionItem } from "./questionnaire.js";
import { replay, responseItems } from "./response.js";
import { ASSESSMENT_EXTENSION } from "./urls.js";
import { fhirProblems } from "./validate.js";

const RESPONSE_STATUSES = ["in-progress", "completed", "amended", "entered-in-error", "stopped"];

/** The id of the questionnaire a $next-question response contains. */
export const CONTAINED_QUESTIONNAIRE = "questionnaire";

/**
 * The response out of the operation's input: the resource itself, or a Parameters whose parameter
 * (`questionnaire-response`, or SDC's `in`) holds it.
 */
export function responseOf(input: unknown): Outcome<QuestionnaireResponse> {
  const r = input as Resource | undefined;
  if (r?.resourceType === "Parameters") {
    const params = (r as Parameters).parameter ?? [];
    const i = params.findIndex((p) => p.resource?.resourceType === "QuestionnaireResponse");
    if (i < 0)
      return fail([
        { code: "fhir.required", path: "Parameters.parameter", message: "no parameter holds a QuestionnaireResponse" },
      ]);
    return responseOf(params[i]!.resource);
  }
  if (r?.resourceType !== "QuestionnaireResponse") {
    return fail([
      {
        code: "fhir.structure",
        path: "resourceType",
        message: "expected a QuestionnaireResponse (or Parameters holding one)",
      },
    ]);
  }
  const problems = fhirProblems(r);
  // The validator checks structure, not code bindings; status is the one code the operation relies on.
  const status = (r as QuestionnaireResponse).status as string | undefined;
  if (status !== undefined && !RESPONSE_STATUSES.includes(status)) {
    problems.push({
      code: "fhir.value",
      path: "QuestionnaireResponse.status",
      message: `must be one of: ${RESPONSE_STATUSES.join(", ")}`,
    });
  }
  return problems.length ? fail(problems) : ok(r as QuestionnaireResponse);
}

export interface NextQuestionOptions {
  lang: string;
  now: Date;
  version: string;
}

/**
 * SDC $next-question: replays the answers through the same interview engine as the web app and returns
 * the response with the next question appended to its contained questionnaire, or, when no question is
 * left, `status: completed` with the assessment's resources contained and referenced from an extension.
 */
export function nextQuestion(input: unknown, k: Knowledge, opts: NextQuestionOptions): Outcome<QuestionnaireResponse> {
  const parsed = responseOf(input);
  if (!parsed.ok) return parsed;
  const qr = parsed.value;
  const r = replay(qr, k, opts.lang);
  if (!r.ok) return r;
  const { state, step } = r.value;
  const askedItems = state.steps.map((s) => questionItem(s.question, s.fields, k, opts.lang));
  const items = step.done
    ? askedItems
    : [...askedItems, questionItem(step.question.id, step.question.fields, k, opts.lang)];
  const { contained: _old, extension: oldExt, ...rest } = qr;
  const extension = (oldExt ?? []).filter((e) => e.url !== ASSESSMENT_EXTENSION);
  const out: QuestionnaireResponse = {
    ...rest,
    contained: [adaptiveQuestionnaire(CONTAINED_QUESTIONNAIRE, items, k, opts.lang, opts.version)],
    questionnaire: `#${CONTAINED_QUESTIONNAIRE}`,
    status: step.done ? "completed" : "in-progress",
    // When this version of the answers was made: it changes with every answer.
    authored: opts.now.toISOString(),
    item: responseItems(state.steps, k, opts.lang),
  };
  if (step.done) {
    const resources = containedResources(
      {
        case: caseOf(state),
        result: step.result,
        steps: state.steps,
        lang: opts.lang,
        now: opts.now,
        version: opts.version,
        ...(qr.subject?.reference ? { subject: { reference: qr.subject.reference } } : {}),
      },
      k,
    )
      // The response itself holds the answers; a second copy of them would only disagree one day.
      .filter((x) => x.resourceType !== "QuestionnaireResponse");
    out.contained = [...out.contained!, ...(resources as NonNullable<QuestionnaireResponse["contained"]>)];
    extension.push({ url: ASSESSMENT_EXTENSION, valueReference: { reference: "#impression" } });
  }
  if (extension.length) out.extension = extension;
  else delete out.extension;
  return ok(out);
}

export type { Problem };
