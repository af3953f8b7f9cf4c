// Test support for the next-step tests: small made-up knowledge bases over the project's findings, texts and
// settings, with a handful of triage rules and conditions written in each test.
import { defaultKnowledge } from "../knowledge/load.js";
import type { Predicate } from "../knowledge/predicate.js";
import type { Condition, Knowledge, TriageRule } from "../knowledge/schema.js";

export const k = defaultKnowledge();
export const strain = k.conditions.find((c) => c.id === "muscle_strain")!;

/** A triage rule of the test family, optionally about some causes. */
export const rule = (id: string, level: TriageRule["level"], when: Predicate, about?: string[]): TriageRule => ({
  id,
  family: "test",
  level,
  when,
  sources: ["clinical-facts"],
  ...(about ? { about } : {}),
});

/** The project's findings with only these rules; one condition (certain from the start) unless others are given. */
export const kb = (rules: TriageRule[], conditions: Condition[] = [strain], interview = {}): Knowledge => ({
  ...k,
  rules,
  conditions,
  settings: { ...k.settings, interview: { ...k.settings.interview, ...interview } },
});

export const is = (field: string, value: boolean | string = true): Predicate => ({ field, is: value });
