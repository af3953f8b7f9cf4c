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
}

/** Reads the environment; every bad value is reported, none silently replaced. */
export function readConfig(env: NodeJS.ProcessEnv): Outcome<ServerConfig> {
  const problems: Problem[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) problems.push({ code: "config", path: name, message: `must be a whole number from ${min} to ${max}` });
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
  };
  if (env["SQLITE_SYNCHRONOUS"] && !["normal", "full"].includes(env["SQLITE_SYNCHRONOUS"])) {
    problems.push({ code: "config", path: "SQLITE_SYNCHRONOUS", message: "must be normal or full" });
  }
  if (env["DATABASE_URL"]) config.databaseUrl = env["DATABASE_URL"];
  if (env["DATABASE_SCHEMA"]) {
    if (!/^[a-z_][a-z0-9_]*$/.test(env["DATABASE_SCHEMA"])) problems.push({ code: "config", path: "DATABASE_SCHEMA", message: "must be a plain lower-case identifier" });
    config.databaseSchema = env["DATABASE_SCHEMA"];
  }
  if (!["fatal", "error", "warn", "info", "debug", "trace", "silent"].includes(config.logLevel)) {
    problems.push({ code: "config", path: "LOG_LEVEL", message: "must be one of fatal, error, warn, info, debug, trace, silent" });
  }
  return problems.length ? fail(problems) : ok(config);
}
