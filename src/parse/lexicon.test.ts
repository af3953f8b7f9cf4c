import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { defaultKnowledge } from "../knowledge/load.js";
import { compileLexicon, lexiconPath, loadLexicon, PARSE_LANGS } from "./lexicon.js";
import { warningSignFields } from "./story-eval.js";

const k = defaultKnowledge();
const raw = (lang: string): Record<string, any> =>
  parseYaml(readFileSync(lexiconPath(lang), "utf8")) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

test("each shipped lexicon is valid and every finding, option and implied value exists in the knowledge", () => {
  for (const lang of PARSE_LANGS) {
    const r = loadLexicon(lang, k);
    assert.ok(r.ok, `${lang}: ${JSON.stringify(!r.ok && r.problems.slice(0, 5))}`);
    assert.ok(r.value.rules.length > 300, `${lang}: ${r.value.rules.length} phrasings`);
  }
});

test("every warning sign has phrasings in both languages", () => {
  for (const lang of PARSE_LANGS) {
    const findings = raw(lang)["findings"] as Record<string, { yes?: string[] }>;
    for (const f of warningSignFields(k))
      assert.ok((findings[f]?.yes ?? []).length > 0, `${lang}: no phrasing for the warning sign ${f}`);
  }
});

test("a lexicon naming an unknown finding, option or implied value is refused with its path", () => {
  const bad = raw("en");
  bad["findings"]["no_such_finding"] = { yes: ["foo"] };
  bad["findings"]["activity"]["options"]["no_such_option"] = ["bar"];
  bad["findings"]["pregnant"]["implies"] = { sex: "robot" };
  const r = compileLexicon(bad, k, "en.yaml");
  assert.equal(r.ok, false);
  const paths = !r.ok ? r.problems.map((p) => p.path) : [];
  assert.ok(paths.includes("en.yaml.findings.no_such_finding"), paths.join(" "));
  assert.ok(paths.includes("en.yaml.findings.activity.options.no_such_option"), paths.join(" "));
  assert.ok(paths.includes("en.yaml.findings.pregnant.implies.sex"), paths.join(" "));
});

test("a schema error (a class of two words, a missing cue list) is refused by zod", () => {
  const bad = raw("ru");
  bad["classes"]["LEG"] = ["две ноги"];
  delete bad["cues"]["negation"];
  const r = compileLexicon(bad, k, "ru.yaml");
  assert.equal(r.ok, false);
  const paths = !r.ok ? r.problems.map((p) => p.path) : [];
  assert.ok(
    paths.some((p) => p.startsWith("ru.yaml.classes.LEG")),
    paths.join(" "),
  );
  assert.ok(
    paths.some((p) => p.startsWith("ru.yaml.cues.negation")),
    paths.join(" "),
  );
});

test("announced findings wait under pending without failing validation, and are used once they exist", () => {
  const lx = raw("en");
  lx["pending"] = { future_sign: { yes: ["future sign"] } };
  assert.ok(compileLexicon(lx, k, "en.yaml").ok, "an announced finding that does not exist yet is no error");
  const withFinding = { ...k, findings: [...k.findings, { id: "future_sign", kind: "boolean" as const }] };
  const r = compileLexicon(lx, withFinding, "en.yaml");
  assert.ok(r.ok && r.value.rules.some((x) => x.field === "future_sign"));
});
