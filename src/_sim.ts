import { readFileSync } from "node:fs";
import { defaultKnowledge } from "./knowledge/load.js";
import { assess } from "./engine/assess.js";
import { simulate } from "./interview/simulate.js";
import { judge } from "./eval/metrics.js";
const k = defaultKnowledge();
const vs = JSON.parse(readFileSync(process.argv[2] ?? "/work/shared/vignettes/dev.json", "utf8"));
const qs: number[] = []; let agree = 0, under = 0, top3 = 0;
for (const v of vs) {
  const t0 = Date.now();
  const s = simulate(v.case, k); const full = assess(v.case, k);
  const o = judge(v, s.result.triage, s.result.conditions.map(c => c.id));
  qs.push(s.questions_asked); if (s.result.triage === full.triage) agree++; if (o.verdict === "under") under++; if (o.top3_ok) top3++;
  console.log(v.id, s.questions_asked, s.result.triage, full.triage, o.verdict, o.top3_ok ? "" : "TOP3MISS", (Date.now()-t0)+"ms", process.env.V ? s.asked.join(",") : "");
}
qs.sort((a,b)=>a-b); console.log("median", qs[Math.floor(qs.length/2)], "max", qs.at(-1), "agree", agree/vs.length, "under", under, "top3", top3/vs.length);
