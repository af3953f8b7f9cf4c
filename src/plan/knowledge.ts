import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { fail, ok, type Outcome, type Problem } from "../errors/problem.js";
import { TRIAGE_LEVELS } from "../engine/types.js";
import type { Knowledge } from "../knowledge/schema.js";

/** knowledge/plan/ of this package: src/plan and dist/plan both sit two levels below the root. */
export const PLAN_DIR = fileURLToPath(new URL("../../knowledge/plan/", import.meta.url));

const id = z.string().regex(/^[a-z][a-z0-9_]*$/, "must be snake_case");
const sourceIds = z.array(z.string().min(1)).min(1);
const amount = z.union([
  z.number().min(0),
  z.tuple([z.number().min(0), z.number().min(0)]).refine(([a, b]) => a < b, "a range goes from less to more"),
]);

/** How much of an exercise: any of sets, repetitions, holds, minutes, how often, and a share of a previous load. */
export const doseSchema = z
  .object({
    sets: z.number().int().min(1).max(10).optional(),
    reps: z.number().int().min(1).max(50).optional(),
    hold_seconds: amount.optional(),
    minutes: amount.optional(),
    each_side: z.boolean().optional(),
    per_day: z.number().int().min(1).max(6).optional(),
    per_week: z.number().int().min(1).max(7).optional(),
    /** A share (0 to 1) of the load lifted before the pain. */
    load_share: z
      .union([z.number().min(0).max(1), z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)])])
      .optional(),
  })
  .strict();
export type Dose = z.infer<typeof doseSchema>;

const exercisesFile = z
  .object({
    $comment: z.string().optional(),
    exercises: z
      .array(z.object({ id, illustration: z.string().regex(/^[a-z0-9-]+\.svg$/), sources: sourceIds }).strict())
      .min(1),
  })
  .strict();

export const STAGE_IDS = ["relief", "mobility", "strength", "activity_light", "loading", "full"] as const;
export type StageId = (typeof STAGE_IDS)[number];
const stageId = z.enum(STAGE_IDS);

const stagesFile = z
  .object({
    $comment: z.string().optional(),
    stages: z
      .array(
        z
          .object({
            id: stageId,
            exercises: z.array(z.object({ exercise: id, dose: doseSchema }).strict()).min(1),
            activity_steps: z.boolean().optional(),
            sources: sourceIds,
          })
          .strict(),
      )
      .length(STAGE_IDS.length),
  })
  .strict();

/** beginner_dose: the dose for someone under about six months of regular training, where it differs. */
const stepSchema = z
  .object({
    id,
    dose: doseSchema,
    beginner_dose: doseSchema.optional(),
    needs_clearance: z.boolean().optional(),
    sources: sourceIds,
  })
  .strict();
