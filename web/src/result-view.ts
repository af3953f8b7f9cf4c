import { dateLocale, describeAnswer, h, has, lang, t } from "./kernel";
import { callBlock } from "./emergency";
import { fhirDownloadButton } from "./fhir-download";
import type { Fact, Result, Source } from "./types";

const KIND_ORDER = [
  "first_aid",
  "now",
  "self_care",
  "training",
  "technique",
  "prevention",
  "parent_plan",
  "watch_for",
] as const;
/** On screen every entry is shown; the one-page print keeps the first few of each kind. */
const PRINT_PER_KIND = 2;

/** The answers: every "yes" and every value in a list, the many "no" answers on one line, so the report fits a page. */
function answersSection(answers: Record<string, unknown>): HTMLElement {
  const entries = Object.entries(answers);
  const no = entries.filter(([, v]) => v === false).map(([f]) => t(`finding.${f}.label`));
  return h(
    "section",
    {},
    h("h2", {}, t("web.answers")),
    h(
      "ul",
      { class: "plain answers" },
      entries.filter(([, v]) => v !== false).map(([field, value]) => h("li", {}, describeAnswer(field, value))),
    ),
    no.length ? h("p", { class: "because" }, `${t("answer.no")}: ${no.join(", ")}`) : null,
  );
}

const facts = (fs: Fact[]): string => [...new Set(fs.map((f) => describeAnswer(f.field, f.value)))].join("; ");

/**
 * The result, urgency first, then why, what to do, the likely causes with the answers behind them, whom
 * to see, what a doctor may check, advice and what to watch for, sources. It only renders what the
 * engine decided; no clinical rule lives here.
 */
/**
 * One source as a reader expects it: authors or publisher, title (in the reader's language where a
 * translation exists, else the original, marked with its language), year, and a link where one exists.
 */
export function sourceEntry(s: Source): HTMLElement {
  const translated = s.titles?.[lang()];
  const original = s.lang ?? "en";
  const title = translated ?? s.title;
  const langName = `web.lang_name.${original}`;
  const marker =
    !translated && original !== lang() && has(langName) ? ` (${t("web.source_in", { language: t(langName) })})` : "";
  const who = (s.authors ?? s.publisher)?.replace(/\.$/, "");
  return h(
    "li",
    { class: s.authors && s.publisher ? "has-authors" : undefined },
    who ? `${who}. ` : "",
    h(
      "span",
      { class: "title" },
      s.url
        ? h(
            "a",
            { href: s.url, rel: "noopener noreferrer", target: "_blank", lang: translated ? undefined : original },
            title,
          )
        : h("cite", { lang: translated ? undefined : original }, title),
      s.authors && s.publisher ? ". " : "",
    ),
    s.authors && s.publisher ? s.publisher : "",
    s.kind === "seed" ? ` (${t("web.source_seed")})` : "",
    s.year ? `, ${s.year}` : "",
    marker,
    s.url ? h("span", { class: "url" }, ` ${s.url}`) : null,
  );
}

