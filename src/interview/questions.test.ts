import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultKnowledge } from "../knowledge/load.js";
import { answer } from "./answer.js";
import type { Case } from "../engine/types.js";
import { availability, buildQuestion, prerequisites, questionIdOf } from "./questions.js";
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

// The texts below are the knowledge's English and Russian locale entries, copied by hand.
test("a single question carries its text, help, options and limits, and nothing it does not have", () => {
  const unknown_label = "I don’t know";
  assert.deepEqual(buildQuestion("age", ["age"], k, "en"), {
    id: "age",
    kind: "number",
    fields: ["age"],
    text: "How old is the person with back pain?",
    help: "In years; for a baby, a fraction such as 0.5 is fine.",
    min: 0,
    max: 120,
    unknown_label,
  });
  assert.deepEqual(buildQuestion("sex", ["sex"], k, "en"), {
    id: "sex",
    kind: "single",
    fields: ["sex"],
    text: "What is their sex?",
    options: [
      { value: "female", label: "Female" },
      { value: "male", label: "Male" },
    ],
    unknown_label,
  });
  assert.deepEqual(buildQuestion("intensity", ["intensity"], k, "en"), {
    id: "intensity",
    kind: "integer",
    fields: ["intensity"],
    text: "How strong is the pain right now, from 0 (none) to 10 (the worst imaginable)?",
    min: 0,
    max: 10,
    unknown_label,
  });
  const location = buildQuestion("location", ["location"], k, "en");
  assert.equal(location.min_items, 1);
  assert.equal(location.help, "Choose every area that hurts.");
  assert.equal(location.options?.length, 9);
  assert.deepEqual(buildQuestion("sex", ["sex"], k, "ru").options, [
    { value: "female", label: "Женский" },
    { value: "male", label: "Мужской" },
  ]);
  assert.equal(buildQuestion("age", ["age"], k, "ru").unknown_label, "Не знаю");
  assert.throws(() => buildQuestion("no_such_finding", [], k, "en"), /unknown question no_such_finding/);
});

test("a yes/no finding outside a checklist is asked with yes and no", () => {
  const q = buildQuestion("dangerous_mechanism", ["dangerous_mechanism"], k, "en");
  assert.equal(q.kind, "boolean");
  assert.deepEqual(q.options, [
    { value: "true", label: "Yes" },
    { value: "false", label: "No" },
  ]);
});

test("a checklist shows only its askable items, in the knowledge's order", () => {
  assert.deepEqual(buildQuestion("group.body_signs", ["chest_pain", "fever", "rash", "age"], k, "en"), {
    id: "group.body_signs",
    kind: "checklist",
    fields: ["fever", "rash", "chest_pain"],
    text: "Do they have any of these now, or have these happened with this pain? Choose all that apply.",
    options: [
      { value: "fever", label: "Fever of 38 °C or more, or feeling feverish with chills" },
      {
        value: "rash",
        label: "A band-like rash or small blisters on one side of the body where it hurts",
      },
      { value: "chest_pain", label: "Pain, pressure or tightness in the chest" },
    ],
    unknown_label: "I don’t know",
  });
  assert.deepEqual(buildQuestion("group.body_signs", ["fever"], k, "en"), {
    id: "fever",
    kind: "boolean",
    fields: ["fever"],
    text: "Is this true for the person with back pain? Fever of 38 °C or more, or feeling feverish with chills",
    options: [
      { value: "true", label: "Yes" },
      { value: "false", label: "No" },
    ],
    unknown_label: "I don’t know",
  });
  assert.equal(
    buildQuestion("group.body_signs", ["fever"], k, "ru").text,
    "Верно ли это для человека с болью в спине? Температура 38 °C и выше или ощущение жара с ознобом",
  );
});

test("which question asks a finding, and which answers decide whether it applies", () => {
  const f = (id: string) => k.findings.find((x) => x.id === id)!;
  assert.equal(questionIdOf(f("fever")), "group.body_signs");
  assert.equal(questionIdOf(f("age")), "age");
  assert.deepEqual(prerequisites(f("fever")), []);
  assert.deepEqual([...prerequisites(f("pregnant"))].sort(), ["age", "sex"]);
});

test("availability: settled, askable, blocked while who is answering is open, or not applicable", () => {
  const pregnant = k.findings.find((x) => x.id === "pregnant")!;
  const fever = k.findings.find((x) => x.id === "fever")!;
  const at = (c: Record<string, unknown>, settled: string[]) =>
    availability(pregnant, c as unknown as Case, new Set(settled));
  assert.equal(availability(fever, {} as Case, new Set()), "askable");
  assert.equal(availability(fever, {} as Case, new Set(["fever"])), "settled");
  assert.equal(at({ age: 30, sex: "male" }, ["age", "sex", "pregnant"]), "settled");
  assert.equal(at({}, []), "blocked");
  // Age answered, sex not asked yet: wait for it.
  assert.equal(at({ age: 30 }, ["age"]), "blocked");
  assert.equal(at({ age: 30, sex: "female" }, ["age", "sex"]), "askable");
  assert.equal(at({ age: 30, sex: "male" }, ["age", "sex"]), "not_applicable");
  // Already ruled out by age whatever the sex: no need to wait.
  assert.equal(at({ age: 60 }, ["age"]), "not_applicable");
  // Sex answered "don't know": we cannot tell it applies, so it is not asked.
  assert.equal(at({ age: 30 }, ["age", "sex"]), "not_applicable");
});
