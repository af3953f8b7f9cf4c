// Cold start of the terminal program: `npm run bench` (or `node bench/cli.bench.js`).
// Runs `node -e 0`, `backcheck --help` and `backcheck assess FILE --json` as fresh processes, round-robin
// (one of each per round, so a busy moment of a shared machine slows all three alike), and prints each
// command's median wall time and its ratio to `node -e 0`, side by side from the same run.
// Targets (issue 12): --help within 2x of `node -e 0`, assess --json within 3x.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
// BENCH_BIN: another build of the program to measure (e.g. the main branch, for a before/after figure).
const bin = process.env.BENCH_BIN ?? fileURLToPath(new URL("../bin/backcheck.js", import.meta.url));
const example = fileURLToPath(new URL("../examples/beginner-after-squats.json", import.meta.url));

const commands = [
  { name: "node -e 0", args: ["-e", "0"], target: undefined },
  { name: "backcheck --help", args: [bin, "--help"], target: 2 },
  { name: "backcheck assess FILE --json", args: [bin, "assess", example, "--json"], target: 3 },
];
// BENCH_BEFORE_BIN: an older build measured in the same rounds, for a before/after figure.
const before = process.env.BENCH_BEFORE_BIN;
if (before) {
  commands.push({ name: "(before) --help", args: [before, "--help"], target: undefined });
  commands.push({
    name: "(before) assess FILE --json",
    args: [before, "assess", example, "--json"],
    target: undefined,
  });
}

function once(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

for (const c of commands) once(c.args); // warm the file-system cache; not counted
const times = commands.map(() => []);
for (let r = 0; r < ROUNDS; r++) commands.forEach((c, i) => times[i].push(once(c.args)));

const base = median(times[0]);
let failed = false;
for (const [i, c] of commands.entries()) {
  const m = median(times[i]);
  const ratio = m / base;
  const verdict =
    c.target === undefined
      ? ""
      : ratio <= c.target
        ? `  (target <= ${c.target}x: met)`
        : `  (target <= ${c.target}x: NOT met)`;
  if (c.target !== undefined && ratio > c.target) failed = true;
  console.log(
    `cold start ${c.name.padEnd(29)} median ${m.toFixed(0).padStart(4)} ms  min ${Math.min(...times[i])
      .toFixed(0)
      .padStart(4)} ms  ${ratio.toFixed(2)}x node -e 0${verdict}`,
  );
}
console.log(`(${ROUNDS} rounds, round-robin${failed ? "; a target is not met" : ""})`);
