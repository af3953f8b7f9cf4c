import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { fail, ok, type Outcome, type Problem } from "../errors/problem.js";

export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  databaseSchema?: string;
  sqlitePath: string;
  logLevel: string;
  sessionDays: number;
  secureCookies: boolean;
  /** Server processes sharing the port; default one per CPU core. */
  workers: number;
  sqliteSync: "normal" | "full";
  /** Slow clients: the whole request, the headers, an idle keep-alive connection (seconds). */
  requestTimeoutSeconds: number;
  headersTimeoutSeconds: number;
  keepAliveTimeoutSeconds: number;
  /** Attempts per minute at login and registration from one address; registrations per hour. */
  authRateLimit: number;
  registerRateLimit: number;
  /** Failed logins allowed per account within the window before it refuses logins for the window. */
  loginMaxFailures: number;
  loginFailureWindowMinutes: number;
  /** Which proxy to believe about the client's address: false, true, a hop count or addresses. */
  trustProxy: boolean | number | string;
  /** Most diary entries one account may hold. */
  diaryMaxEntries: number;
  /** Most saved results one account may hold. */
  resultsMaxEntries: number;
  /** Anonymous interviews not changed for this many days are deleted. */
  interviewRetentionDays: number;
}

/**
 * TRUST_PROXY: unset or "false" believes no proxy (the socket's address is the client's); "true" believes
 * every hop; a number believes that many hops; otherwise a comma-separated list of proxy addresses or
 * networks (127.0.0.1,10.0.0.0/8). Behind a proxy that is not trusted, every client shares one address.
 */
function trustProxy(raw: string | undefined, problems: Problem[]): boolean | number | string {
  if (raw === undefined || raw === "" || raw === "false") return false;
  if (raw === "true") return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (/^[0-9a-fA-F.:/, ]+$/.test(raw)) return raw;
  problems.push({
    code: "config",
    path: "TRUST_PROXY",
    message: "must be false, true, a number of hops or a list of addresses",
  });
  return false;
}

/** Reads the environment; every bad value is reported, none silently replaced. */
export function readConfig(env: NodeJS.ProcessEnv): Outcome<ServerConfig> {
  const problems: Problem[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max)
      problems.push({ code: "config", path: name, message: `must be a whole number from ${min} to ${max}` });
    return n;
  };
  const config: ServerConfig = {
    port: int("PORT", 8080, 0, 65535),
    host: env["HOST"] || "127.0.0.1",
    sqlitePath: resolve(env["BACKCHECK_DB"] || "data/backcheck.db"),
    logLevel: env["LOG_LEVEL"] || "info",
    sessionDays: int("SESSION_DAYS", 30, 1, 365),
    secureCookies: env["COOKIE_SECURE"] === "true",
    workers: int("WEB_CONCURRENCY", availableParallelism(), 1, 64),
    sqliteSync: env["SQLITE_SYNCHRONOUS"] === "full" ? "full" : "normal",
    requestTimeoutSeconds: int("REQUEST_TIMEOUT_SECONDS", 30, 1, 3600),
    headersTimeoutSeconds: int("HEADERS_TIMEOUT_SECONDS", 10, 1, 3600),
    keepAliveTimeoutSeconds: int("KEEP_ALIVE_TIMEOUT_SECONDS", 5, 1, 3600),
    authRateLimit: int("AUTH_RATE_LIMIT", 10, 1, 10_000),
    registerRateLimit: int("REGISTER_RATE_LIMIT", 10, 1, 10_000),
    loginMaxFailures: int("LOGIN_MAX_FAILURES", 10, 1, 10_000),
    loginFailureWindowMinutes: int("LOGIN_FAILURE_WINDOW_MINUTES", 15, 1, 24 * 60),
    trustProxy: trustProxy(env["TRUST_PROXY"], problems),
    diaryMaxEntries: int("DIARY_MAX_ENTRIES", 5000, 1, 1_000_000),
    resultsMaxEntries: int("RESULTS_MAX_ENTRIES", 500, 1, 100_000),
    interviewRetentionDays: int("INTERVIEW_RETENTION_DAYS", 30, 1, 3650),
  };
  if (config.headersTimeoutSeconds > config.requestTimeoutSeconds) {
    problems.push({
      code: "config",
      path: "HEADERS_TIMEOUT_SECONDS",
      message: "must not be longer than REQUEST_TIMEOUT_SECONDS",
    });
  }
  if (env["SQLITE_SYNCHRONOUS"] && !["normal", "full"].includes(env["SQLITE_SYNCHRONOUS"])) {
    problems.push({ code: "config", path: "SQLITE_SYNCHRONOUS", message: "must be normal or full" });
  }
  if (env["DATABASE_URL"]) config.databaseUrl = env["DATABASE_URL"];
  if (env["DATABASE_SCHEMA"]) {
    if (!/^[a-z_][a-z0-9_]*$/.test(env["DATABASE_SCHEMA"]))
      problems.push({ code: "config", path: "DATABASE_SCHEMA", message: "must be a plain lower-case identifier" });
    config.databaseSchema = env["DATABASE_SCHEMA"];
  }
  if (!["fatal", "error", "warn", "info", "debug", "trace", "silent"].includes(config.logLevel)) {
    problems.push({
      code: "config",
      path: "LOG_LEVEL",
      message: "must be one of fatal, error, warn, info, debug, trace, silent",
    });
  }
  return problems.length ? fail(problems) : ok(config);
}
