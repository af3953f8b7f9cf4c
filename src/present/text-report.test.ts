import { test } from "node:test";
import assert from "node:assert/strict";
import { assess } from "../engine/assess.js";
import { defaultKnowledge } from "../knowledge/load.js";
import { renderText } from "./text-report.js";
import type { Case } from "../engine/types.js";

const k = defaultKnowledge();
const render = (c: Case): string => renderText(assess(c, k), k, { lang: "en", color: false }).replace(/\s+/g, " ");

test("a child with a suspected spinal injury: ambulance, keep still, no injection or tablets", () => {
  const out = render({ age: 9, injury: "fall_on_back", onset: "after_injury", intensity: 8, duration_days: 0, spine_tenderness: true });
  assert.match(out, /^== EMERGENCY/);
  assert.match(out, /do not move the person/i);
  assert.match(out, /Give no tablets or drinks/);
  assert.match(out, /Never give an injection/);
  assert.match(out, /Paediatric orthopaedist|Trauma specialist/);
});

test("self-care says so first, names who can help if it does not settle, and what to watch for", () => {
  const out = render({ age: 28, activity: "weightlifting", experience: "beginner", onset: "next_day", injury: "none", intensity: 3, duration_days: 1, side: "both_sides", spreads_to: [] });
  assert.match(out, /^== YOU CAN LOOK AFTER THIS AT HOME ==/);
  assert.match(out, /Who can help if it does not settle/);
  assert.match(out, /Get help sooner if/);
  assert.match(out, /Normal muscle soreness/);
});

test("unanswered questions that could raise the urgency are shown", () => {
  const out = render({ age: 40, intensity: 4 });
  assert.match(out, /Questions that could still change this answer/);
  assert.match(out, /Numbness in the saddle area\?/);
});

test("every cited number points to a listed source", () => {
  const out = renderText(assess({ age: 30, fever: true, night_pain: true }, k), k, { lang: "en", color: false });
  const cited = new Set([...out.matchAll(/\[([\d, ]+)\]/g)].flatMap((m) => m[1]!.split(", ").map(Number)));
  const listed = new Set([...out.split("Sources")[1]!.matchAll(/^\s+(\d+)\. /gm)].map((m) => Number(m[1])));
  assert.ok(cited.size > 0);
  for (const n of cited) assert.ok(listed.has(n), `source ${n}`);
});
