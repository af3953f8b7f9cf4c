import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sourceCli } from "../cli/source-cli.js";
import {
  postgresTestDatabase,
  sqliteTestDatabase,
  testDatabases,
  type TestDatabase,
} from "../storage/test-databases.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

interface Server {
  url: string;
  proc: ChildProcess;
  output: () => string;
}

/** Starts `backcheck serve` as a real process on a free port and waits until it listens. */
async function startServer(env: Record<string, string>): Promise<Server> {
  const proc = spawn(process.execPath, sourceCli("serve"), {
    cwd: root,
    env: { ...process.env, WEB_CONCURRENCY: "1", ...env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  // Up to a minute: the sources are compiled by tsx as the server starts, slow on a busy machine.
  for (let i = 0; i < 1200; i++) {
    const m = /backcheck: listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
    if (m) return { url: m[1]!, proc, output: () => out };
    if (proc.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  proc.kill("SIGKILL");
  throw new Error(`the server did not start:\n${out}`);
}

async function stop(s: Server): Promise<void> {
  if (s.proc.exitCode !== null) return;
  const exited = new Promise((r) => s.proc.once("exit", r));
  s.proc.kill("SIGTERM");
  await exited;
}

async function post(
  url: string,
  body: unknown,
  cookie?: string,
): Promise<{ status: number; json: any; cookies: string[] }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (cookie) {
    headers["cookie"] = cookie;
    const csrf = /bc_csrf=([^;]+)/.exec(cookie)?.[1];
    if (csrf) headers["x-csrf-token"] = csrf;
  }
  const r = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : undefined, cookies: r.headers.getSetCookie() };
}

const cookieHeader = (setCookies: string[]): string => setCookies.map((c) => c.split(";")[0]).join("; ");

describe("server processes", () => {
  const cleanup: (() => Promise<void>)[] = [];
  after(async () => {
    for (const f of cleanup.reverse()) await f();
  });

  test("a server killed with SIGKILL in the middle of writes loses nothing it acknowledged", async () => {
    const db: TestDatabase = sqliteTestDatabase();
    cleanup.push(db.drop);
    const first = await startServer(db.env);
    const acknowledged = new Map<string, number>(); // interview id -> acknowledged revision
    const users: string[] = [];
    let killed = false;

    // Several writers at once: each starts interviews and answers them, remembering every 2xx it got.
    const writer = async (w: number): Promise<void> => {
      for (let n = 0; !killed; n++) {
        try {
          if (n % 7 === 0) {
            const email = `kill-${w}-${n}@example.org`;
            const r = await post(`${first.url}/api/auth/register`, { email, password: "correct horse battery" });
            if (r.status === 201) users.push(email);
            continue;
          }
          const created = await post(`${first.url}/api/interviews`, {});
          if (created.status !== 201) continue;
          acknowledged.set(created.json.id, created.json.revision);
          const a = await post(`${first.url}/api/interviews/${created.json.id}/answer`, {
            question: "age",
            answer: 20 + n,
            revision: 0,
          });
          if (a.status === 200) acknowledged.set(created.json.id, a.json.revision);
        } catch {
          return; // the connection died with the process
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    while (acknowledged.size < 40) await new Promise((r) => setTimeout(r, 10));
    killed = true;
    first.proc.kill("SIGKILL");
    await Promise.all(writers);
    await new Promise((r) =>
      first.proc.exitCode !== null || first.proc.signalCode !== null ? r(null) : first.proc.once("exit", r),
    );

    const second = await startServer(db.env);
    cleanup.push(() => stop(second));
    for (const [id, revision] of acknowledged) {
      const r = await fetch(`${second.url}/api/interviews/${id}`);
      assert.equal(r.status, 200, `interview ${id} was acknowledged but is gone`);
      const body = (await r.json()) as { revision: number; state: { steps: unknown[] } };
      assert.ok(body.revision >= revision, `interview ${id}: revision ${body.revision} < acknowledged ${revision}`);
    }
    for (const email of users) {
      const r = await post(`${second.url}/api/auth/login`, { email, password: "correct horse battery" });
      assert.equal(r.status, 200, `account ${email} was acknowledged but cannot log in`);
    }
  });

  test("two server processes on one PostgreSQL database serve the same interviews and accounts", async (t) => {
    const pg = (await testDatabases()).find((d) => d.name === "postgres")!;
    if (pg.skip) {
      t.skip(pg.skip);
      return;
    }
    const db = await postgresTestDatabase();
    cleanup.push(db.drop);
    // Started together: both run the migrations at once, which must be safe.
    const [a, b] = await Promise.all([startServer(db.env), startServer(db.env)]);
    cleanup.push(
      () => stop(a),
      () => stop(b),
    );
    for (const s of [a, b])
      assert.deepEqual(await (await fetch(`${s.url}/api/health`)).json(), { status: "ok", storage: "postgres" });

    const reg = await post(`${a.url}/api/auth/register`, {
      email: "two@example.org",
      password: "correct horse battery",
    });
    assert.equal(reg.status, 201);
    const cookie = cookieHeader(reg.cookies);
    const me = await fetch(`${b.url}/api/me`, { headers: { cookie } });
    assert.equal(me.status, 200, "a session made on A is valid on B");

    const started = await post(`${a.url}/api/interviews`, {}, cookie);
    assert.equal(started.status, 201);
    const id = started.json.id as string;
    const answered = await post(
      `${b.url}/api/interviews/${id}/answer`,
      { question: "age", answer: 33, revision: 0 },
      cookie,
    );
    assert.equal(answered.status, 200, JSON.stringify(answered.json));
    const seenOnA = (await (await fetch(`${a.url}/api/interviews/${id}`, { headers: { cookie } })).json()) as {
      revision: number;
      state: { steps: { answers: { age?: number } }[] };
    };
    assert.equal(seenOnA.revision, 1);
    assert.equal(seenOnA.state.steps[0]!.answers.age, 33);
    // The same stale write sent to both: exactly one instance accepts it.
    const q = answered.json.step.question.id as string;
    const value = answered.json.step.question.kind === "checklist" ? [] : "unknown";
    const racing = await Promise.all(
      [a, b].map((s) =>
        post(`${s.url}/api/interviews/${id}/answer`, { question: q, answer: value, revision: 1 }, cookie),
      ),
    );
    assert.deepEqual(racing.map((r) => r.status).sort(), [200, 409]);

    const logout = await post(`${b.url}/api/auth/logout`, {}, cookie);
    assert.equal(logout.status, 204);
    assert.equal(
      (await fetch(`${a.url}/api/me`, { headers: { cookie } })).status,
      401,
      "logging out on B ends the session on A",
    );
  });
});
