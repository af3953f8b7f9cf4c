import type uPlot from "uplot";
import { ApiError, getJson, h, lang, OfflineError, postJson, show, t } from "./kernel";

/** The plan as GET/POST /api/plan return it (src/plan/describe.ts PlanView). */
interface ExerciseView {
  id: string;
  kind: "exercise" | "step";
  name: string;
  dose_text: string;
  how: string;
  feel?: string;
  avoid: string;
  illustration: string;
  needs_clearance?: boolean;
}
interface StageView {
  index: number;
  id: string;
  name: string;
  goal: string;
  exercises: ExerciseView[];
  move_on: string;
  hold: string;
  step_back: string;
}
export interface PlanView {
  available: boolean;
  reason?: { code: string; triage: string; text: string; because: string[]; date?: string };
  triage: string;
  urgency: { label: string; action: string };
  activity_plan: { id: string; name: string };
  wording?: string;
  stage: { index: number; id: string; name: string } | null;
  stages: StageView[];
  today: (StageView & { next: string; sources: string[] }) | null;
  change?: { date: string; from: { index: number }; to: { index: number }; rule: string; why: string };
  history: { date: string; rule: string; to: { index: number } }[];
  sources: { id: string; title: string; section?: string }[];
  disclaimer: string;
}

/** The page's own styles, kept with the page; the print rules fit the plan on one A4 page. */
const STYLE = `
.plan-wording { background: var(--soft); border-left: 4px solid var(--doctor); padding: .6rem .9rem; border-radius: 4px; }
.plan-today { border: 2px solid var(--self_care); border-radius: 12px; padding: .8rem 1rem; margin: .8rem 0; }
.plan-today h2 { margin: 0 0 .3rem; }
.plan-change { font-weight: 600; }
.plan-change.step_back { color: var(--urgent); }
.plan-grid { display: grid; grid-template-columns: 1fr; gap: .7rem; margin: .8rem 0; padding: 0; list-style: none; }
@media (min-width: 700px) { .plan-grid { grid-template-columns: 1fr 1fr; } }
.plan-card { border: 1px solid var(--line); border-radius: 10px; padding: .6rem .8rem; display: grid; grid-template-columns: 96px 1fr; gap: .7rem; align-items: start; }
.plan-card img { width: 96px; height: auto; }
.plan-card p + p { margin-top: .2rem; }
@media (max-width: 480px) { .plan-card { grid-template-columns: 64px 1fr; } .plan-card img { width: 64px; } }
.plan-card h3 { margin: 0; font-size: 1.02rem; }
.plan-card p { margin: 0; font-size: .92rem; }
.plan-dose { font-weight: 700; color: var(--accent); }
.plan-rules li { margin: .25rem 0; }
.plan-ladder { display: flex; flex-wrap: wrap; gap: .3rem; padding: 0; list-style: none; counter-reset: none; }
.plan-ladder li { border: 1px solid var(--line); border-radius: 999px; padding: .15rem .6rem; font-size: .88rem; color: var(--muted); }
.plan-ladder li[aria-current] { border-color: var(--self_care); background: var(--self_care); color: #fff; font-weight: 700; }
.plan-sources { font-size: .8rem; color: var(--muted); }
@media print {
  :root { font-size: 9pt; }
  main h1 { font-size: 13pt; margin: 0 0 .2rem; }
  .plan-today { border-width: 1px; padding: .3rem .5rem; margin: .3rem 0; }
  .plan-grid { grid-template-columns: 1fr 1fr; gap: .25rem .5rem; margin: .3rem 0; }
  .plan-card { grid-template-columns: 52px 1fr; padding: .2rem .4rem; break-inside: avoid; }
  .plan-card img { width: 52px; }
  .plan-card p { font-size: 8pt; }
  .plan-rules li, .plan-ladder li { margin: 0; font-size: 8pt; }
  .plan-ladder li[aria-current] { background: none; color: #000; border: 2px solid #000; }
  .plan-sources { font-size: 7pt; }
  .plan-wording { padding: .2rem .5rem; }
  /* One page: what to feel is for the screen; the stage names speak for themselves. */
  .plan-feel, .plan-stages-title { display: none; }
}`;

