import { readFileSync } from "node:fs";
import { defaultKnowledge } from "./knowledge/load.js";
import { nextStep } from "./interview/next-step.js";
import { answer, UNKNOWN } from "./interview/answer.js";
import { emptyState } from "./interview/state.js";
const k = defaultKnowledge();
const vs = JSON.parse(readFileSync("/work/shared/vignettes/dev.json", "utf8"));
const freq: Record<string, number> = {};
for (const v of vs) { let state = emptyState();
for (;;) { const s = nextStep(state, k); if (s.done) break;
  const q = s.question; const from = v.case;
  const reply = q.kind === "checklist" ? Object.fromEntries(q.fields.map((f: string) => [f, from[f] ?? UNKNOWN])) : (from[q.id] ?? UNKNOWN);
  const key = s.phase + " " + q.id; freq[key] = (freq[key] ?? 0) + 1;
  const n = answer(state, q, reply, k); if (!n.ok) throw 1; state = n.value; } }
console.log(Object.entries(freq).sort((a,b)=>b[1]-a[1]).map(([k,v])=>v+" "+k).join("\n"));
