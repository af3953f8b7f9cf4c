import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import type { FastifyInstance } from "fastify";
import type { Repository } from "../storage/repository.js";
import { sqliteTestDatabase, type TestDatabase } from "../storage/test-databases.js";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { accepts, WEB_DIR } from "./routes/web.js";
import { HELMET_OPTIONS, securityHeaders } from "./security-headers.js";
import { testApp } from "./test-app.js";

let db: TestDatabase;
let app: FastifyInstance;
let repo: Repository;
before(async () => {
  db = sqliteTestDatabase();
  ({ app, repo } = await testApp(db));
});
after(async () => {
  await app.close();
  await repo.close();
  await db.drop();
});

const caseBody = {
  age: 28,
  sex: "male",
  activity: "weightlifting",
  onset: "next_day",
  injury: "none",
  location: ["lower_back"],
  intensity: 4,
};
const assess = (headers: Record<string, string>) =>
  app.inject({ method: "POST", url: "/api/assess", headers, payload: caseBody });

test("an assessment (over 1 KB) is gzip- or brotli-compressed when the client accepts it, and decodes to the same JSON", async () => {
  const plain = await assess({});
  assert.equal(plain.statusCode, 200);
  assert.equal(plain.headers["content-encoding"], undefined, "no accept-encoding: plain");
  assert.ok(plain.rawPayload.length > 1024);
  const expected = JSON.parse(plain.body) as unknown;

  const gz = await assess({ "accept-encoding": "gzip" });
  assert.equal(gz.headers["content-encoding"], "gzip");
  assert.match(String(gz.headers["vary"]), /accept-encoding/i);
  assert.ok(gz.rawPayload.length < plain.rawPayload.length / 3, `${gz.rawPayload.length} bytes gzipped`);
  assert.deepEqual(JSON.parse(gunzipSync(gz.rawPayload).toString("utf8")), expected);

  const br = await assess({ "accept-encoding": "gzip, deflate, br" });
  assert.equal(br.headers["content-encoding"], "br", "brotli preferred when offered");
  assert.deepEqual(JSON.parse(brotliDecompressSync(br.rawPayload).toString("utf8")), expected);
  // Health data stays uncacheable, compressed or not.
  assert.equal(br.headers["cache-control"], "no-store");
});

test("small bodies are sent plain even when the client accepts compression", async () => {
  const r = await app.inject({ method: "GET", url: "/api/health", headers: { "accept-encoding": "gzip, br" } });
  assert.equal(r.statusCode, 200);
  assert.ok(r.rawPayload.length < 1024);
  assert.equal(r.headers["content-encoding"], undefined);
  const bad = await app.inject({
    method: "POST",
    url: "/api/assess",
    headers: { "accept-encoding": "gzip" },
    payload: { age: "x" },
  });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.headers["content-encoding"], undefined);
  assert.ok(Array.isArray((JSON.parse(bad.body) as { problems: unknown[] }).problems));
});

/** A built script over 1 KB (its name carries a content hash, so it is looked up). */
function builtScript(): string {
  const dir = join(WEB_DIR, "assets");
  const name = readdirSync(dir).find((f) => f.endsWith(".js") && statSync(join(dir, f)).size > 4096);
  assert.ok(name, "the web app is built (npm run build) with a script over 4 KB");
  return `/assets/${name}`;
}

test("the web app's files and the texts are compressed too; the session routes never are (BREACH)", async () => {
  for (const url of ["/", builtScript(), "/api/locales/en"]) {
    const r = await app.inject({ method: "GET", url, headers: { "accept-encoding": "gzip" } });
    assert.equal(r.statusCode, 200, url);
    if (r.headers["content-length"] !== undefined && Number(r.headers["content-length"]) < 1024) continue; // e.g. the not-built page
    assert.equal(r.headers["content-encoding"], "gzip", url);
    assert.ok(gunzipSync(r.rawPayload).length > 0, url);
  }
  const reg = await app.inject({
    method: "POST",
    url: "/api/auth/register",
    headers: { "accept-encoding": "gzip, br" },
    payload: { email: `c-${Date.now()}@example.org`, password: "correct horse battery" },
  });
  assert.ok(reg.statusCode === 201 || reg.statusCode === 200, reg.body);
  assert.equal(reg.headers["content-encoding"], undefined);
  assert.match(reg.body, /csrf_token/);
});

test("a compressed request body is refused, not inflated", async () => {
  // A valid case, gzipped: the server reads the bytes as they come, so it is not JSON.
  const r = await app.inject({
    method: "POST",
    url: "/api/assess",
    headers: { "content-type": "application/json", "content-encoding": "gzip" },
    payload: gzipSync(JSON.stringify(caseBody)),
  });
  assert.equal(r.statusCode, 400);
});

test("every response carries helmet's headers, the content security policy as configured", async () => {
  const expected = securityHeaders(HELMET_OPTIONS);
  assert.ok(expected.length >= 10);
  for (const url of ["/", "/api/health", "/api/no-such-route"]) {
    const r = await app.inject({ method: "GET", url });
    for (const [name, value] of expected) assert.equal(r.headers[name.toLowerCase()], value, `${url} ${name}`);
  }
  const csp = Object.fromEntries(expected.map(([n, v]) => [n.toLowerCase(), v]))["content-security-policy"];
  assert.equal(
    csp,
    "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'none';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';connect-src 'self'",
  );
  const h = Object.fromEntries(expected.map(([n, v]) => [n.toLowerCase(), v]));
  assert.equal(h["x-content-type-options"], "nosniff");
  assert.equal(h["x-frame-options"], "SAMEORIGIN");
  assert.equal(h["referrer-policy"], "no-referrer");
  assert.equal(h["strict-transport-security"], "max-age=31536000; includeSubDomains");
});

test("the web app's files are compressed once, at the highest levels, and decode to the file itself", async () => {
  const url = builtScript();
  const original = readFileSync(join(WEB_DIR, url));
  const br = await app.inject({ method: "GET", url, headers: { "accept-encoding": "gzip, br" } });
  assert.equal(br.headers["content-encoding"], "br");
  assert.match(String(br.headers["vary"]), /accept-encoding/i);
  assert.ok(brotliDecompressSync(br.rawPayload).equals(original));
  // Brotli at its highest level: smaller than gzip's best.
  assert.ok(br.rawPayload.length < gzipSync(original, { level: 9 }).length);
  const again = await app.inject({ method: "GET", url, headers: { "accept-encoding": "br" } });
  assert.ok(again.rawPayload.equals(br.rawPayload));
  const gz = await app.inject({ method: "GET", url, headers: { "accept-encoding": "gzip, br;q=0" } });
  assert.equal(gz.headers["content-encoding"], "gzip");
  assert.ok(gunzipSync(gz.rawPayload).equals(original));
  const plain = await app.inject({ method: "GET", url });
  assert.equal(plain.headers["content-encoding"], undefined);
  assert.ok(plain.rawPayload.equals(original));
});

test("Accept-Encoding is read with its q-values", () => {
  assert.equal(accepts("gzip, deflate, br", "br"), true);
  assert.equal(accepts("GZIP;q=0.5", "gzip"), true);
  assert.equal(accepts("br;q=0, gzip", "br"), false);
  assert.equal(accepts("br; q=0.000", "br"), false);
  assert.equal(accepts("br;q=0.001", "br"), true);
  assert.equal(accepts(undefined, "gzip"), false);
  assert.equal(accepts("identity", "gzip"), false);
});
