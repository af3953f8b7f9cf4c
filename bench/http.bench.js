// HTTP throughput: `npm run bench:http`. Starts `backcheck serve` with one worker on a temporary SQLite
// database, and beside it a bare fastify process whose one route returns a constant JSON exactly as long as
// an assessment. Drives both with autocannon on loopback, alternating (so a busy moment of a shared machine
// slows both alike), and prints requests/s, p99 latency and the ratio POST /api/assess : constant route.
// Target (issue 12): the ratio is at least 60%. Then an interview step, and the compressed sizes.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import autocannon from "autocannon";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
// BENCH_ROOT: another checkout, built, to measure (e.g. the main branch, for a before/after figure).
const ROOT = process.env.BENCH_ROOT ? pathToFileURL(`${process.env.BENCH_ROOT}/`) : new URL("../", import.meta.url);
const dir = mkdtempSync(join(tmpdir(), "backcheck-bench-"));
const children = [];

/** Starts a process and resolves with the URL it prints in a "listening at" line. */
function start(args, env) {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const m = /listening at (http:\/\/[^\s"]+)/.exec(out);
      if (m?.[1]) {
        clearInterval(poll);
        resolve(m[1]);
      }
      if (Date.now() - started > 20000 || child.exitCode !== null) {
        clearInterval(poll);
        reject(new Error(`server did not start:\n${out}`));
      }
    }, 50);
  });
}

// The same bare fastify the issue compares with: default options, no plugins, no logger, one route.
const CONSTANT_SERVER = `
import Fastify from "fastify";
const body = Buffer.from(process.env.BODY, "base64").toString("utf8");
const payload = JSON.parse(body);
const app = Fastify();
app.post("/constant", async () => payload);
await app.listen({ port: 0, host: "127.0.0.1" });
console.log("listening at http://127.0.0.1:" + app.server.address().port);
`;

// The backcheck app itself (every plugin, hook, schema and the logger at the same level) with one more
// route: /api/assess's own schemas and serializer, but a handler that returns a precomputed assessment. Its rate against the
// constant route is the ceiling for any engine; the gap to POST /api/assess is the engine's own time.
const NO_ENGINE_SERVER = `
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
const dist = process.env.DIST;
const { buildApp } = await import(dist + "/server/app.js");
const { openRepository } = await import(dist + "/storage/open-repository.js");
const { defaultKnowledge } = await import(dist + "/knowledge/load.js");
const { assess, withLanguage } = await import(dist + "/engine/assess.js");
const { assessmentSchema, caseSchema, problemsSchema } = await import(dist + "/server/schemas.js");
const { assessmentJson } = await import(dist + "/engine/assessment-json.js");
const k = defaultKnowledge();
const repo = await openRepository({ sqlitePath: join(mkdtempSync(join(tmpdir(), "backcheck-bench-")), "b.db") });
const app = await buildApp({ repo: repo.value, knowledge: k, auth: { sessionDays: 30, secureCookies: false }, now: () => new Date(), limits: { diaryMaxEntries: 5000, loginMaxFailures: 10, loginFailureWindowMinutes: 15 } }, { logger: { level: process.env.LOG_LEVEL } });
const result = withLanguage(assess(JSON.parse(process.env.CASE), k), k, "en");
app.post("/bench/assess-without-engine", { schema: { body: caseSchema, querystring: { type: "object", additionalProperties: false, properties: { lang: { type: "string", pattern: "^[a-z]{2}$" } } }, response: { 200: assessmentSchema, 400: problemsSchema } }, serializerCompiler: () => assessmentJson }, async () => result);
await app.listen({ port: 0, host: "127.0.0.1" });
console.log("listening at http://127.0.0.1:" + app.server.address().port);
`;

const caseBody = JSON.stringify({
  age: 28,
  sex: "male",
  activity: "weightlifting",
  exercises: ["squat", "deadlift"],
  experience: "beginner",
  onset: "next_day",
  injury: "none",
  location: ["lower_back"],
  side: "both_sides",
  character: ["dull_aching"],
  intensity: 4,
  duration_days: 1,
  spreads_to: [],
  fever: false,
});

function cannon(url, opts, seconds) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: seconds, ...opts }, (err, r) =>
      err ? reject(err) : resolve(r),
    );
  });
}

const line = (title, r) => {
  const errors = r.errors + r.timeouts + (r.non2xx ?? 0);
  return `${title}: ${Math.round(r.requests.average).toLocaleString("en")} requests/s, p99 ${r.latency.p99} ms, p50 ${r.latency.p50} ms, errors ${errors}`;
};

