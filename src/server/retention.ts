import type { FastifyBaseLogger } from "fastify";
import type { Repository } from "../storage/repository.js";

export interface RetentionConfig {
  /** Anonymous interviews not changed for this many days are deleted. */
  interviewDays: number;
  /** Failed logins older than this no longer count and are deleted. */
  loginFailureWindowMinutes: number;
}

/** How often each worker purges; the deletes are idempotent, so workers and instances may overlap. */
export const PURGE_EVERY_MS = 60 * 60 * 1000;

/** One purge at `now`: old anonymous interviews, expired sessions, stale failed logins. */
export async function purgeOnce(repo: Repository, config: RetentionConfig, now: Date) {
  const interviewsBefore = new Date(now.getTime() - config.interviewDays * 86_400_000).toISOString();
  const failuresBefore = new Date(now.getTime() - config.loginFailureWindowMinutes * 60_000).toISOString();
  return repo.purge(now.toISOString(), interviewsBefore, failuresBefore);
}

/** Purges at start and then every hour; the counts are logged (they hold no personal data). */
export function startRetention(
  repo: Repository,
  config: RetentionConfig,
  log: FastifyBaseLogger,
  now = () => new Date(),
): { stop: () => void } {
  const run = (): void => {
    purgeOnce(repo, config, now()).then(
      (counts) => log.info({ purged: counts }, "retention purge"),
      (e: unknown) => log.error({ err: { message: (e as Error).message } }, "retention purge failed"),
    );
  };
  run();
  const timer = setInterval(run, PURGE_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
