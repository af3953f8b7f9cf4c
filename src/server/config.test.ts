import { test } from "node:test";
import assert from "node:assert/strict";
import { readConfig } from "./config.js";

test("defaults: port 8080 on localhost, SQLite in ./data, one worker per core", () => {
  const r = readConfig({});
  assert.ok(r.ok);
  assert.equal(r.value.port, 8080);
  assert.equal(r.value.host, "127.0.0.1");
  assert.match(r.value.sqlitePath, /data\/backcheck\.db$/);
  assert.equal(r.value.databaseUrl, undefined);
  assert.ok(r.value.workers >= 1);
  assert.equal(r.value.sqliteSync, "normal");
});

test("every bad value is reported by name, none silently replaced", () => {
  const r = readConfig({
    PORT: "eighty",
    WEB_CONCURRENCY: "0",
    LOG_LEVEL: "loud",
    DATABASE_SCHEMA: "Robert'); DROP",
    SQLITE_SYNCHRONOUS: "sometimes",
  });
  assert.ok(!r.ok);
  assert.deepEqual(r.problems.map((p) => p.path).sort(), [
    "DATABASE_SCHEMA",
    "LOG_LEVEL",
    "PORT",
    "SQLITE_SYNCHRONOUS",
    "WEB_CONCURRENCY",
  ]);
});

test("DATABASE_URL selects PostgreSQL", () => {
  const r = readConfig({ DATABASE_URL: "postgres://u@h/db", PORT: "9000" });
  assert.ok(r.ok);
  assert.equal(r.value.databaseUrl, "postgres://u@h/db");
  assert.equal(r.value.port, 9000);
});

test("RESULTS_MAX_ENTRIES is a setting, 500 saved results by default", () => {
  const d = readConfig({});
  assert.ok(d.ok && d.value.resultsMaxEntries === 500);
  const r = readConfig({ RESULTS_MAX_ENTRIES: "50" });
  assert.ok(r.ok && r.value.resultsMaxEntries === 50);
  const bad = readConfig({ RESULTS_MAX_ENTRIES: "0" });
  assert.ok(!bad.ok && bad.problems[0]?.path === "RESULTS_MAX_ENTRIES");
});
