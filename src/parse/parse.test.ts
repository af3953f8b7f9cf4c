import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultKnowledge } from "../knowledge/load.js";
import { parseText } from "./index.js";
import type { Extraction } from "./extract.js";

const k = defaultKnowledge();
const read = (text: string, lang = "en"): Map<string, Extraction> =>
  new Map(parseText(text, lang, k).fields.map((f) => [f.field, f]));
/** The value the text states without doubt, or undefined. */
const sure = (text: string, field: string, lang = "en"): unknown => {
  const f = read(text, lang).get(field);
  return f?.certain ? f.value : undefined;
};

test("negation: 'no numbness', 'не немеет', 'без температуры' are no, never yes", () => {
  assert.equal(sure("I'm 40, my back hurts, no numbness in my legs", "leg_numbness"), false);
  assert.equal(sure("no numbness", "leg_numbness"), false);
  assert.equal(sure("my leg isn't weak", "leg_weakness"), false);
  assert.equal(sure("Мне 40, болит спина, нога не немеет", "leg_numbness", "ru"), false);
  assert.equal(sure("Болит поясница, без температуры", "fever", "ru"), false);
  assert.equal(sure("Температуры нет", "fever", "ru"), false);
  assert.equal(sure("слабости в ноге нет", "leg_weakness", "ru"), false);
  // A negation reaches its own clause only: "no fever, but my legs are numb".
  assert.equal(sure("no fever, but my legs are numb", "leg_numbness"), true);
  assert.equal(sure("no fever, but my legs are numb", "fever"), false);
  assert.equal(sure("температуры нет, но ноги немеют", "leg_numbness", "ru"), true);
  // "Nearly passed out" is not a loss of consciousness.
  assert.notEqual(sure("I nearly passed out", "loss_of_consciousness"), true);
});

test("negation drops an option instead of turning it around: 'not past the knee'", () => {
  const spreads = sure("the pain goes into my buttock, not past the knee", "spreads_to") as string[];
  assert.ok(spreads.includes("buttock"));
  assert.ok(!spreads.includes("below_knee"));
  const ru = sure("отдаёт в ягодицу, но ниже колена не идёт", "spreads_to", "ru") as string[];
  assert.ok(!ru.includes("below_knee"));
});

test("uncertainty: a doubtful value is shown as a guess, never as an answer", () => {
  for (const [text, field, lang] of [
    ["maybe a bit of tingling", "leg_tingling", "en"],
    ["I don't know if I had a fever", "fever", "en"],
    ["не знаю, была ли температура", "fever", "ru"],
    ["может быть, немного покалывает в ноге", "leg_tingling", "ru"],
  ] as const) {
    const f = read(text, lang).get(field);
    assert.ok(f, `${text}: ${field} is shown`);
    assert.equal(f.certain, false, `${text}: doubtful`);
  }
  // A doubt beside a denial keeps the field doubtful.
  assert.equal(read("no fever. I'm not sure whether I had a temperature").get("fever")?.certain, false);
});

test("numbers and relative dates", () => {
  assert.equal(sure("I'm 34 and my back hurts", "age"), 34);
  assert.equal(sure("I'm 24 weeks pregnant", "age"), undefined);
  assert.equal(sure("I'm 24 weeks pregnant", "pregnancy_weeks"), 24);
  assert.equal(sure("it's 8 out of 10", "intensity"), 8);
  assert.equal(sure("боль 9 из 10", "intensity", "ru"), 9);
  assert.equal(sure("for about five weeks my back hurts", "duration_days"), 35);
  assert.equal(sure("it started four days ago", "duration_days"), 4);
  assert.equal(sure("it hurts since yesterday", "duration_days"), 1);
  assert.equal(sure("it hurts since the day before yesterday", "duration_days"), 2);
  assert.equal(sure("for a month my back has hurt", "duration_days"), 30);
  assert.equal(sure("Два месяца болит спина", "duration_days", "ru"), 60);
  assert.equal(sure("Уже месяц болит спина", "duration_days", "ru"), 30);
  assert.equal(sure("болит с позавчерашнего дня", "duration_days", "ru"), 2);
  assert.equal(sure("Утром минут 10 скованность", "morning_stiffness_minutes", "ru"), 10);
  assert.equal(sure("stiff for about an hour every morning", "morning_stiffness_minutes"), 60);
  // "Several weeks" is said but too vague to take.
  assert.equal(read("for several weeks my back has hurt").get("duration_days")?.certain, false);
});

