import { z } from "zod";
import { validateCase } from "../case/validate-case.js";
import type { Problem } from "../errors/problem.js";
import { fail, ok, type Outcome } from "../errors/problem.js";
import { TRIAGE_URGENT_FIRST, type Case } from "../engine/types.js";
import { CONDITIONS } from "../knowledge/vocabulary.js";
import type { Vignette } from "./metrics.js";

const triage = z.enum(TRIAGE_URGENT_FIRST);
const condition = z.enum(CONDITIONS);
const vignetteSchema = z.object({
  id: z.string().min(1),
  story: z.string().optional(),
  case: z.unknown(),
  expect: z.object({
    triage,
    triage_ok: z.array(triage).min(1),
    condition,
    condition_ok: z.array(condition).min(1),
  }),
});

/** The vignette file format of shared/contract/README.md, with each case checked against the contract. */
export function parseVignettes(input: unknown): Outcome<(Vignette & { case: Case })[]> {
  const r = z.array(vignetteSchema).safeParse(input);
  if (!r.success) {
    return fail(
      r.error.issues.map((i) => ({
        code: "vignette.schema",
        path: `vignettes${i.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")}`,
        message: i.message,
      })),
    );
  }
  const problems: Problem[] = [];
  const out: (Vignette & { case: Case })[] = [];
  r.data.forEach((v, i) => {
    const c = validateCase(v.case, `vignettes[${i}].case`);
    if (c.ok) out.push({ ...v, case: c.value } as Vignette & { case: Case });
    else problems.push(...c.problems);
  });
  return problems.length ? fail(problems) : ok(out);
}
