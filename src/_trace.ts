import { readFileSync } from "node:fs";
import { defaultKnowledge } from "./knowledge/load.js";
import { nextStep } from "./interview/next-step.js";
import { answer, UNKNOWN } from "./interview/answer.js";
import { emptyState } from "./interview/state.js";
const k = defaultKnowledge();
const vs = JSON.parse(readFileSync("/work/shared/vignettes/dev.json", "utf8"));
const v = vs.find((x: any) => x.id === process.argv[2]);
let state = emptyState();
for (;;) { const s = nextStep(state, k); if (s.done) break;
  const q = s.question; const from = v.case;
  const reply = q.kind === "checklist" ? Object.fromEntries(q.fields.map((f: string) => [f, from[f] ?? UNKNOWN])) : (from[q.id] ?? UNKNOWN);
  console.log(s.phase, q.id, JSON.stringify(reply).slice(0, 100));
  const n = answer(state, q, reply, k); if (!n.ok) throw 1; state = n.value; }