test("a parent speaking: 'my son is 8', 'my daughter', 'Дочке 10 лет'", () => {
  assert.equal(sure("My son is 8 and his back hurts", "age"), 8);
  assert.equal(sure("My son is 8 and his back hurts", "sex"), "male");
  assert.equal(sure("My 7-year-old daughter has back pain", "age"), 7);
  assert.equal(sure("My 7-year-old daughter has back pain", "sex"), "female");
  assert.equal(sure("my daughter is 12, her back hurts after gymnastics", "sex"), "female");
  assert.equal(sure("Дочке 10 лет, болит спина", "age", "ru"), 10);
  assert.equal(sure("Дочке 10 лет, болит спина", "sex", "ru"), "female");
  assert.equal(sure("Сыну 3 года, не ходит", "sex", "ru"), "male");
  // A baby's age in months may be the parent's own story: it is asked, not assumed.
  assert.equal(read("Дочке 3 месяца, ношу на руках, болит спина", "ru").get("age")?.certain, false);
});

test("Russian inflections meet through the stemmer: ногу, ноге, ногами; немеет, онемение", () => {
  // The same finding from every form of "нога" and from the verb and the noun of "numb".
  assert.equal(sure("отдаёт в ногу и немеет", "leg_numbness", "ru"), true);
  assert.equal(sure("онемение в ноге", "leg_numbness", "ru"), true);
  assert.equal(sure("немеет нога", "leg_numbness", "ru"), true);
  assert.equal(sure("ногами еле двигаю от онемения", "leg_numbness", "ru"), true);
  assert.equal(sure("еле двигаю ногами от слабости", "leg_weakness", "ru"), true);
  assert.equal(sure("слабость в ноге", "leg_weakness", "ru"), true);
  assert.equal(sure("ногу покалывает", "leg_tingling", "ru"), true);
  // The stems of other words do not collide with them: "немного" is not "немеет".
  assert.equal(read("немного болит нога", "ru").has("leg_numbness"), false);
  // And the denial of each form is a "no".
  assert.equal(sure("нога не немеет", "leg_numbness", "ru"), false);
  assert.equal(sure("онемения в ногах нет", "leg_numbness", "ru"), false);
});

test("every value points at its source words in the text", () => {
  const text = "I'm 34; my lower back hurts since yesterday, no numbness.";
  for (const f of parseText(text, "en", k).fields) {
    assert.ok(f.spans.length > 0, f.field);
    for (const s of f.spans) assert.equal(text.slice(s.start, s.end), s.text);
  }
  const age = read(text).get("age")!;
  assert.match(age.spans[0]!.text, /34/);
});

test("a warning sign the text did not mention is not extracted", () => {
  const fields = read("I'm 30, my lower back aches after the gym.");
  for (const f of ["saddle_numbness", "bladder_problem", "fever", "chest_pain", "leg_weakness"])
    assert.equal(fields.has(f), false, f);
});

test("an 'and' ends a negation's reach; 'almost' never turns a phrase with its own 'not' around", () => {
  assert.equal(sure("numbness between my legs and I can't feel when I wipe", "saddle_numbness"), true);
  assert.equal(sure("I almost can't feel my left foot", "leg_numbness"), true);
  assert.equal(sure("почти не чувствую левую стопу", "leg_numbness", "ru"), true);
  assert.notEqual(sure("I nearly passed out", "loss_of_consciousness"), true);
  // A doubt after "and" is about what follows: the age stays.
  assert.equal(sure("I'm 45 and not sure if my foot is numb", "age"), 45);
  assert.equal(read("I'm 45 and not sure if my foot is numb").get("leg_numbness")?.certain, false);
});

test("a number opening the text is an age only when it stands alone", () => {
  assert.equal(sure("36, I ride a bike to work", "age"), 36);
  assert.equal(sure("36, каталась на велике", "age", "ru"), 36);
  assert.equal(sure("34 года, бегаю", "age", "ru"), 34);
  assert.equal(sure("2 kids and a bad back", "age"), undefined);
  assert.equal(sure("5 days ago I fell", "age"), undefined);
  assert.equal(sure("10/10 pain", "age"), undefined);
  assert.equal(sure("10/10 pain", "intensity"), 10);
});

test("a parent who names the child by a pronoun: 'he's 8', 'ему 8 лет'", () => {
  assert.equal(sure("I'm worried about my boy, he's 8 and his back hurts", "age"), 8);
  assert.equal(sure("I'm worried about my boy, he's 8 and his back hurts", "sex"), "male");
  assert.equal(sure("Переживаю за сына, ему 8 лет, болит спина", "age", "ru"), 8);
  assert.equal(sure("Переживаю за дочь, ей 12 лет, болит спина", "sex", "ru"), "female");
});
