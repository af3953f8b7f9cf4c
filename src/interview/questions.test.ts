import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultKnowledge } from "../knowledge/load.js";
import { answer } from "./answer.js";
import { buildQuestion } from "./questions.js";
import { emptyState } from "./state.js";

const k = defaultKnowledge();

test("a checklist with one askable item is asked as that item's yes/no question", () => {
  const group = k.findings.find((f) => f.group && k.findings.filter((g) => g.group === f.group).length > 1)!;
  const q = buildQuestion(`group.${group.group}`, [group.id], k, "en");
  assert.equal(q.kind, "boolean");
  assert.equal(q.id, group.id);
  assert.deepEqual(q.fields, [group.id]);
  assert.deepEqual(
    q.options?.map((o) => o.value),
    ["true", "false"],
  );
  assert.ok(q.text.includes(k.locales["en"]![`finding.${group.id}.question`]!), q.text);
  const ru = buildQuestion(`group.${group.group}`, [group.id], k, "ru");
  assert.match(ru.text, /[А-Яа-я]/);
  // The answer is stored like any yes/no answer.
  const next = answer(emptyState(), q, "true", k);
  assert.ok(next.ok);
  assert.deepEqual(next.value.steps[0]!.answers, { [group.id]: true });
  // Two or more items stay a checklist.
  const two = k.findings
    .filter((f) => f.group === group.group)
    .slice(0, 2)
    .map((f) => f.id);
  assert.equal(buildQuestion(`group.${group.group}`, two, k, "en").kind, "checklist");
});

test("wording: the questions speak of the person with back pain as they/their, never switching to you", () => {
  const en = k.locales["en"]!;
  const keys = Object.keys(en).filter((key) => /^(finding\.[\w]+\.(question|help)|group\.\w+\.question)$/.test(key));
  const second = keys.filter((key) => /\b(you|your|yourself)\b/i.test(en[key]!));
  assert.deepEqual(second, []);
  // Russian: no question assumes a male ("он") or addresses "вы".
  const ru = k.locales["ru"]!;
  const assumed = keys.filter((key) => /(^|[\s,])(он|его|ему|вы|вас|вам|ваш\w*)([\s,?.]|$)/i.test(ru[key] ?? ""));
  assert.deepEqual(assumed, []);
});
