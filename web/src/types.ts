/** The shapes the API returns (see /api/openapi.json). */
// The question is the interview engine's own type, so the page and the API cannot drift apart.
import type { Question } from "../../src/interview/questions";
export type { Option, Question } from "../../src/interview/questions";
// The result is the engine's own type too (type-only: no engine code is bundled).
import type { Assessment } from "../../src/engine/assess";
export type { Assessment } from "../../src/engine/assess";
export type { Fact } from "../../src/engine/triage";
export type Step =
  | { done: false; question: Question; phase: string; asked: number; red_flags_left: number }
  | { done: true; result: Assessment; asked: number };
export interface Interview {
  id: string;
  revision: number;
  lang: string;
  state: { steps: { question: string; fields: string[]; answers: Record<string, unknown> }[] };
  step: Step;
}
export interface User {
  id: string;
  email: string;
  created_at: string;
}
export interface Source {
  id: string;
  kind: string;
  title: string;
  /** The language of `title`; `titles` holds translations by language. */
  lang?: string;
  titles?: Record<string, string>;
  authors?: string;
  publisher?: string;
  section?: string;
  year?: number;
  url?: string;
}
