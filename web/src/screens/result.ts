import { dateLocale, getJson, h, show, store, t } from "../kernel";
import type { Diary } from "../diary-view";
import { resultView } from "../result-view";
import type { Result } from "../types";

/** With an account, the diary's latest follow-up and its chart join the result and the printed report. */
async function appendDiary(): Promise<void> {
  if (!store.user) return;
  const d = await getJson<Diary>("/api/diary").catch(() => undefined);
  if (!d?.entries.length) return;
  const f = d.follow_up;
  const last = d.entries.at(-1)!.date;
  const followUp = f
    ? h(
        "section",
        { class: "follow-up-report", id: "latest-follow-up" },
        h(
          "h2",
          {},
          t("web.latest_follow_up", {
            date: new Date(`${last}T12:00:00Z`).toLocaleDateString(dateLocale(), {
              dateStyle: "long",
              timeZone: "UTC",
            }),
          }),
        ),
        h(
          "div",
          { class: `urgency small ${f.triage}` },
          h("p", {}, h("strong", {}, t(`triage.${f.triage}.label`)), " — ", t(`triage.${f.triage}.action`)),
        ),
        f.changed && f.previous_triage
          ? h(
              "p",
              { class: "changed" },
              t("diary.changed", { from: t(`triage.${f.previous_triage}.label`), to: t(`triage.${f.triage}.label`) }),
            )
          : null,
      )
    : null;
  // The latest follow-up and the chart come first: they supersede the first result, which keeps its own date.
  // The chart library is a chunk of its own: only people with a diary load it.
  const { diaryChart } = await import("../diary-view");
  const chart = h(
    "section",
    { class: "diary-chart" },
    diaryChart(d.chart, Math.min(380, (document.getElementById("main")?.clientWidth ?? 360) - 32), 125),
  );
  document.querySelector("main .report-only")?.after(h("div", { class: "diary-report" }, followUp, chart));
}

export function resultScreen(a: Result, answers: Record<string, unknown>, date: Date, extra: HTMLElement[] = []): void {
  const download = (): void => {
    const blob = new Blob([JSON.stringify(answers, null, 2)], { type: "application/json" });
    const link = h("a", { href: URL.createObjectURL(blob), download: "backcheck-answers.json" }) as HTMLAnchorElement;
    link.click();
    URL.revokeObjectURL(link.href);
  };
  show(
    ...extra,
    resultView(a, answers, store.sources, date),
    h(
      "div",
      { class: "no-print" },
      h("button", { class: "btn primary", id: "print", onclick: () => window.print() }, t("web.print")),
      h("button", { class: "btn", id: "download", onclick: download }, t("web.download")),
      // Back to training is offered only where the plan can be (self-care, a doctor's visit).
      a.triage === "emergency" || a.triage === "urgent"
        ? null
        : h("a", { class: "btn", id: "open-plan", href: "#/plan" }, t("plan.open")),
      h(
        "button",
        { class: "btn", id: "new-check", onclick: () => void import("./interview").then((m) => m.startInterview()) },
        t("web.new_interview"),
      ),
    ),
  );
  void appendDiary();
}
