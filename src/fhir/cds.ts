import type { Bundle, QuestionnaireResponse } from "@medplum/fhirtypes";
import { validateCase } from "../case/validate-case.js";
import { assess } from "../engine/assess.js";
import type { Problem } from "../errors/problem.js";
import { fail, ok, type Outcome } from "../errors/problem.js";
import type { Knowledge } from "../knowledge/schema.js";
import { text } from "../knowledge/texts.js";
import { indicatorOf } from "./codes.js";
import { answersOfResponse } from "./response.js";
import { QUESTIONNAIRE_URL } from "./urls.js";
import { fhirProblems } from "./validate.js";

export const CDS_SERVICE_ID = "backcheck-triage";
const SUMMARY_MAX = 140;

/** GET /cds-services: the discovery document (CDS Hooks 2.0). */
export function cdsDiscovery(k: Knowledge, lang = "en") {
  return {
    services: [
      {
        hook: "patient-view",
        id: CDS_SERVICE_ID,
        title: text(k, lang, "fhir.cds.title"),
        description: text(k, lang, "fhir.cds.description"),
        prefetch: {
          questionnaireResponse: `QuestionnaireResponse?subject={{context.patientId}}&questionnaire=${QUESTIONNAIRE_URL}&status=completed&_sort=-authored&_count=1`,
        },
      },
    ],
  };
}

export interface CdsRequest {
  hook: string;
  hookInstance: string;
  context?: Record<string, unknown>;
  prefetch?: Record<string, unknown>;
}

/** The response out of the prefetch: a QuestionnaireResponse itself, or the first in a search Bundle. */
function responseIn(value: unknown): QuestionnaireResponse | undefined {
  const r = value as { resourceType?: string } | null | undefined;
  if (r?.resourceType === "QuestionnaireResponse") return r as QuestionnaireResponse;
  if (r?.resourceType === "Bundle")
    return (r as Bundle).entry?.map((e) => e.resource).find((x) => x?.resourceType === "QuestionnaireResponse") as
      | QuestionnaireResponse
      | undefined;
  return undefined;
}

const clip = (s: string): string => (s.length <= SUMMARY_MAX ? s : `${s.slice(0, SUMMARY_MAX - 1).trimEnd()}…`);

/**
 * POST /cds-services/backcheck-triage: assesses the answers found in prefetch (`questionnaireResponse`,
 * or `case` as in contract/case.schema.json) and returns one card: the urgency and the likeliest cause in
 * under 140 characters, the indicator from the urgency, the sources as the card's source and links.
 */
export function cdsCards(req: CdsRequest, k: Knowledge, lang = "en"): Outcome<{ cards: unknown[] }> {
  if (req.hook !== "patient-view")
    return fail([{ code: "cds.hook", path: "hook", message: `this service answers patient-view, not ${req.hook}` }]);
  const prefetch = req.prefetch ?? {};
  let answers: unknown;
  const problems: Problem[] = [];
  if ("case" in prefetch) {
    answers = prefetch["case"];
  } else {
    const qr = responseIn(prefetch["questionnaireResponse"]);
    if (!qr)
      return fail([
        {
          code: "cds.prefetch",
          path: "prefetch.questionnaireResponse",
          message: "give a QuestionnaireResponse (or a search Bundle holding one), or prefetch.case",
        },
      ]);
    problems.push(...fhirProblems(qr).map((p) => ({ ...p, path: `prefetch.questionnaireResponse.${p.path}` })));
    if (problems.length) return fail(problems);
    const read = answersOfResponse(qr, k);
    if (!read.ok) return fail(read.problems.map((p) => ({ ...p, path: `prefetch.questionnaireResponse.${p.path}` })));
    answers = read.value;
  }
  const c = validateCase(answers, "prefetch.case");
  if (!c.ok) return fail(c.problems);
  const a = assess(c.value, k);
  const top = a.conditions[0];
  const byId = new Map(k.sources.map((s) => [s.id, s]));
  const cited = a.sources.map((id) => byId.get(id)).filter((s): s is NonNullable<typeof s> => !!s);
  const withUrl = cited.find((s) => s.url);
  const label = (s: (typeof cited)[number]) => (s.section ? `${s.title}: ${s.section}` : s.title);
  const detail = [
    text(k, lang, `triage.${a.triage}.action`),
    `**${text(k, lang, "fhir.cds.causes")}:** ${a.conditions.map((x) => text(k, lang, `condition.${x.id}.name`)).join(", ")}`,
    `**${text(k, lang, "fhir.cds.see")}:** ${a.specialists.map((s) => text(k, lang, `specialist.${s}`)).join(", ")}`,
    `**${text(k, lang, "fhir.cds.sources")}:** ${cited.map((s) => (s.url ? `[${label(s)}](${s.url})` : label(s))).join("; ")}`,
    `*${text(k, lang, "disclaimer")}*`,
  ].join("\n\n");
  const card = {
    summary: clip(
      `${text(k, lang, `triage.${a.triage}.label`)}${top ? ` · ${text(k, lang, `condition.${top.id}.name`)}` : ""}`,
    ),
    indicator: indicatorOf(a.triage),
    detail,
    // The label and the link name the same source: the first cited one with a link, else the first cited.
    source: {
      label: `backcheck${(withUrl ?? cited[0]) ? `: ${label((withUrl ?? cited[0])!)}` : ""}`,
      ...(withUrl?.url ? { url: withUrl.url } : {}),
    },
    links: cited.filter((s) => s.url).map((s) => ({ label: label(s), url: s.url!, type: "absolute" })),
  };
  return ok({ cards: [card] });
}