try {
  const url = await start([new URL("bin/backcheck.js", ROOT).pathname, "serve"], {
    PORT: "0",
    HOST: "127.0.0.1",
    WEB_CONCURRENCY: "1",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
    BACKCHECK_DB: join(dir, "bench.db"),
  });
  const sample = await fetch(`${url}/api/assess`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: caseBody,
  });
  const assessment = await sample.text();
  if (sample.status !== 200) throw new Error(`POST /api/assess answered ${sample.status}: ${assessment}`);
  const constantUrl = await start(["--input-type=module", "-e", CONSTANT_SERVER], {
    BODY: Buffer.from(assessment).toString("base64"),
  });
  const check = await (
    await fetch(`${constantUrl}/constant`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: caseBody,
    })
  ).text();
  if (check.length !== assessment.length)
    throw new Error(`the constant route answers ${check.length} bytes, the assessment ${assessment.length}`);

  const noEngineUrl = await start(["--input-type=module", "-e", NO_ENGINE_SERVER], {
    DIST: new URL("dist", ROOT).href,
    CASE: caseBody,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
  });

  const assessOpts = { method: "POST", headers: { "content-type": "application/json" }, body: caseBody };
  // Warm-up, not counted: let each process's JIT compile the hot paths.
  await cannon(`${url}/api/assess`, assessOpts, 3);
  await cannon(`${constantUrl}/constant`, assessOpts, 3);
  await cannon(`${noEngineUrl}/bench/assess-without-engine`, assessOpts, 3);
  const rates = { assess: [], constant: [], noEngine: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const a = await cannon(`${url}/api/assess`, assessOpts, SECONDS);
    console.log(line(`POST /api/assess (one worker)          round ${round + 1}`, a));
    const c = await cannon(`${constantUrl}/constant`, assessOpts, SECONDS);
    console.log(line(`constant JSON route, ${assessment.length} bytes (fastify) round ${round + 1}`, c));
    const n = await cannon(`${noEngineUrl}/bench/assess-without-engine`, assessOpts, SECONDS);
    console.log(line(`the same app and route, engine skipped           round ${round + 1}`, n));
    rates.assess.push(a.requests.average);
    rates.constant.push(c.requests.average);
    rates.noEngine.push(n.requests.average);
  }
  const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const [assessRate, constantRate, noEngineRate] = [mean(rates.assess), mean(rates.constant), mean(rates.noEngine)];
  const ratio = assessRate / constantRate;
  const fmt = (x) => Math.round(x).toLocaleString("en");
  console.log(
    `POST /api/assess : constant route = ${fmt(assessRate)} : ${fmt(constantRate)} requests/s = ${(ratio * 100).toFixed(0)}% (target >= 60%: ${ratio >= 0.6 ? "met" : "NOT met"}; ${CONNECTIONS} connections, ${ROUNDS} x ${SECONDS} s each)`,
  );
  // Per request: the engine's time is what /api/assess takes beyond the same route without it.
  const engineUs = 1e6 / assessRate - 1e6 / noEngineRate;
  const faster = (f) => 1e6 / (1e6 / noEngineRate + Math.max(0, engineUs) / f) / constantRate;
  console.log(
    `without the engine the route reaches ${((noEngineRate / constantRate) * 100).toFixed(0)}% of the constant route; the engine takes ${engineUs.toFixed(0)} µs a request; ` +
      `with an engine 3x faster the ratio would be ${(faster(3) * 100).toFixed(0)}%, 10x faster ${(faster(10) * 100).toFixed(0)}%`,
  );

  // The same route over many different cases (the project's vignettes in turn), beside the one case above: the
  // engine keeps what it derives from an answer it has seen, and this shows the rate does not rest on one case.
  const cases = JSON.parse(readFileSync(new URL("test/vignettes/project.json", ROOT), "utf8")).map((v) =>
    JSON.stringify(v.case),
  );
  let next = 0;
  const varied = await cannon(
    `${url}/api/assess`,
    {
      requests: [
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          setupRequest: (req) => ({ ...req, body: cases[next++ % cases.length] }),
        },
      ],
    },
    SECONDS,
  );
  console.log(line(`POST /api/assess, ${cases.length} different cases in turn`, varied));

  // Response sizes as a browser receives them: the bytes on the wire for each accept-encoding.
  const { request } = await import("node:http");
  const encodedSize = (path, method, encoding, body) =>
    new Promise((resolve, reject) => {
      const req = request(
        `${url}${path}`,
        { method, headers: { "content-type": "application/json", "accept-encoding": encoding } },
        (res) => {
          let n = 0;
          res.on("data", (d) => (n += d.length));
          res.on("end", () => resolve({ n, encoding: res.headers["content-encoding"] ?? "identity" }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  for (const [path, method, body] of [
    ["/api/assess", "POST", caseBody],
    // The first page's main script (its name carries a content hash; build.json names it).
    [`/${JSON.parse(readFileSync(new URL("dist/web/build.json", ROOT), "utf8")).firstPage[0]}`, "GET", undefined],
    ["/api/locales/en", "GET", undefined],
  ]) {
    const sizes = [];
    for (const enc of ["identity", "gzip", "br"]) {
      const s = await encodedSize(path, method, enc, body);
      sizes.push(`${s.encoding} ${s.n.toLocaleString("en")} B`);
    }
    console.log(`${method} ${path}: ${sizes.join(", ")}`);
  }

  // Interview steps as browsers make them: each connection answers its interview's current question until
  // the interview is done ("don't know", or nothing ticked), then starts the next one.
  const answerOf = (q) => (q.kind === "checklist" ? [] : q.id === "age" ? 30 : "unknown");
  const step = await cannon(
    url,
    {
      requests: [
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          setupRequest: (req, context) =>
            context.interview && !context.interview.step.done
              ? {
                  ...req,
                  path: `/api/interviews/${context.interview.id}/answer`,
                  body: JSON.stringify({
                    question: context.interview.step.question.id,
                    answer: answerOf(context.interview.step.question),
                    revision: context.interview.revision,
                  }),
                }
              : { ...req, path: "/api/interviews", body: "{}" },
          onResponse: (status, body, context) => {
            context.interview = status < 300 ? JSON.parse(body) : undefined;
          },
        },
      ],
    },
    SECONDS,
  );
  console.log(line("interview step (answer the current question)", step));
} finally {
  for (const c of children) c.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
