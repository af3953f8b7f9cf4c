import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { CONTRACT_DIR } from "../case/validate-case.js";
import { defaultKnowledge } from "../knowledge/load.js";
import { main } from "./main.js";
import { sourceCli } from "./source-cli.js";
import { bufferIo } from "./test-io.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const example = `${root}examples/beginner-after-squats.json`;
const several = `${root}examples/several-cases.json`;
const validResult = new Ajv2020({ strict: false }).compile(
  JSON.parse(readFileSync(`${CONTRACT_DIR}result.schema.json`, "utf8")) as object,
);

test("assess --json prints one result for one case, valid against the contract", async () => {
  const io = bufferIo();
  assert.equal(await main(["assess", example, "--json"], io), 0);
  const r = JSON.parse(io.stdout()) as { triage: string; disclaimer: string };
  assert.ok(validResult(r));
  assert.equal(r.triage, "self_care");
  assert.match(r.disclaimer, /does not examine you, make a diagnosis or replace a doctor/);
  const ru = bufferIo();
  assert.equal(await main(["assess", example, "--json", "--lang", "ru"], ru), 0);
  assert.match((JSON.parse(ru.stdout()) as { disclaimer: string }).disclaimer, /не заменяет врача/);
});

test("every result records the knowledge version, and the text report prints it in the person's language", async () => {
  const version = defaultKnowledge().version;
  assert.match(version, /^[0-9a-f]{12}$/);
  const json = bufferIo();
  assert.equal(await main(["assess", several, "--json"], json), 0);
  assert.deepEqual(
    (JSON.parse(json.stdout()) as { knowledge_version: string }[]).map((r) => r.knowledge_version),
    [version, version],
  );
  const en = bufferIo();
  assert.equal(await main(["assess", example], en), 0);
  assert.match(en.stdout(), new RegExp(`\\nKnowledge version: ${version}$`));
  const ru = bufferIo();
  assert.equal(await main(["assess", example, "--lang", "ru"], ru), 0);
  assert.match(ru.stdout(), new RegExp(`\\nВерсия базы знаний: ${version}$`));
});

test("assess --json prints an array in the same order for an array", async () => {
  const io = bufferIo();
  assert.equal(await main(["assess", several, "--json"], io), 0);
  const r = JSON.parse(io.stdout()) as { triage: string }[];
  assert.equal(r.length, 2);
  assert.deepEqual(
    r.map((x) => x.triage),
    ["self_care", "emergency"],
  );
});

test("assess reads standard input for -", async () => {
  const io = bufferIo(JSON.stringify({ age: 40, saddle_numbness: true }));
  assert.equal(await main(["assess", "-", "--json"], io), 0);
  assert.equal((JSON.parse(io.stdout()) as { triage: string }).triage, "emergency");
});

test("the text output leads with the urgency in plain words and ends with the disclaimer", async () => {
  const io = bufferIo(JSON.stringify({ age: 40, saddle_numbness: true }));
  assert.equal(await main(["assess", "-"], io), 0);
  const lines = io.stdout().split("\n");
  assert.match(lines[0]!, /EMERGENCY/);
  // The number to call comes first, then the action, before any explanation.
  assert.match(lines[1]!, /^Call 112$/);
  assert.match(lines[2]!, /ambulance/i);
  assert.ok(io.stdout().indexOf("What to do now") < io.stdout().indexOf("Why"));
  assert.doesNotMatch(io.stdout(), /\nTraining\n|Preventing it next time/);
  assert.match(io.stdout(), /Why[\s\S]*cauda equina/);
  assert.match(io.stdout(), /Sources/);
  assert.match(io.stdout().replace(/\s+/g, " "), /does not examine you, make a diagnosis or replace a doctor/);
});

test("invalid input exits 2, lists every problem with its path, and prints nothing on stdout", async () => {
  const cases = [{ age: 30 }, { age: 30, intensity: 12 }, { age: 30, foo: true, sex: "x" }, { age: 30, intensity: 11 }];
  const io = bufferIo(JSON.stringify(cases));
  assert.equal(await main(["assess", "-"], io), 2);
  const err = io.stderr();
  assert.match(err, /case\[1\]\.intensity: must be <= 10/);
  assert.match(err, /case\[2\]\.foo: unknown field/);
  assert.match(err, /case\[2\]\.sex: must be one of: female, male/);
  assert.match(err, /case\[3\]\.intensity: must be <= 10/);
  assert.doesNotMatch(err, /at .*\.js:\d+/);
  assert.equal(io.stdout(), "");
});

