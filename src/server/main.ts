import { batchedLog } from "./log-stream.js";
import cluster from "node:cluster";
import { defaultKnowledge } from "../knowledge/load.js";
import { openRepository, type StorageConfig } from "../storage/open-repository.js";
import { formatProblem } from "../errors/problem.js";
import { buildApp } from "./app.js";
import { readConfig, type ServerConfig } from "./config.js";
import { startRetention } from "./retention.js";

const storageOf = (c: ServerConfig): StorageConfig => ({
  databaseUrl: c.databaseUrl,
  sqlitePath: c.sqlitePath,
  sqliteSync: c.sqliteSync,
  ...(c.databaseSchema ? { schema: c.databaseSchema } : {}),
});

/**
 * `backcheck serve` / `npm start`: migrate, then serve the API and the web app. With WEB_CONCURRENCY > 1
 * (default: one per core) a primary process migrates once and forks workers that share the port; any
 * worker can serve any request, because everything lives in the database.
 */
export async function serve(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const config = readConfig(env);
  if (!config.ok) {
    for (const p of config.problems) process.stderr.write(`backcheck: ${formatProblem(p)}\n`);
    return 2;
  }
  const c = config.value;
  if (cluster.isPrimary && c.workers > 1) return primary(c);
  return worker(c);
}

async function primary(c: ServerConfig): Promise<number> {
  // Migrate once here, so workers never race each other over the schema.
  const repo = await openRepository(storageOf(c));
  if (!repo.ok) {
    for (const p of repo.problems) process.stderr.write(`backcheck: storage: ${formatProblem(p)}\n`);
    return 1;
  }
  await repo.value.close();
  let ready = 0;
  let stopping = false;
  const fork = (): void => {
    cluster.fork().on("message", (m: { ready?: string }) => {
      if (m.ready && ++ready === c.workers)
        process.stdout.write(
          `backcheck: listening at ${m.ready} (storage: ${repo.value.kind}, ${c.workers} workers)\n`,
        );
    });
  };
  for (let i = 0; i < c.workers; i++) fork();
  cluster.on("exit", (w, code, signal) => {
    if (stopping) return;
    process.stderr.write(`backcheck: worker ${w.process.pid} stopped (${signal ?? code}); starting another\n`);
    fork();
  });
  const stop = (): void => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill("SIGTERM");
    setTimeout(() => process.exit(0), 5000).unref();
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  return new Promise<number>(() => {});
}

async function worker(c: ServerConfig): Promise<number> {
  const log = batchedLog();
  const repo = await openRepository(storageOf(c));
  if (!repo.ok) {
    for (const p of repo.problems) process.stderr.write(`backcheck: storage: ${formatProblem(p)}\n`);
    return 1;
  }
  const app = await buildApp(
    {
      repo: repo.value,
      knowledge: defaultKnowledge(),
      auth: { sessionDays: c.sessionDays, secureCookies: c.secureCookies },
      now: () => new Date(),
      limits: {
        diaryMaxEntries: c.diaryMaxEntries,
        resultsMaxEntries: c.resultsMaxEntries,
        loginMaxFailures: c.loginMaxFailures,
        loginFailureWindowMinutes: c.loginFailureWindowMinutes,
      },
    },
    {
      logger: { level: c.logLevel, stream: log },
      authRateLimit: c.authRateLimit,
      registerRateLimit: c.registerRateLimit,
      trustProxy: c.trustProxy,
      timeouts: {
        requestMs: c.requestTimeoutSeconds * 1000,
        headersMs: c.headersTimeoutSeconds * 1000,
        keepAliveMs: c.keepAliveTimeoutSeconds * 1000,
        idleMs: c.requestTimeoutSeconds * 1000,
      },
    },
  );
  const retention = startRetention(
    repo.value,
    { interviewDays: c.interviewRetentionDays, loginFailureWindowMinutes: c.loginFailureWindowMinutes },
    app.log,
  );
  const stop = async (signal: string): Promise<void> => {
    app.log.info({ signal }, "stopping");
    retention.stop();
    await app.close();
    await repo.value.close();
    log.flush();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
  // A worker whose primary died (even by SIGKILL) must not linger holding the port and the database.
  if (cluster.isWorker) process.once("disconnect", () => process.exit(0));
  try {
    await app.listen({ port: c.port, host: c.host });
  } catch (e) {
    process.stderr.write(`backcheck: cannot listen on ${c.host}:${c.port}: ${(e as Error).message}\n`);
    await repo.value.close();
    return 1;
  }
  const address = app.server.address();
  const url = address && typeof address === "object" ? `http://${address.address}:${address.port}` : String(address);
  app.log.info({ storage: repo.value.kind }, "backcheck is ready");
  // One plain line for people and scripts, whatever the log level (from the primary when there are workers).
  if (cluster.isWorker) process.send?.({ ready: url });
  else process.stdout.write(`backcheck: listening at ${url} (storage: ${repo.value.kind})\n`);
  return new Promise<number>(() => {});
}
