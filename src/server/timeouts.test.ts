import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { connect, type Socket } from "node:net";
import type { FastifyInstance } from "fastify";
import type { Repository } from "../storage/repository.js";
import { sqliteTestDatabase, type TestDatabase } from "../storage/test-databases.js";
import { readConfig } from "./config.js";
import { testApp } from "./test-app.js";

/** Resolves with the ms until the server closes the socket, and what it sent before. */
function closed(socket: Socket, started: number): Promise<{ ms: number; data: string }> {
  let data = "";
  socket.on("data", (d: Buffer) => (data += d.toString()));
  return new Promise((resolve) => socket.once("close", () => resolve({ ms: Date.now() - started, data })));
}

describe("slow clients are cut off", () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let repo: Repository;
  let port: number;
  before(async () => {
    db = sqliteTestDatabase();
    // Short limits so the test is quick; the defaults are settings (config.ts).
    ({ app, repo } = await testApp(db, {
      timeouts: { requestMs: 800, headersMs: 500, keepAliveMs: 300, idleMs: 10_000, checkEveryMs: 100 },
    }));
    await app.listen({ port: 0, host: "127.0.0.1" });
    port = (app.server.address() as { port: number }).port;
  });
  after(async () => {
    await app.close();
    await repo.close();
    await db.drop();
  });

  test("a client trickling its headers a byte at a time is closed when the header time runs out", async () => {
    const socket = connect(port, "127.0.0.1");
    await new Promise((r) => socket.once("connect", r));
    const started = Date.now();
    const done = closed(socket, started);
    const text = `POST /api/assess HTTP/1.1\r\nHost: localhost\r\nX-Slow: ${"a".repeat(200)}`;
    let n = 0;
    // A byte every 100 ms: never idle long enough for the idle timeout, so only the header limit can end it.
    const timer = setInterval(() => {
      if (!socket.destroyed && n < text.length) socket.write(text[n++]!);
    }, 100);
    const r = await done;
    clearInterval(timer);
    assert.ok(r.ms < 3000, `closed after ${r.ms} ms`);
    if (r.data) assert.match(r.data, /^HTTP\/1\.1 408/, "a timeout answer if any");
  });

  test("a client trickling its body is closed when the request time runs out, answered in the error shape", async () => {
    const socket = connect(port, "127.0.0.1");
    await new Promise((r) => socket.once("connect", r));
    const started = Date.now();
    const done = closed(socket, started);
    socket.write(
      "POST /api/assess HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{",
    );
    const timer = setInterval(() => !socket.destroyed && socket.write(" "), 100);
    const r = await done;
    clearInterval(timer);
    assert.ok(r.ms < 3000, `closed after ${r.ms} ms`);
    if (r.data) {
      assert.match(r.data, /^HTTP\/1\.1 408/);
      const body = JSON.parse(r.data.slice(r.data.indexOf("\r\n\r\n") + 4)) as { error: string; problems: unknown[] };
      assert.equal(body.error, "request_timeout");
    }
  });

  test("an idle keep-alive connection is closed", async () => {
    const socket = connect(port, "127.0.0.1");
    await new Promise((r) => socket.once("connect", r));
    const started = Date.now();
    const done = closed(socket, started);
    socket.write("GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
    const r = await done;
    assert.match(r.data, /^HTTP\/1\.1 200/);
    assert.ok(r.ms < 2000, `closed after ${r.ms} ms`);
  });

  test("Content-Length with chunked encoding is refused in the documented error shape", async () => {
    const socket = connect(port, "127.0.0.1");
    await new Promise((r) => socket.once("connect", r));
    const done = closed(socket, Date.now());
    socket.write(
      "POST /api/assess HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    );
    const r = await done;
    assert.match(r.data, /^HTTP\/1\.1 400/);
    const body = JSON.parse(r.data.slice(r.data.indexOf("\r\n\r\n") + 4)) as {
      error: string;
      problems: { code: string; path: string; message: string }[];
    };
    assert.equal(body.error, "invalid_request");
    assert.deepEqual(Object.keys(body.problems[0]!).sort(), ["code", "message", "path"]);
  });
});

test("the timeouts are settings with safe defaults", () => {
  const d = readConfig({});
  assert.ok(d.ok);
  assert.deepEqual(
    [d.value.requestTimeoutSeconds, d.value.headersTimeoutSeconds, d.value.keepAliveTimeoutSeconds],
    [30, 10, 5],
  );
  const r = readConfig({ REQUEST_TIMEOUT_SECONDS: "5", HEADERS_TIMEOUT_SECONDS: "60" });
  assert.ok(!r.ok);
  assert.deepEqual(
    r.problems.map((p) => p.path),
    ["HEADERS_TIMEOUT_SECONDS"],
  );
});
