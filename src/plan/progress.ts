import type { PlanRules } from "./knowledge.js";
import type { SessionResponse } from "./sessions.js";

export type Rule = "move_on" | "hold" | "step_back";

/** One decision of the plan after a session: where it was, where it is, which rule, and the facts behind it. */
export interface Decision {
  /** The session's date (the decision is made the morning after). */
  date: string;
  from: number;
  to: number;
  rule: Rule;
  /** Which reason, for the words: move_on, progress, hold, step_back, not_settled, unknown. */
  why: "move_on" | "progress" | "hold" | "step_back" | "not_settled" | "unknown";
  session: SessionResponse;
  /** Easy sessions counted at the stage after this decision. */
  easy_count: number;
}

export interface Progress {
  /** Stage index, 0-based. */
  stage: number;
  easy_count: number;
  decisions: Decision[];
}

/**
 * Replays the sessions in order from stage 1. Easy sessions in a row move the plan on; an acceptable one
 * (or one without its check-ins) holds it and starts the count again; too much pain, or pain not back to
 * its usual level by the next morning, steps it back. The numbers are the rules' (knowledge/plan/rules.json).
 */
export function replay(sessions: SessionResponse[], rules: PlanRules, stages: number): Progress {
  let stage = 0;
  let easy = 0;
  const decisions: Decision[] = [];
  for (const s of sessions) {
    const from = stage;
    let rule: Rule;
    let why: Decision["why"];
    if (s.verdict === "easy") {
      easy += 1;
      if (easy >= rules.move_on.easy_sessions && stage < stages - 1) {
        stage += 1;
        easy = 0;
        rule = "move_on";
        why = "move_on";
      } else {
        rule = "hold";
        why = "progress";
      }
    } else if (s.verdict === "too_much" || s.verdict === "not_settled") {
      stage = Math.max(0, stage - rules.step_back.stages);
      easy = 0;
      rule = "step_back";
      why = s.verdict === "too_much" ? "step_back" : "not_settled";
    } else {
      easy = 0;
      rule = "hold";
      why = s.verdict === "unknown" ? "unknown" : "hold";
    }
    decisions.push({ date: s.date, from, to: stage, rule, why, session: s, easy_count: easy });
  }
  return { stage, easy_count: easy, decisions };
}