const activitiesFile = z
  .object({
    $comment: z.string().optional(),
    plans: z
      .array(
        z
          .object({
            id,
            activities: z.array(id).min(1),
            illustration: z.string().regex(/^[a-z0-9-]+\.svg$/),
            steps: z.partialRecord(stageId, z.array(stepSchema).min(1)),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

const ruleSources = z.object({ sources: sourceIds }).strict();
const rulesFile = z
  .object({
    $comment: z.string().optional(),
    offer: z
      .object({
        triage: z.array(z.enum(TRIAGE_LEVELS)).min(1),
        doctor_wording: z.array(z.enum(TRIAGE_LEVELS)),
        min_age_years: z.number().min(0).max(120),
        min_age_note: z.string().optional(),
        clearance_first: z.object({ under_years: z.number().min(0).max(120), activities: z.array(id) }).strict(),
        doctor_first: z
          .object({ conditions: z.array(id).min(1), within_top: z.number().int().min(1).max(10) })
          .strict(),
        sources: sourceIds,
      })
      .strict(),
    pain: z
      .object({
        easy_max: z.number().int().min(0).max(10),
        acceptable_max: z.number().int().min(0).max(10),
        sources: sourceIds,
      })
      .strict(),
    move_on: z.object({ easy_sessions: z.number().int().min(1).max(20), sources: sourceIds }).strict(),
    hold: ruleSources,
    step_back: z.object({ stages: z.number().int().min(1).max(5), sources: sourceIds }).strict(),
    stop: ruleSources,
  })
  .strict()
  .refine((r) => r.pain.easy_max <= r.pain.acceptable_max, {
    message: "easy_max must not exceed acceptable_max",
    path: ["pain"],
  });

const sourcesFile = z.array(
  z
    .object({
      id: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/),
      kind: z.enum(["seed", "guideline", "study", "reference"]),
      title: z.string().min(1),
      section: z.string().optional(),
      year: z.number().int().optional(),
      url: z.string().optional(),
    })
    .strict(),
);

export type PlanExercise = z.infer<typeof exercisesFile>["exercises"][number];
export type PlanStage = z.infer<typeof stagesFile>["stages"][number];
export type ActivityPlan = z.infer<typeof activitiesFile>["plans"][number];
export type PlanStep = z.infer<typeof stepSchema>;
export type PlanRules = z.infer<typeof rulesFile>;
export type PlanSource = z.infer<typeof sourcesFile>[number];

export interface PlanKnowledge {
  exercises: PlanExercise[];
  stages: PlanStage[];
  plans: ActivityPlan[];
  rules: PlanRules;
  sources: PlanSource[];
  /** The folder the illustrations are read from. */
  dir: string;
}

export const FILES = {
  exercises: "exercises.json",
  stages: "stages.json",
  activities: "activities.json",
  rules: "rules.json",
  sources: "sources.json",
} as const;

/** Parses one file; each problem's path starts with the file's name, so a reviewer knows where to look. */
function parse<T>(schema: z.ZodType<T>, data: unknown, file: string, problems: Problem[]): T | undefined {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  for (const i of r.error.issues)
    problems.push({ code: "plan.schema", path: [`plan/${file}`, ...i.path.map(String)].join("."), message: i.message });
  return undefined;
}

/** The locale keys every language must have for the plan's knowledge. */
export function requiredPlanTexts(pk: Omit<PlanKnowledge, "dir">): string[] {
  const keys: string[] = [];
  for (const e of pk.exercises)
    for (const f of ["name", "how", "feel", "avoid"]) keys.push(`plan.exercise.${e.id}.${f}`);
  for (const s of pk.stages) keys.push(`plan.stage.${s.id}.name`, `plan.stage.${s.id}.goal`);
  for (const p of pk.plans) {
    keys.push(`plan.activity_plan.${p.id}`);
    for (const steps of Object.values(p.steps))
      for (const s of steps ?? []) for (const f of ["name", "how", "avoid"]) keys.push(`plan.step.${s.id}.${f}`);
  }
  return keys;
}

/**
 * Checks the plan's files against themselves and the main knowledge: every exercise a stage names exists,
 * every source is known (knowledge/sources.json or knowledge/plan/sources.json), every activity of the
 * case vocabulary has exactly one plan, every illustration exists, every text exists in every language.
 */
export function validatePlanKnowledge(
  raw: Record<keyof typeof FILES, unknown>,
  k: Knowledge,
  dir: string,
): Outcome<PlanKnowledge> {
  const problems: Problem[] = [];
  const exercises = parse(exercisesFile, raw.exercises, FILES.exercises, problems);
  const stages = parse(stagesFile, raw.stages, FILES.stages, problems);
  const plans = parse(activitiesFile, raw.activities, FILES.activities, problems);
  const rules = parse(rulesFile, raw.rules, FILES.rules, problems);
  const sources = parse(sourcesFile, raw.sources, FILES.sources, problems);
  if (!exercises || !stages || !plans || !rules || !sources) return fail(problems);

  const known = new Set([...k.sources.map((s) => s.id), ...sources.map((s) => s.id)]);
  for (const s of sources)
    if (k.sources.some((x) => x.id === s.id))
      problems.push({
        code: "plan.duplicate_source",
        path: `plan/${FILES.sources}.${s.id}`,
        message: "already in knowledge/sources.json",
      });
  const cite = (ids: string[], path: string): void => {
    for (const s of ids)
      if (!known.has(s)) problems.push({ code: "plan.unknown_source", path, message: `unknown source ${s}` });
  };
  const exerciseIds = new Set<string>();
  for (const e of exercises.exercises) {
    if (exerciseIds.has(e.id))
      problems.push({ code: "plan.duplicate", path: `plan/${FILES.exercises}.${e.id}`, message: "duplicate exercise" });
    exerciseIds.add(e.id);
    cite(e.sources, `plan/${FILES.exercises}.${e.id}.sources`);
  }
  stages.stages.forEach((s, i) => {
    if (s.id !== STAGE_IDS[i])
      problems.push({
        code: "plan.stage_order",
        path: `plan/${FILES.stages}.stages.${i}`,
        message: `expected stage ${STAGE_IDS[i]}`,
      });
    for (const x of s.exercises)
      if (!exerciseIds.has(x.exercise))
        problems.push({
          code: "plan.unknown_exercise",
          path: `plan/${FILES.stages}.${s.id}`,
          message: `unknown exercise ${x.exercise}`,
        });
    cite(s.sources, `plan/${FILES.stages}.${s.id}.sources`);
  });
  const activityOptions = k.findings.find((f) => f.id === "activity")?.options ?? [];
  const mapped = new Map<string, string>();
  const stepIds = new Set<string>();
  const withSteps = stages.stages.filter((s) => s.activity_steps).map((s) => s.id);
  for (const p of plans.plans) {
    for (const a of p.activities) {
      if (!activityOptions.includes(a))
        problems.push({
          code: "plan.unknown_activity",
          path: `plan/${FILES.activities}.${p.id}`,
          message: `${a} is not an activity of the case vocabulary`,
        });
      if (mapped.has(a))
        problems.push({
          code: "plan.activity_twice",
          path: `plan/${FILES.activities}.${p.id}`,
          message: `${a} already maps to ${mapped.get(a)}`,
        });
      mapped.set(a, p.id);
    }
    for (const st of withSteps)
      if (!p.steps[st])
        problems.push({
          code: "plan.missing_steps",
          path: `plan/${FILES.activities}.${p.id}.steps`,
          message: `no steps for stage ${st}`,
        });
    for (const [st, steps] of Object.entries(p.steps)) {
      if (!withSteps.includes(st as StageId))
        problems.push({
          code: "plan.steps_stage",
          path: `plan/${FILES.activities}.${p.id}.steps.${st}`,
          message: "this stage takes no activity steps",
        });
      for (const s of steps ?? []) {
        if (stepIds.has(s.id) || exerciseIds.has(s.id))
          problems.push({
            code: "plan.duplicate",
            path: `plan/${FILES.activities}.${p.id}.${s.id}`,
            message: "duplicate id",
          });
        stepIds.add(s.id);
        cite(s.sources, `plan/${FILES.activities}.${p.id}.${s.id}.sources`);
      }
    }
    if (!existsSync(join(dir, "illustrations", p.illustration)))
      problems.push({
        code: "plan.illustration",
        path: `plan/${FILES.activities}.${p.id}.illustration`,
        message: `no file illustrations/${p.illustration}`,
      });
  }
  for (const a of activityOptions)
    if (!mapped.has(a))
      problems.push({
        code: "plan.unmapped_activity",
        path: `plan/${FILES.activities}`,
        message: `activity ${a} has no plan`,
      });
  for (const e of exercises.exercises) {
    if (!existsSync(join(dir, "illustrations", e.illustration)))
      problems.push({
        code: "plan.illustration",
        path: `plan/${FILES.exercises}.${e.id}.illustration`,
        message: `no file illustrations/${e.illustration}`,
      });
  }
  const conditionIds = new Set(k.conditions.map((c) => c.id));
  for (const c of rules.offer.doctor_first.conditions)
    if (!conditionIds.has(c))
      problems.push({
        code: "plan.unknown_condition",
        path: `plan/${FILES.rules}.offer.doctor_first`,
        message: `unknown condition ${c}`,
      });
  for (const a of rules.offer.clearance_first.activities)
    if (!activityOptions.includes(a))
      problems.push({
        code: "plan.unknown_activity",
        path: `plan/${FILES.rules}.offer.clearance_first`,
        message: `unknown activity ${a}`,
      });
  for (const key of ["offer", "pain", "move_on", "hold", "step_back", "stop"] as const)
    cite(rules[key].sources, `plan/${FILES.rules}.${key}.sources`);

  const pk = { exercises: exercises.exercises, stages: stages.stages, plans: plans.plans, rules, sources };
  for (const [lang, texts] of Object.entries(k.locales)) {
    for (const key of [...requiredPlanTexts(pk), ...UI_TEXTS])
      if (!(key in texts))
        problems.push({ code: "plan.locale_key", path: `locales/${lang}.plan.json.${key}`, message: "missing text" });
  }
  return problems.length ? fail(problems) : ok({ ...pk, dir });
}

/** Texts the plan's words are built from (besides each entry's own). */
export const UI_TEXTS = [
  "plan.title",
  "plan.today",
  "plan.stage_n",
  "plan.goal",
  "plan.move_on",
  "plan.hold",
  "plan.step_back",
  "plan.why.move_on",
  "plan.why.progress",
  "plan.move_on_last",
  "plan.why.hold",
  "plan.why.step_back",
  "plan.why.not_settled",
  "plan.why.unknown",
  "plan.next.move_on",
  "plan.doctor_wording",
  "plan.self_care_wording",
  "plan.unavailable.emergency",
  "plan.unavailable.urgent",
  "plan.unavailable.age",
  "plan.unavailable.clearance",
  "plan.unavailable.doctor_first",
  "plan.unavailable.stopped",
  "plan.unavailable.new_sign",
  "plan.stop_rule",
  "plan.dose.sets_reps",
  "plan.dose.reps",
  "plan.dose.sets",
  "plan.dose.hold",
  "plan.dose.minutes",
  "plan.dose.each_side",
  "plan.dose.per_day",
  "plan.dose.per_week",
  "plan.dose.load_share",
  "plan.dose.load_full",
  "plan.dose.as_usual",
  "plan.feel",
  "plan.avoid",
  "plan.how",
  "plan.needs_clearance",
  "plan.sources",
  "plan.stages",
  "plan.change",
  "plan.activity",
  "plan.no_diary",
  "plan.print",
  "plan.login_or_assess",
  "plan.open",
  "plan.stage_mark",
  "plan.stop_mark",
] as const;

function readJson(path: string, file: string, problems: Problem[]): unknown {
  try {
    return JSON.parse(readFileSync(join(path, file), "utf8"));
  } catch (e) {
    problems.push({ code: "plan.read", path: `plan/${file}`, message: (e as Error).message });
    return undefined;
  }
}

export function loadPlanKnowledge(k: Knowledge, dir: string = PLAN_DIR): Outcome<PlanKnowledge> {
  const problems: Problem[] = [];
  const raw = Object.fromEntries(
    Object.entries(FILES).map(([key, file]) => [key, readJson(dir, file, problems)]),
  ) as Record<keyof typeof FILES, unknown>;
  if (problems.length) return fail(problems);
  return validatePlanKnowledge(raw, k, dir);
}

const cache = new WeakMap<Knowledge, PlanKnowledge>();

/** The package's own plan knowledge, loaded once per knowledge. Throws only if the shipped files are broken. */
export function defaultPlanKnowledge(k: Knowledge): PlanKnowledge {
  let pk = cache.get(k);
  if (!pk) {
    const r = loadPlanKnowledge(k);
    if (!r.ok)
      throw new Error(
        `backcheck's plan knowledge is invalid:\n${r.problems.map((p) => `${p.path}: ${p.message}`).join("\n")}`,
      );
    pk = r.value;
    cache.set(k, pk);
  }
  return pk;
}