function styles(): void {
  if (document.getElementById("plan-style")) return;
  document.head.append(h("style", { id: "plan-style" }, STYLE));
}

function card(e: ExerciseView): HTMLElement {
  return h(
    "li",
    { class: "plan-card", "data-exercise": e.id },
    h("img", { src: `/api/plan/illustrations/${e.illustration}`, alt: "", width: 96, height: 58 }),
    h(
      "div",
      {},
      h("h3", {}, e.name),
      h("p", { class: "plan-dose" }, e.dose_text),
      h("p", {}, e.how),
      e.needs_clearance ? h("p", { class: "error" }, t("plan.needs_clearance")) : null,
      e.feel ? h("p", { class: "plan-feel" }, h("strong", {}, `${t("plan.feel")}: `), e.feel) : null,
      h("p", {}, h("strong", {}, `${t("plan.avoid")}: `), e.avoid),
    ),
  );
}

/** Sources in short: the seed article once, with its sections; the others by title. */
function sourceLine(v: PlanView, ids: string[]): HTMLElement {
  const chosen = v.sources.filter((s) => ids.includes(s.id));
  const seed = chosen.filter((s) => s.id.startsWith("seed."));
  const parts = chosen.filter((s) => !s.id.startsWith("seed.")).map((s) => s.title);
  if (seed.length) parts.unshift(`${seed[0]!.title}: ${seed.map((s) => `“${s.section ?? s.id}”`).join(", ")}`);
  return h("p", { class: "plan-sources" }, `${t("plan.sources")}: `, parts.join("; "));
}

function render(v: PlanView): void {
  styles();
  const title = h(
    "div",
    {},
    h("h1", {}, t("plan.title")),
    h("p", { class: "lead" }, `${t("plan.activity")} ${v.activity_plan.name}`),
  );
  const sources = sourceLine(v, v.today?.sources ?? v.sources.map((s) => s.id));
  if (!v.available || !v.today) {
    show(
      title,
      h(
        "div",
        { class: `urgency ${v.triage}`, id: "plan-reason" },
        h("p", {}, h("strong", {}, v.urgency.label)),
        h("p", {}, v.urgency.action),
      ),
      h("p", {}, v.reason?.text ?? ""),
      v.reason?.because.length
        ? h(
            "ul",
            { class: "plain" },
            v.reason.because.map((b) => h("li", {}, b)),
          )
        : null,
      sources,
      h("p", { class: "cite report-only" }, v.disclaimer),
    );
    return;
  }
  const today = v.today;
  show(
    title,
    h("p", { class: "plan-wording", id: "plan-wording" }, v.wording ?? ""),
    h(
      "section",
      { class: "plan-today", "aria-labelledby": "plan-stage" },
      h(
        "h2",
        { id: "plan-stage", "data-stage": today.index },
        `${t("plan.today")}: ${t("plan.stage_n", { n: today.index, total: v.stages.length })} — ${today.name}`,
      ),
      h("p", {}, h("strong", {}, `${t("plan.goal")}: `), today.goal),
      v.change
        ? h(
            "p",
            { class: `plan-change ${v.change.rule}`, id: "plan-change" },
            `${t("plan.change")} (${v.change.date}): ${v.change.why}`,
          )
        : h("p", { class: "help" }, t("plan.no_diary")),
      h("p", { id: "plan-next" }, today.next),
    ),
    h("ul", { class: "plan-grid" }, today.exercises.map(card)),
    h(
      "ul",
      { class: "plain plan-rules" },
      h("li", {}, today.hold),
      h("li", {}, today.step_back),
      h("li", {}, t("plan.stop_rule")),
    ),
    h("h2", { class: "plan-stages-title" }, t("plan.stages")),
    h(
      "ol",
      { class: "plan-ladder" },
      v.stages.map((s) =>
        h(
          "li",
          { ...(s.index === today.index ? { "aria-current": "step" } : {}), title: s.goal },
          `${s.index}. ${s.name}`,
        ),
      ),
    ),
    sources,
    h("p", { class: "cite report-only" }, v.disclaimer),
    h(
      "div",
      { class: "no-print" },
      h("button", { class: "btn primary", id: "plan-print", onclick: () => window.print() }, t("plan.print")),
      h("a", { class: "btn small", href: "#/diary" }, t("diary.title")),
    ),
  );
}

