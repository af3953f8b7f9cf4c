import { defaultKnowledge } from "../knowledge/load.js";
import { openRepository } from "../storage/open-repository.js";
import { formatProblem } from "../errors/problem.js";
import { buildApp } from "./app.js";
import { readConfig } from "./config.js";

/** `backcheck serve` / `npm start`: migrations, then the API and the web app; stops cleanly on a signal. */
export async function serve(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const config = readConfig(env);
  if (!config.ok) {
    for (const p of config.problems) process.stderr.write(`backcheck: ${formatProblem(p)}\n`);
    return 2;
  }
  const c = config.value;
  const repo = await openRepository({ databaseUrl: c.databaseUrl, sqlitePath: c.sqlitePath, ...(c.databaseSchema ? { schema: c.databaseSchema } : {}) });
  if (!repo.ok) {
    for (const p of repo.problems) process.stderr.write(`backcheck: storage: ${formatProblem(p)}\n`);
    return 1;
  }
  const app = await buildApp(
    { repo: repo.value, knowledge: defaultKnowledge(), auth: { sessionDays: c.sessionDays, secureCookies: c.secureCookies }, now: () => new Date() },
    { logger: { level: c.logLevel } },
  );
  const stop = async (signal: string): Promise<void> => {
    app.log.info({ signal }, "stopping");
    await app.close();
    await repo.value.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
  try {
    await app.listen({ port: c.port, host: c.host });
  } catch (e) {
    process.stderr.write(`backcheck: cannot listen on ${c.host}:${c.port}: ${(e as Error).message}\n`);
    await repo.value.close();
    return 1;
  }
  app.log.info({ storage: repo.value.kind }, "backcheck is ready");
  // One plain line for people and scripts, whatever the log level.
  const address = app.server.address();
  if (address && typeof address === "object") process.stdout.write(`backcheck: listening at http://${address.address}:${address.port} (storage: ${repo.value.kind})\n`);
  return new Promise<number>(() => {}); // runs until a signal stops it
}
