import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { CONTRACT_DIR } from "../case/validate-case.js";
import { leaves } from "./predicate.js";
import { defaultKnowledge, loadKnowledge, readRawKnowledge } from "./load.js";
import { validateKnowledge, type RawKnowledge } from "./validate.js";
import { CONDITIONS, SPECIALISTS } from "./vocabulary.js";

const k = defaultKnowledge();
const caseSchema = JSON.parse(readFileSync(`${CONTRACT_DIR}case.schema.json`, "utf8")) as {
  properties: Record<string, { enum?: string[]; items?: { enum?: string[]; $ref?: string } }>;
  $defs: { modifier: { enum: string[] } };
};

function raw(): RawKnowledge {
  const r = readRawKnowledge();
  assert.ok(r.ok);
  return structuredClone(r.value);
}

test("the shipped knowledge validates", () => {
  // Validated here from the sources: the program itself may run the compiled form, which is not re-validated.
  const loaded = loadKnowledge();
  assert.ok(loaded.ok, loaded.ok ? "" : loaded.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  assert.ok(k.rules.length > 40);
  assert.ok(k.advice.length > 30);
});

test("every field of the case contract is a finding with the contract's options", () => {
  const fields = Object.keys(caseSchema.properties);
  // The same set; the order of the findings is the interview's preference and may differ from the contract's.
  assert.deepEqual(k.findings.map((f) => f.id).sort(), [...fields].sort());
  for (const f of k.findings) {
    const p = caseSchema.properties[f.id]!;
    const options = p.enum ?? p.items?.enum ?? (p.items?.$ref ? caseSchema.$defs.modifier.enum : undefined);
    assert.deepEqual(f.options, options, f.id);
  }
});

test("every condition of the result contract has an entry, and no other", () => {
  assert.deepEqual(k.conditions.map((c) => c.id).sort(), [...CONDITIONS].sort());
});

test("every rule, condition, advice entry and investigation cites at least one existing source", () => {
  const ids = new Set(k.sources.map((s) => s.id));
  const cited = [...k.rules, ...k.conditions, ...k.advice, ...k.investigations].map((x) => [x.id, x.sources] as const);
  for (const [id, sources] of cited) {
    assert.ok(sources.length > 0, id);
    for (const s of sources) assert.ok(ids.has(s), `${id} cites unknown source ${s}`);
  }
});

test("every specialist named by a condition is in the contract vocabulary", () => {
  for (const c of k.conditions)
    for (const s of [...c.specialists.adult, ...c.specialists.child])
      assert.ok(SPECIALISTS.includes(s), `${c.id}: ${s}`);
});

test("every emergency and urgent rule can fire: no leaf tests an impossible value", () => {
  // The loader checks options; here we check the rule tests each field with a value the contract allows.
  for (const r of k.rules) {
    for (const { leaf } of leaves(r.when)) {
      const f = k.findings.find((x) => x.id === leaf.field)!;
      if (leaf.gte !== undefined && f.max !== undefined)
        assert.ok(leaf.gte <= f.max, `${r.id}: ${leaf.field} >= ${leaf.gte}`);
      if (leaf.lt !== undefined && f.min !== undefined)
        assert.ok(leaf.lt > f.min, `${r.id}: ${leaf.field} < ${leaf.lt}`);
    }
  }
});

test("every seed section in sources is cited by at least one entry or listed as left out in COVERAGE.md", () => {
  const coverage = readFileSync(new URL("../../knowledge/COVERAGE.md", import.meta.url), "utf8");
  const cited = new Set(
    [...k.rules, ...k.conditions, ...k.advice, ...k.investigations, k.settings].flatMap((x) => x.sources),
  );
  for (const s of k.sources.filter((x) => x.kind === "seed")) {
    assert.ok(coverage.includes(`\`${s.id}\``), `COVERAGE.md does not mention ${s.id}`);
    const leftOut = new RegExp(`\\\`${s.id.replace(/[.]/g, "\\.")}\\\`[^\\n]*left out`, "i").test(coverage);
    assert.ok(cited.has(s.id) || leftOut, `${s.id} is neither cited nor marked as left out`);
  }
});

test("an unknown field in a rule is reported with its path", () => {
  const r = raw();
  (r.rules as { when: unknown }[])[0]!.when = { field: "no_such_field", is: true };
  const v = validateKnowledge(r);
  assert.equal(v.ok, false);
  if (!v.ok)
    assert.ok(v.problems.some((p) => p.code === "knowledge.unknown_field" && p.path.startsWith("triage-rules.")));
});

test("an unknown option value, a missing source and a missing text are all reported at once", () => {
  const r = raw();
  (r.rules as { when: unknown; sources: string[] }[])[0]!.when = { field: "onset", in: ["yesterday"] };
  (r.conditions as { sources: string[] }[])[0]!.sources = ["no-such-source"];
  delete (r.locales["en"] as Record<string, string>)["disclaimer"];
  const v = validateKnowledge(r);
  assert.equal(v.ok, false);
  if (!v.ok) {
    const codes = new Set(v.problems.map((p) => p.code));
    assert.ok(codes.has("knowledge.unknown_option"));
    assert.ok(codes.has("knowledge.unknown_source"));
    assert.ok(codes.has("knowledge.locale_key"));
  }
});

test("a triage rule may not read the assessment it decides", () => {
  const r = raw();
  (r.rules as { when: unknown }[])[0]!.when = { context: { triage: ["emergency"] } };
  const v = validateKnowledge(r);
  assert.ok(!v.ok && v.problems.some((p) => p.code === "knowledge.context"));
});

test("a malformed file is a schema problem, not an exception", () => {
  const r = raw();
  r.settings = { child_under_years: "eighteen" };
  const v = validateKnowledge(r);
  assert.ok(!v.ok && v.problems.some((p) => p.path.startsWith("settings")));
});

test("clinical texts never name a medicine dose", () => {
  const en = k.locales["en"]!;
  for (const [key, value] of Object.entries(en)) {
    assert.doesNotMatch(value, /\b\d+\s?(mg|ml|mcg|µg|g)\b/i, key);
    assert.doesNotMatch(
      value,
      /diclofenac|ibuprofen|ketonal|meloxicam|analgin|metamizole|tizanidine|tolperisone|novocain/i,
      key,
    );
  }
});

test("every language has exactly the same texts, with the same placeholders", () => {
  const en = k.locales["en"]!;
  assert.ok(Object.keys(k.locales).includes("ru"), "Russian, the seed article's language, is shipped");
  for (const [lang, texts] of Object.entries(k.locales)) {
    const missing = Object.keys(en).filter((key) => !(key in texts));
    const extra = Object.keys(texts).filter((key) => !(key in en));
    assert.deepEqual(missing, [], `${lang} lacks keys`);
    assert.deepEqual(extra, [], `${lang} has keys English lacks`);
    for (const [key, value] of Object.entries(en)) {
      const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      assert.deepEqual(holes(texts[key]!), holes(value), `${lang}.${key} placeholders`);
    }
  }
});

test("Russian texts are in Russian (not English left untranslated)", () => {
  const ru = k.locales["ru"]!;
  const untranslated = Object.entries(ru).filter(
    ([key, v]) => !/[А-Яа-яЁё]/.test(v) && !/^(specialist|answer)\./.test(key),
  );
  assert.deepEqual(
    untranslated.map(([key]) => key),
    [],
  );
});
