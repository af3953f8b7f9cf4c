/** The shapes the API returns (see /api/openapi.json). */
// The question is the interview engine's own type, so the page and the API cannot drift apart.
export type { Option, Question } from "../../src/interview/questions";
// The result is the engine's own type too (type-only: no engine code is bundled).
import type { Assessment } from "../../src/engine/assess";
export type { Assessment } from "../../src/engine/assess";
export type { Fact } from "../../src/engine/triage";
import type { NextStep } from "../../src/interview/next-step";
import type { InterviewState } from "../../src/interview/state";
/** One step of the interview: the interview engine's own type (type-only, like the others). */
export type Step = NextStep;
/** The interview in progress, run by the engine in the browser and kept in IndexedDB (local/db.ts). */
export interface Interview {
  id: string;
  revision: number;
  lang: string;
  /** The knowledge version it was started with: an interview never continues on another one. */
  version: string;
  state: InterviewState;
  step: Step;
}
/** A result; it names the knowledge that produced it (`knowledge_version`, a content hash). */
export type Result = Assessment;
/** A finished interview kept on this device: the answers, the result, when, and its sync state. */
export interface LocalResult {
  /** The interview's id: one entry per interview (going back and finishing again replaces it). */
  id: string;
  created_at: string;
  updated_at: string;
  lang: string;
  knowledge_version: string;
  case: Record<string, unknown>;
  result: Result;
  /** Sync with an account: the server's revision last seen, or absent when never saved. */
  server_revision?: number;
  /** Whether this device changed it since it was last saved to the account. */
  dirty?: boolean;
}
export interface User {
  id: string;
  email: string;
  created_at: string;
}
export type { Source } from "../../src/knowledge/schema";