test("broken JSON, a missing file and a missing argument are errors with exit code 2", async () => {
  const bad = bufferIo("{ age: ");
  assert.equal(await main(["assess", "-"], bad), 2);
  assert.match(bad.stderr(), /not valid JSON/);
  const missing = bufferIo();
  assert.equal(await main(["assess", "/no/such/file.json"], missing), 2);
  assert.match(missing.stderr(), /file not found/);
  const usage = bufferIo();
  assert.equal(await main(["assess"], usage), 2);
  assert.match(usage.stderr(), /missing required argument/);
});

test("an unknown language is refused", async () => {
  const io = bufferIo();
  assert.equal(await main(["assess", example, "--lang", "xx"], io), 2);
  assert.match(io.stderr(), /unknown language xx/);
});

test("--help works for the program and every command", async () => {
  for (const args of [["--help"], ["assess", "--help"], ["eval", "--help"], ["interview", "--help"]]) {
    const io = bufferIo();
    assert.equal(await main(args, io), 0);
    assert.match(io.stdout(), /Usage: backcheck/);
  }
});

test("eval on the project's vignettes prints the table and the summary", async () => {
  const io = bufferIo();
  assert.equal(await main(["eval", `${root}test/vignettes/project.json`], io), 0);
  const out = io.stdout();
  assert.match(out, /^case\s+expected\s+got/m);
  assert.match(out, /safety: under-triage 0,/);
});

test("eval refuses a file that is not in the vignette format", async () => {
  const io = bufferIo(JSON.stringify([{ id: "a", case: { age: 3 }, expect: { triage: "soon" } }]));
  assert.equal(await main(["eval", "-"], io), 2);
  assert.match(io.stderr(), /vignettes\[0\]\.expect/);
});

test("the command runs as a process (from the sources): exit codes and no stack trace", async () => {
  const ok = spawnSync(process.execPath, sourceCli("assess", example, "--json"), { cwd: root, encoding: "utf8" });
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal((JSON.parse(ok.stdout) as { triage: string }).triage, "self_care");
  const bad = spawnSync(process.execPath, sourceCli("assess", "-"), {
    cwd: root,
    input: '{"age": -1}',
    encoding: "utf8",
  });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /case\.age: must be >= 0/);
  assert.doesNotMatch(bad.stderr, /node:internal|\bat\s+\S+:\d+:\d+/);
});

test("interview --simulate --json prints questions_asked, asked and result per case, in order", async () => {
  const io = bufferIo(
    JSON.stringify([
      { age: 40, saddle_numbness: true },
      { age: 25, sex: "female", activity: "running", onset: "next_day", injury: "none", intensity: 3 },
    ]),
  );
  assert.equal(await main(["interview", "--simulate", "-", "--json"], io), 0);
  const runs = JSON.parse(io.stdout()) as { questions_asked: number; asked: string[]; result: { triage: string } }[];
  assert.equal(runs.length, 2);
  assert.equal(runs[0]!.result.triage, "emergency");
  assert.ok(runs[0]!.asked.includes("saddle_numbness"));
  assert.ok(validResult(runs[1]!.result));
  assert.ok(runs[1]!.questions_asked > 0 && runs[1]!.questions_asked <= runs[1]!.asked.length);
});

test("interview --simulate refuses invalid cases like assess", async () => {
  const io = bufferIo(JSON.stringify({ age: 40, intensity: 11 }));
  assert.equal(await main(["interview", "--simulate", "-", "--json"], io), 2);
  assert.match(io.stderr(), /case\.intensity: must be <= 10/);
});

test("eval --interview reports the interview's metrics beside the full-case ones", async () => {
  const io = bufferIo();
  assert.equal(await main(["eval", `${root}test/vignettes/project.json`, "--interview"], io), 0);
  const out = io.stdout();
  assert.match(out, /full case:/);
  assert.match(out, /interview: median questions \d+(\.\d)?, max \d+/);
  assert.match(out, /interview triage equals the full-case triage in \d+\.\d% of cases/);
});
