// HTTP throughput: `npm run bench:http`. Starts `backcheck serve` on a temporary SQLite database,
// drives it with autocannon on loopback for a fixed time, prints requests/s and p99 latency, stops.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const dir = mkdtempSync(join(tmpdir(), "backcheck-bench-"));
const server = spawn(process.execPath, [new URL("../bin/backcheck.js", import.meta.url).pathname, "serve"], {
  env: { ...process.env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "warn", BACKCHECK_DB: join(dir, "bench.db") },
  stdio: ["ignore", "pipe", "pipe"],
});
let out = "";
server.stdout.on("data", (d) => (out += d));
server.stderr.on("data", (d) => (out += d));
// The server prints one plain "listening at" line when it is ready, whatever the log level.
const url = await new Promise((resolve, reject) => {
  const started = Date.now();
  const poll = setInterval(async () => {
    const m = /listening at (http:\/\/[^\s"]+)/.exec(out);
    if (m?.[1]) { clearInterval(poll); resolve(m[1]); }
    if (Date.now() - started > 15000) { clearInterval(poll); reject(new Error(`server did not start:\n${out}`)); }
  }, 50);
});

const caseBody = JSON.stringify({ age: 28, sex: "male", activity: "weightlifting", exercises: ["squat", "deadlift"], experience: "beginner", onset: "next_day", injury: "none", location: ["lower_back"], side: "both_sides", character: ["dull_aching"], intensity: 4, duration_days: 1, spreads_to: [], fever: false });

function cannon(opts, seconds) {
  const { path = "/", ...rest } = opts;
  return new Promise((resolve, reject) => {
    autocannon({ url: `${url}${path}`, connections: CONNECTIONS, duration: seconds, ...rest }, (err, r) => (err ? reject(err) : resolve(r)));
  });
}

async function run(title, opts) {
  await cannon(opts, 3); // warm-up: let every worker's JIT compile the hot paths; not counted
  return cannon(opts, SECONDS).then((r) => {
    {
      const errors = r.errors + r.timeouts + (r.non2xx ?? 0);
      console.log(`${title}: ${Math.round(r.requests.average).toLocaleString("en")} requests/s, p99 ${r.latency.p99} ms, p50 ${r.latency.p50} ms, errors ${errors} (${CONNECTIONS} connections, ${SECONDS} s)`);
      return r;
    }
  });
}

try {
  await run("POST /api/assess", { method: "POST", path: "/api/assess", headers: { "content-type": "application/json" }, body: caseBody });
  // Interview steps as browsers make them: each connection answers its interview's current question until
  // the interview is done ("don't know", or nothing ticked), then starts the next one.
  const answerOf = (q) => (q.kind === "checklist" ? [] : q.id === "age" ? 30 : "unknown");
  await run("interview step (answer the current question)", {
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        setupRequest: (req, context) =>
          context.interview && !context.interview.step.done
            ? { ...req, path: `/api/interviews/${context.interview.id}/answer`, body: JSON.stringify({ question: context.interview.step.question.id, answer: answerOf(context.interview.step.question), revision: context.interview.revision }) }
            : { ...req, path: "/api/interviews", body: "{}" },
        onResponse: (status, body, context) => {
          context.interview = status < 300 ? JSON.parse(body) : undefined;
        },
      },
    ],
  });
} finally {
  server.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
