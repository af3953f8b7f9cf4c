import type { Assessment } from "./assess.js";
import type { RankedCondition } from "./rank-conditions.js";
import { jsonTextOf } from "./shared-parts.js";

/**
 * An assessment as JSON, the same text JSON.stringify writes, in a fraction of its time: most of a result is
 * open questions, warning signs and advice, which are shared parts that carry their own JSON (shared-parts.ts),
 * so they are copied instead of written key by key; the rest goes through JSON.stringify. Used where results
 * are sent (the HTTP API, npm run bench:http). A test compares it with JSON.stringify on every vignette and on
 * generated cases; an assessment with keys this does not know (one added to `assess` and not here) is written
 * by JSON.stringify, so nothing is ever left out.
 */
export function assessmentJson(a: Assessment): string {
  if (Object.keys(a).length !== (a.emergency_number === undefined ? KEYS : KEYS + 1)) return JSON.stringify(a);
  const j = JSON.stringify;
  return (
    `{"triage":${j(a.triage)},"conditions":${conditions(a.conditions)},"must_rule_out":${j(a.must_rule_out)}` +
    `,"specialists":${j(a.specialists)},"reasons":${j(a.reasons)},"investigations":${j(a.investigations)}` +
    `,"advice":${list(a.advice)},"open_questions":${list(a.open_questions)}` +
    `,"open_warning_signs":${list(a.open_warning_signs)}` +
    (a.emergency_number === undefined ? "" : `,"emergency_number":${j(a.emergency_number)}`) +
    `,"pathway":${j(a.pathway)},"sources":${j(a.sources)},"disclaimer":${j(a.disclaimer)}` +
    `,"knowledge_version":${j(a.knowledge_version)}}`
  );
}

/** The keys of an assessment without an emergency number (a test checks this against `assess`). */
export const KEYS = 13;

function list(xs: readonly object[]): string {
  let o = "[";
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    o += (i ? "," : "") + (jsonTextOf(x) ?? JSON.stringify(x));
  }
  return `${o}]`;
}

/** The listed conditions: their evidence is mostly shared parts too (one answer behind a one-leaf feature). */
function conditions(cs: readonly RankedCondition[]): string {
  const j = JSON.stringify;
  let o = "[";
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    o += i ? "," : "";
    // A condition with other keys than these six is left to JSON.stringify, so nothing is ever left out.
    o +=
      Object.keys(c).length === 6
        ? `{"id":${j(c.id)},"score":${j(c.score)},"for":${list(c.for)},"against":${list(c.against)},"sources":${j(c.sources)},"likelihood":${j(c.likelihood)}}`
        : j(c);
  }
  return `${o}]`;
}