/**
 * The plan for this person. The latest result of this device, when there is one, with the diary of a
 * logged-in person (POST: worked out and not stored); else a logged-in person's plan from the account's
 * latest assessment and diary (GET). Without either there is no plan (404).
 */
async function fetchPlan(loggedIn: boolean, latestCase?: Record<string, unknown>): Promise<PlanView> {
  if (latestCase) {
    const diary = loggedIn
      ? await getJson<{ entries: unknown[] }>("/api/diary/export").catch(() => undefined)
      : undefined;
    return postJson<PlanView>(`/api/plan?lang=${lang()}`, {
      case: latestCase,
      ...(diary ? { diary: { entries: diary.entries } } : {}),
    });
  }
  if (loggedIn) return getJson<PlanView>(`/api/plan?lang=${lang()}`);
  throw new ApiError(404, undefined);
}

/** The plan page, from the latest result and (with an account) the diary. */
export async function planScreen(loggedIn: boolean, latestCase?: Record<string, unknown>): Promise<void> {
  try {
    return render(await fetchPlan(loggedIn, latestCase));
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 404)) {
      show(
        h("h1", {}, t("plan.title")),
        h("p", { class: "error", role: "alert" }, e instanceof OfflineError ? t("web.offline") : t("web.error")),
      );
      return;
    }
  }
  show(
    h("h1", {}, t("plan.title")),
    h("p", {}, t("plan.login_or_assess")),
    h("a", { class: "btn small", href: "#/" }, t("web.start")),
  );
}

const nextDay = (d: string): string => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The plan's stages on the diary chart: a dashed line where the plan moved on, stepped back or stopped
 * (the morning after the session that decided it), labelled with the new stage. Empty without a plan.
 */
export async function planMarks(latestCase?: Record<string, unknown>): Promise<uPlot.Plugin[]> {
  const v = await fetchPlan(true, latestCase).catch(() => undefined);
  if (!v) return [];
  const marks = v.history
    .filter((x) => x.rule !== "hold")
    .map((x) => ({
      date: nextDay(x.date),
      label: t("plan.stage_mark", { n: x.to.index }),
      colour: x.rule === "step_back" ? "#b45309" : "#15803d",
    }));
  if (!v.available && v.reason?.date)
    marks.push({ date: v.reason.date, label: t("plan.stop_mark"), colour: "#b91c1c" });
  if (!marks.length) return [];
  return [
    {
      hooks: {
        draw: (u: uPlot) => {
          const ctx = u.ctx;
          ctx.save();
          ctx.setLineDash([5, 4]);
          ctx.lineWidth = 2;
          ctx.font = `${Math.round(12 * devicePixelRatio)}px system-ui, sans-serif`;
          for (const m of marks) {
            const x = u.valToPos(Date.parse(`${m.date}T00:00:00Z`) / 1000, "x", true);
            if (!Number.isFinite(x) || x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
            ctx.strokeStyle = m.colour;
            ctx.fillStyle = m.colour;
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
            // The label sits right of the line, or left of it at the chart's right edge.
            const w = ctx.measureText(m.label).width;
            ctx.fillText(
              m.label,
              x + 4 + w > u.bbox.left + u.bbox.width ? x - 4 - w : x + 4,
              u.bbox.top + 14 * devicePixelRatio,
            );
          }
          ctx.restore();
        },
      },
    },
  ];
}
