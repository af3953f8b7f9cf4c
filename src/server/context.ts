import type { Knowledge } from "../knowledge/schema.js";
import type { Repository } from "../storage/repository.js";
import type { AuthConfig } from "./auth.js";

/** What every route needs, passed in (no globals), so tests build an app around any repository and clock. */
export interface AppContext {
  repo: Repository;
  knowledge: Knowledge;
  auth: AuthConfig;
  /** The clock, injected: sessions expire and records get dates without the handlers reading the time. */
  now: () => Date;
  limits: Limits;
}

/** Quotas and lockouts (settings; see config.ts and the README's security section). */
export interface Limits {
  diaryMaxEntries: number;
  /** Saved results one account may hold. */
  resultsMaxEntries: number;
  loginMaxFailures: number;
  loginFailureWindowMinutes: number;
}

export const DEFAULT_LIMITS: Limits = {
  diaryMaxEntries: 5000,
  resultsMaxEntries: 500,
  loginMaxFailures: 10,
  loginFailureWindowMinutes: 15,
};
