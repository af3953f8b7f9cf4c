import { assess, type Assessment } from "../engine/assess.js";
import type { Case } from "../engine/types.js";
import type { Knowledge } from "../knowledge/schema.js";
import { candidateQuestions } from "./next-step.js";
import type { Absent } from "./simulate.js";

/** What an interview ended with: the result a shorter sequence of questions must reach too. */
export interface Target {
  triage: Assessment["triage"];
  must_rule_out: string[];
}

export const targetOf = (r: Assessment): Target => ({
  triage: r.triage,
  must_rule_out: r.must_rule_out.map((m) => m.id),
});

interface Node {
  answers: Record<string, unknown>;
  settled: Set<string>;
  askedUnknown: string[];
  asked: string[];
  /** How far its result is from the target: 0 when it is there. */
  distance: number;
}

/**
 * How far a result is from where the interview ended: a wrong level counts most, then each cause missing
 * from or added to the must-rule-out list, then each question that could still raise the urgency and was
 * not asked yet (the interview does not stop while one is open: neither does the search).
 */
function distance(r: Assessment, target: Target, settled: ReadonlySet<string>): number {
  let unasked = 0;
  for (const q of r.open_questions) if (!settled.has(q.field)) unasked++;
  const have = new Set(r.must_rule_out.map((m) => m.id));
  const want = new Set(target.must_rule_out);
  let diff = 0;
  for (const id of have) if (!want.has(id)) diff++;
  for (const id of want) if (!have.has(id)) diff++;
  return (r.triage === target.triage ? 0 : 10) + diff + unasked;
}

/**
 * The fewest questions, found by a beam search over the interview's own candidate questions (those it could
 * ask at each point, checklists included), after which the answers give the target's triage and the same
 * must-rule-out list with no question that could raise the urgency left unasked. Answers come from the case as `simulate` gives them (`absent`). A lower bound for the
 * interview to aim at, not a way to interview: the search knows the answers in advance. `undefined` when no
 * sequence of at most `maxDepth` questions reaches the target within the beam.
 */
export function fewestQuestions(
  c: Case,
  k: Knowledge,
  target: Target,
  opts: { width?: number; maxDepth: number; absent?: Absent },
): { questions: number; asked: string[] } | undefined {
  const width = opts.width ?? 6;
  const absent = opts.absent ?? "no";
  const from = c as unknown as Record<string, unknown>;
  const kinds = new Map(k.findings.map((f) => [f.id, f.kind]));
  let beam: Node[] = [{ answers: {}, settled: new Set(), askedUnknown: [], asked: [], distance: Infinity }];
  for (let depth = 1; depth <= opts.maxDepth; depth++) {
    const next = new Map<string, Node>();
    for (const node of beam) {
      const { candidates } = candidateQuestions(node.answers as unknown as Case, node.settled, k);
      for (const cand of candidates.values()) {
        const answers = { ...node.answers };
        const settled = new Set(node.settled);
        const askedUnknown = [...node.askedUnknown];
        for (const f of cand.fields) {
          settled.add(f.id);
          const v = from[f.id] ?? (absent === "no" && kinds.get(f.id) === "boolean" ? false : undefined);
          if (v === undefined) askedUnknown.push(f.id);
          else answers[f.id] = v;
        }
        // The same questions in another order end in the same place: keep one.
        const key = [...settled].sort().join(",");
        if (next.has(key)) continue;
        // Age is required by the contract: until it is known, no result can be computed.
        const r = "age" in answers ? assess(answers as unknown as Case, k, { askedUnknown }) : undefined;
        const d = r ? distance(r, target, settled) : Infinity;
        const child: Node = { answers, settled, askedUnknown, asked: [...node.asked, cand.id], distance: d };
        if (d === 0) return { questions: depth, asked: child.asked };
        next.set(key, child);
      }
    }
    // Closest first; the interview's own order (insertion: knowledge order) breaks ties.
    beam = [...next.values()].sort((a, b) => a.distance - b.distance).slice(0, width);
    if (beam.length === 0) return undefined;
  }
  return undefined;
}
