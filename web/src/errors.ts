import { ApiError, has, OfflineError, t } from "./kernel";
import type { TextKey } from "../../src/knowledge/text-key";

/**
 * The field a problem's path names, as the person saw it labelled. The API keeps its codes and paths
 * (`body.email`, `body.exercises[0].sets`); the page says "E-mail" or "Sets".
 */
const LABELS: Record<string, TextKey> = {
  email: "web.email",
  password: "web.password",
  date: "diary.date",
  intensity: "diary.intensity",
  age: "finding.age.label",
  hours: "finding.session_hours.label",
  activity: "finding.activity.label",
  sets: "diary.sets",
  load_kg: "diary.load",
  effort: "diary.effort",
  exercises: "diary.exercises",
};

const lastSegment = (path: string): string | undefined =>
  path
    .replace(/\[\d+\]/g, "")
    .split(".")
    .filter(Boolean)
    .at(-1);

function fieldLabel(path: string): string | undefined {
  const last = lastSegment(path);
  if (!last || last === "body" || last === "answer") return undefined;
  const key = LABELS[last] ?? `finding.${last}.label`;
  return has(key) ? t(key) : undefined;
}

/** A problem's code, as a sentence; the codes come from the validators (ajv, zod) and the API's own. */
function sentence(code: string, path: string): string {
  const field = fieldLabel(path);
  const kind = code.replace(/^(case|diary|answer|body|params|querystring)\./, "");
  // A sentence for this field in particular when there is one ("the password needs at least 8 characters").
  const specific = `err.${kind}.${lastSegment(path) ?? ""}`;
  if (has(specific)) return t(specific);
  const known: Record<string, TextKey> = {
    format: "err.format",
    minLength: "err.too_short",
    maxLength: "err.too_long",
    too_small: "err.too_small",
    too_big: "err.too_big",
    minimum: "err.too_small",
    maximum: "err.too_big",
    invalid_type: "err.invalid",
    invalid_value: "err.invalid",
    type: "err.invalid",
    required: "err.required",
    future_date: "err.future_date",
    email_taken: "err.email_taken",
    registration_refused: "err.registration_refused",
    unauthorized: "err.unauthorized",
    rate_limited: "err.rate_limited",
    age_needed: "err.age_needed",
    not_found: "err.not_found",
  };
  const key = known[kind] ?? "err.invalid";
  return t(key, { field: field ?? t("err.this_value") });
}

/** Every message a person reads about a failed request: sentences in the chosen language, one per problem. */
export function errorText(e: unknown): string {
  if (e instanceof OfflineError) return t("web.offline");
  if (e instanceof ApiError && e.body?.problems?.length) {
    return [...new Set(e.body.problems.map((p) => sentence(p.code, p.path)))].join(" ");
  }
  return t("web.error");
}

/** Problems that come inside a successful reply (the diary's follow-up), worded the same way. */
export const problemText = (problems: { code?: string; path?: string }[]): string =>
  [...new Set(problems.map((p) => sentence(p.code ?? "", p.path ?? "")))].join(" ");
