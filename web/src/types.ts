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
  | { done: true; result: Result; asked: number };
/** The interview in progress, run by the engine in the browser and kept in IndexedDB (local/db.ts). */
export interface Interview {
  id: string;
  revision: number;
  lang: string;
  /** The knowledge version it was started with: an interview never continues on another one. */
  version: string;
  state: { version: 1; steps: { question: string; fields: string[]; answers: Record<string, unknown> }[] };
  step: Step;
}
/** A result names the knowledge that produced it (its version, a content hash). */
export type Result = Assessment & { knowledge_version?: string };
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
