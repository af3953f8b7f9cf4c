import { test } from "node:test";
import assert from "node:assert/strict";
import { CSV_COLUMNS, toCsv } from "./csv.js";
import type { Entry } from "./entries.js";
import { textChart } from "./text-chart.js";

const workout: Entry = {
  id: "w1",
  kind: "workout",
  date: "2026-11-20",
  activity: "weightlifting",
  exercises: [
    { exercise: "deadlift", sets: 5, load_kg: 100 },
    { exercise: "squat" },
    { exercise: "running", minutes: 30 },
  ],
  hours: 1.5,
  warmed_up: false,
  effort: 8,
  experience: "beginner",
};
const checkin: Entry = {
  id: "c1",
  kind: "checkin",
  date: "2026-11-22",
  intensity: 6,
  age: 30,
  location: ["lower_back", "buttock"],
  character: ["sharp"],
  findings: { night_pain: true, fever: false },
};

test("CSV: a header, one row per entry, exercises as name:sets:load:minutes, lists joined with |, CRLF line ends", () => {
  const csv = toCsv([workout, checkin]);
  assert.equal(
    csv,
    [
      CSV_COLUMNS.join(","),
      "w1,workout,2026-11-20,weightlifting,deadlift:5:100|squat|running:::30,1.5,false,8,beginner,,,,,",
      "c1,checkin,2026-11-22,,,,,,,6,30,lower_back|buttock,sharp,night_pain=yes|fever=no",
      "",
    ].join("\r\n"),
  );
  assert.equal(CSV_COLUMNS[0], "id");
  assert.equal(CSV_COLUMNS.length, 14);
});

test("CSV: a check-in without the optional fields leaves their cells empty; no entries is only the header", () => {
  assert.equal(
    toCsv([{ id: "c2", kind: "checkin", date: "2026-11-23", intensity: 0 }]).split("\r\n")[1],
    "c2,checkin,2026-11-23,,,,,,,0,,,,",
  );
  assert.equal(toCsv([]), `${CSV_COLUMNS.join(",")}\r\n`);
});

test("CSV: a cell with a comma, quote, semicolon or line break is quoted, quotes doubled", () => {
  const row = (id: string) => toCsv([{ id, kind: "checkin", date: "2026-11-22", intensity: 6 }]).split("\r\n")[1]!;
  assert.equal(row('a"b').split(",")[0], '"a""b"');
  assert.ok(row("a,b").startsWith('"a,b",'));
  assert.ok(row("a;b").startsWith('"a;b",'));
  assert.ok(toCsv([{ ...checkin, id: "a\nb" }]).includes('"a\nb"'));
  assert.ok(toCsv([{ ...checkin, id: "a\rb" }]).includes('"a\rb"'));
  assert.ok(row("plain").startsWith("plain,"));
});

test("text chart: one line per day from the first entry to the last, the day's worst pain as a bar, workouts beside it", () => {
  const chart = textChart([checkin, workout, { ...checkin, id: "c3", date: "2026-11-22", intensity: 3 }], "training");
  assert.deepEqual(chart.split("\n"), [
    "2026-11-20 │          │    ▲ training: deadlift, squat, running",
    "2026-11-21 │          │",
    "2026-11-22 │██████····│  6",
  ]);
  assert.equal(textChart([]), "");
  assert.equal(textChart([{ ...workout, exercises: [] }]), "2026-11-20 │          │    ▲ workout: weightlifting");
  assert.equal(textChart([{ ...checkin, intensity: 10 }]), "2026-11-22 │██████████│ 10");
});