export function resultView(a: Result, answers: Record<string, unknown>, sources: Source[], date: Date): HTMLElement {
  const byId = new Map(sources.map((s) => [s.id, s]));
  // Numbered by document: the many sections of the seed article are one source to a reader.
  const docOf = (id: string): string => (byId.get(id)?.kind === "seed" ? "seed" : id);
  const docs = new Map<string, { n: number; id: string }>();
  const cite = (ids: string[]) =>
    h(
      "span",
      { class: "cite" },
      ` [${[
        ...new Set(
          ids.map((id) => {
            const doc = docOf(id);
            if (!docs.has(doc)) docs.set(doc, { n: docs.size + 1, id });
            return docs.get(doc)!.n;
          }),
        ),
      ].join(", ")}]`,
    );
  // Advice the engine marks `more` does not fit this urgency's first screen: it waits behind "More".
  const adviceOf = (kind: string) => a.advice.filter((x) => x.kind === kind && !x.more);
  const more = a.advice.filter((x) => x.more);
  const emergency = a.triage === "emergency";
  const adviceItem = (x: { id: string; sources: string[] }, i: number) =>
    h(
      "li",
      { class: i >= PRINT_PER_KIND ? "advice-extra" : undefined },
      h("strong", {}, t(`advice.${x.id}.title`)),
      ": ",
      t(`advice.${x.id}.text`),
      cite(x.sources),
    );

  const deciding = a.reasons.filter((r) => r.level === a.triage);
  const top = a.conditions[0];
  const sections: (HTMLElement | null)[] = [
    h(
      "div",
      { class: "report-only" },
      h("h1", {}, t("web.report_title")),
      h(
        "p",
        {},
        `${t("web.report_date")}: ${date.toLocaleDateString(dateLocale(), { dateStyle: "long" })}`,
        a.knowledge_version ? ` · ${t("web.knowledge_version", { version: a.knowledge_version })}` : "",
      ),
    ),
    h(
      "section",
      { class: `urgency ${a.triage}`, "aria-labelledby": "urgency-title" },
      h("h1", { id: "urgency-title" }, t(`triage.${a.triage}.label`)),
      h("p", {}, t(`triage.${a.triage}.action`)),
      emergency ? callBlock(a.emergency_number ?? "112") : null,
    ),
    adviceOf("first_aid").length
      ? h(
          "section",
          { class: "print-keep first-aid" },
          h("h2", {}, t("ui.kind.first_aid")),
          h(
            "ul",
            { class: "plain" },
            adviceOf("first_aid").map((x) => adviceItem(x, 0)),
          ),
        )
      : null,
    adviceOf("now").length
      ? h(
          "section",
          { class: "print-keep" },
          h("h2", {}, t("ui.kind.now")),
          h(
            "ul",
            { class: "plain" },
            adviceOf("now").map((x) => adviceItem(x, 0)),
          ),
        )
      : null,
    h(
      "section",
      {},
      h("h2", {}, t("ui.why")),
      h(
        "ul",
        { class: "plain" },
        deciding.length
          ? deciding.map((r) =>
              h(
                "li",
                {},
                t(`rule.${r.rule}.reason`, { number: a.emergency_number ?? "112" }),
                r.facts.length ? h("div", { class: "because" }, facts(r.facts)) : null,
                cite(r.sources),
              ),
            )
          : // "No warning sign was found" only when none is left open.
            [h("li", {}, t(a.open_warning_signs.length ? "result.no_sign_in_answers" : "ui.no_rule"))],
      ),
    ),
    // Warning signs still open: answered "I don't know" (with how to check where a person can), or not asked.
    !emergency && a.open_warning_signs.length
      ? h(
          "section",
          { class: "open-signs" },
          h(
            "h2",
            {},
            t(a.open_warning_signs.some((w) => w.asked) ? "result.open_warning_signs" : "result.not_asked_signs"),
          ),
          h(
            "ul",
            { class: "plain" },
            a.open_warning_signs
              .slice(0, 8)
              .map((w) =>
                h(
                  "li",
                  {},
                  t(`finding.${w.field}.label`),
                  has(`finding.${w.field}.check`)
                    ? h("div", { class: "because" }, t(`finding.${w.field}.check`))
                    : null,
                ),
              ),
          ),
        )
      : null,
    top && !emergency
      ? h("section", {}, h("h2", {}, t("ui.what_to_do_now")), h("p", {}, t(`condition.${top.id}.now`)))
      : null,
    h(
      "section",
      {},
      h("h2", {}, t("ui.likely_causes")),
      a.conditions.slice(0, 3).map((c, i) =>
        h(
          "div",
          { class: `cause${i > 0 ? " causes-extra" : ""}` },
          // In words: the scores are hand-set weights, not measured probabilities.
          h(
            "h3",
            {},
            `${i + 1}. ${t(`condition.${c.id}.name`)}`,
            h("span", { class: "likelihood" }, ` (${t(`result.likelihood.${c.likelihood}`)})`),
          ),
          h("p", { class: "description" }, t(`condition.${c.id}.description`)),
          c.for.length
            ? h(
                "p",
                { class: "because" },
                `${t("ui.speaks_for")}: ${facts(c.for.slice(0, 4).flatMap((e) => e.facts))}`,
                cite(c.sources.slice(0, 3)),
              )
            : null,
          c.against.length
            ? h(
                "p",
                { class: "because" },
                `${t("ui.speaks_against")}: ${facts(c.against.slice(0, 3).flatMap((e) => e.facts))}`,
              )
            : null,
        ),
      ),
    ),
    a.must_rule_out.length
      ? h(
          "section",
          { class: "rule-out" },
          h("h2", {}, t("result.must_rule_out")),
          h("p", {}, a.must_rule_out.map((m) => t(`condition.${m.id}.name`)).join(" · ")),
        )
      : null,
    a.specialists.length
      ? h(
          "section",
          {},
          h("h2", {}, t(a.triage === "self_care" ? "ui.who_to_see_if_needed" : "ui.who_to_see")),
          h("p", {}, a.specialists.map((s) => t(`specialist.${s}`)).join(" · ")),
        )
      : null,
    a.investigations.length
      ? h(
          "section",
          { class: "tests" },
          h("h2", {}, t("ui.tests")),
          h(
            "ul",
            { class: "plain" },
            a.investigations.map((i) =>
              h("li", {}, h("strong", {}, t(`investigation.${i.id}.name`)), ": ", t(`investigation.${i.id}.why`)),
            ),
          ),
        )
      : null,
    ...KIND_ORDER.filter((k) => k !== "first_aid" && k !== "now").map((kind) =>
      adviceOf(kind).length
        ? h(
            "section",
            { class: `advice advice-${kind}` },
            h("h2", {}, t(`ui.kind.${kind}`)),
            h("ul", { class: "plain" }, adviceOf(kind).map(adviceItem)),
          )
        : null,
    ),
    more.length
      ? h(
          "details",
          { class: "more no-print" },
          h("summary", {}, t("result.more")),
          h(
            "ul",
            { class: "plain" },
            more.map((x, i) => adviceItem(x, i)),
          ),
        )
      : null,
    answersSection(answers),
  ];
  const sourceList = h(
    "section",
    { class: "sources" },
    h("h2", {}, t("web.sources")),
    h(
      "ol",
      {},
      [...docs.values()].map(({ id }) => {
        const s = byId.get(id);
        return s ? sourceEntry(s) : h("li", {}, id);
      }),
    ),
  );
  return h(
    "div",
    {},
    ...sections.filter((x): x is HTMLElement => x !== null),
    sourceList,
    h("p", { class: "disclaimer" }, h("strong", {}, t("disclaimer"))),
    // Which knowledge produced this result: a short content hash, on the screen here, on paper in the header.
    a.knowledge_version
      ? h(
          "p",
          { class: "knowledge-version no-print", id: "knowledge-version" },
          t("web.knowledge_version", { version: a.knowledge_version }),
        )
      : null,
    h("p", { class: "report-only" }, t("web.report_note")),
    h("p", { class: "no-print" }, fhirDownloadButton(answers)),
  );
}
