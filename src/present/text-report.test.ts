import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { assess } from "../engine/assess.js";
import { defaultKnowledge } from "../knowledge/load.js";
import { renderText } from "./text-report.js";
import type { Case } from "../engine/types.js";

const k = defaultKnowledge();
const render = (c: Case): string => renderText(assess(c, k), k, { lang: "en", color: false }).replace(/\s+/g, " ");

test("a child with a suspected spinal injury: ambulance, keep still, no injection or tablets", () => {
  const out = render({
    age: 9,
    injury: "fall_on_back",
    onset: "after_injury",
    intensity: 8,
    duration_days: 0,
    spine_tenderness: true,
  });
  assert.match(out, /^== EMERGENCY/);
  assert.match(out, /do not move the person/i);
  assert.match(out, /Give no tablets or drinks/);
  assert.match(out, /Never give an injection/);
  assert.match(out, /Paediatric orthopaedist|Trauma specialist/);
});

test("self-care says so first, names who can help if it does not settle, and what to watch for", () => {
  const out = render({
    age: 28,
    activity: "weightlifting",
    experience: "beginner",
    onset: "next_day",
    injury: "none",
    intensity: 3,
    duration_days: 1,
    side: "both_sides",
    spreads_to: [],
  });
  assert.match(out, /^== YOU CAN LOOK AFTER THIS AT HOME ==/);
  assert.match(out, /Who can help if it does not settle/);
  assert.match(out, /Get help sooner if/);
  assert.match(out, /Normal muscle soreness/);
});

test("a form without the warning-sign answers never says no warning sign was found; it lists the unasked signs", () => {
  const out = render({ age: 40, intensity: 4 });
  assert.doesNotMatch(out, /No warning sign was found/);
  assert.match(out, /We did not ask about these warning signs/);
  assert.match(out, /Numbness in the saddle area\?/);
  assert.doesNotMatch(
    out,
    /bleeding|period/i,
    "no pregnancy or period questions for someone whose sex is unknown... or a man",
  );
});

test("when every warning sign was answered no, the report says no warning sign was found", () => {
  const signs = Object.fromEntries(k.findings.filter((f) => f.kind === "boolean").map((f) => [f.id, false]));
  const out = render({
    age: 40,
    sex: "male",
    intensity: 3,
    ...signs,
    injury: "none",
    spreads_to: [],
    character: ["dull_aching"],
    location: ["lower_back"],
    onset: "next_day",
    activity: "weightlifting",
    duration_days: 1,
    trend: "improving",
    pattern: "comes_and_goes",
  } as Case);
  assert.match(out, /No warning sign was found/);
});

test("an emergency result shows the call first and no training, desk or mattress advice", () => {
  const out = renderText(
    assess(
      {
        age: 55,
        sex: "male",
        chest_pain: true,
        activity: "weightlifting",
        exercises: ["bench_press"],
        prolonged_sitting: true,
        soft_mattress: true,
      },
      k,
    ),
    k,
    { lang: "en", color: false },
  );
  const lines = out.split("\n");
  assert.match(lines[1]!, /^Call 112$/);
  assert.doesNotMatch(out, /\nTraining\n|\nPreventing it next time\n|mattress|Build up the load/i);
  assert.doesNotMatch(out, /\(most likely\)/);
  assert.match(out, /Heart attack or angina felt in the back \(must be ruled out first\)/);
});

test("every cited number points to a listed source", () => {
  const out = renderText(assess({ age: 30, fever: true, night_pain: true }, k), k, { lang: "en", color: false });
  const cited = new Set([...out.matchAll(/\[([\d, ]+)\]/g)].flatMap((m) => m[1]!.split(", ").map(Number)));
  const listed = new Set([...out.split("Sources")[1]!.matchAll(/^\s+(\d+)\. /gm)].map((m) => Number(m[1])));
  assert.ok(cited.size > 0);
  for (const n of cited) assert.ok(listed.has(n), `source ${n}`);
});

test("every line fits the width it is given, in both languages (a single word longer than the width aside)", () => {
  const vignettes = JSON.parse(readFileSync(new URL("../../test/vignettes/project.json", import.meta.url), "utf8")) as {
    id: string;
    case: Case;
  }[];
  for (const width of [60, 100])
    for (const lang of ["en", "ru"])
      for (const v of vignettes) {
        const text = renderText(assess(v.case, k), k, { lang, color: false, width });
        for (const line of text.split("\n")) {
          if (line.length <= width || !/\s\S/.test(line.trim())) continue;
          assert.fail(`${v.id} (${lang}, ${width} columns): ${line.length} characters: ${line}`);
        }
      }
});
