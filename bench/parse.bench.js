// Reading a person's own words: parse time per story on the compiled code, English and Russian.
// Run by `npm run bench`; prints the median and the 95th percentile per story (target: under 2 ms).
import { existsSync, readFileSync } from "node:fs";
import { defaultKnowledge } from "../dist/knowledge/load.js";
import { parseText } from "../dist/parse/index.js";

const k = defaultKnowledge();
const shared = (f) => new URL(`../../shared/vignettes/${f}`, import.meta.url);
const en = [shared("dev2.json"), shared("dev.json")].filter(existsSync).flatMap((f) =>
  JSON.parse(readFileSync(f, "utf8"))
    .map((v) => v.story)
    .filter(Boolean),
);
const ru = [shared("dev2-stories-ru.json")].filter(existsSync).flatMap((f) =>
  JSON.parse(readFileSync(f, "utf8"))
    .map((v) => v.story_ru)
    .filter(Boolean),
);
// Without the shared data, a few stories of our own keep the bench meaningful.
if (en.length === 0)
  en.push(
    "I'm 34, my lower back hurts since yesterday after deadlifts, 6 out of 10, no numbness, maybe a bit of tingling in my left leg.",
  );
if (ru.length === 0)
  ru.push(
    "Мне 34, со вчерашнего дня после становой болит поясница, 6 из 10, ноги не немеют, может быть немного покалывает в левой ноге.",
  );
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

for (const [lang, stories] of [
  ["en", en],
  ["ru", ru],
]) {
  const first = process.hrtime.bigint();
  parseText(stories[0], lang, k); // loads and compiles the lexicon once
  const load = Number(process.hrtime.bigint() - first) / 1e6;
  for (const s of stories) parseText(s, lang, k); // warm-up
  const times = [];
  for (let round = 0; round < 5; round++) {
    for (const s of stories) {
      const start = process.hrtime.bigint();
      parseText(s, lang, k);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  console.log(
    `parse ${lang} (${stories.length} stories): median ${pct(times, 0.5).toFixed(2)} ms, 95th percentile ${pct(times, 0.95).toFixed(2)} ms per story; lexicon load ${load.toFixed(0)} ms once`,
  );
}
