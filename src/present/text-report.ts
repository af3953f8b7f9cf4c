import pc from "picocolors";
import type { Assessment } from "../engine/assess.js";
import type { Triage } from "../engine/types.js";
import { ADVICE_KINDS } from "../knowledge/advice-kinds.js";
import type { Knowledge } from "../knowledge/schema.js";
import { describeAnswer, hasText, text } from "../knowledge/texts.js";
import type { TextKey } from "../knowledge/text-key.js";

export interface TextOptions {
  lang: string;
  color: boolean;
  /** Width to wrap at; the terminal's or 100. */
  width?: number;
}

const MAX_PER_KIND = 3;

const TRIAGE_STYLE: Record<Triage, (s: string) => string> = {
  emergency: (s) => pc.bold(pc.bgRed(pc.white(` ${s} `))),
  urgent: (s) => pc.bold(pc.bgYellow(pc.black(` ${s} `))),
  doctor: (s) => pc.bold(pc.bgBlue(pc.white(` ${s} `))),
  self_care: (s) => pc.bold(pc.bgGreen(pc.black(` ${s} `))),
};

/**
 * Wraps `s` at spaces to the width: the first line follows `first` (a label, a number) and is measured with
 * it, the next lines start with `indent`. Returns the lines without `first`, for the caller to put before.
 */
function wrap(s: string, width: number, indent: string, first = indent): string {
  const words = s.split(/\s+/);
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    const prefix = lines.length === 0 ? first : indent;
    if (line && `${prefix}${line} ${w}`.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : indent + l)).join("\n");
}

/** `first` then `s` wrapped to the width, its first line measured with `first`. */
const labelled = (first: string, s: string, width: number, indent: string): string =>
  first + wrap(s, width, indent, first);

/** The assessment written for a person: urgency first, then why, what to do, who to see, sources. */
export function renderText(a: Assessment, k: Knowledge, o: TextOptions): string {
  const t = (key: TextKey): string => text(k, o.lang, key);
  const id = (s: string): string => s;
  const bold = o.color ? pc.bold : id;
  const dim = o.color ? pc.dim : id;
  const width = o.width ?? 100;
  const out: string[] = [];
  const cite = new Map<string, number>();
  const ref = (sources: string[]): string =>
    dim(
      "[" +
        sources
          .map((s) => {
            if (!cite.has(s)) cite.set(s, cite.size + 1);
            return String(cite.get(s));
          })
          .join(", ") +
        "]",
    );
  const item = (s: string, sources?: string[]): void => {
    out.push(`  • ${wrap(sources ? `${s} ${ref(sources)}` : s, width, "    ")}`);
  };
  const heading = (s: string): void => {
    out.push("", bold(wrap(s, width, "")));
  };
  // Grouped yes/no findings are worded as list items ("Numb leg"), so they are shown by their label.
  const label_ = (field: string): string =>
    k.findings.find((f) => f.id === field)?.group !== undefined
      ? `${t(`finding.${field}.label`)}?`
      : t(`finding.${field}.question`);

  const label = t(`triage.${a.triage}.label`).toUpperCase();
  out.push(o.color ? TRIAGE_STYLE[a.triage](label) : `== ${label} ==`);
  // An emergency starts with the number to call; nothing may come before it.
  if (a.emergency_number)
    out.push(bold(wrap(text(k, o.lang, "result.call").replace("{number}", a.emergency_number), width, "")));
  out.push(wrap(t(`triage.${a.triage}.action`), width, ""));
  const number = a.emergency_number ?? "112";
  const fill = (s: string): string => s.replace("{number}", number);

  const adviceOf = (kind: string, more = false) =>
    a.advice.filter((x) => x.kind === kind && (x.more === true) === more);
  const top = a.conditions[0];
  const doNow = (): void => {
    heading(t("ui.what_to_do_now"));
    for (const x of adviceOf("first_aid"))
      item(`${bold(t(`advice.${x.id}.title`))}: ${t(`advice.${x.id}.text`)}`, x.sources);
    for (const x of adviceOf("now")) item(`${bold(t(`advice.${x.id}.title`))}: ${t(`advice.${x.id}.text`)}`, x.sources);
    if (top) item(t(`condition.${top.id}.now`), k.conditions.find((c) => c.id === top.id)?.sources.slice(0, 2) ?? []);
  };
  // Emergency: the call, then first aid, before any explanation.
  if (a.triage === "emergency") doNow();

  heading(t("ui.why"));
  if (a.reasons.length === 0) item(t(a.open_warning_signs.length ? "result.not_asked_signs" : "ui.no_rule"));
  // The reasons at the deciding level explain the answer; lower ones stay in the JSON and would only
  // bury the message for a worried reader.
  for (const r of a.reasons.filter((x) => x.level === a.triage).slice(0, 4)) {
    const because = r.facts.map((f) => describeAnswer(k, o.lang, f.field, f.value));
    const assumed =
      r.rule === "could_not_rule_out"
        ? []
        : r.assumed.map((f) => `${text(k, o.lang, `finding.${f}.label`)}: ${t("ui.assumed")}`);
    const extra = [...because, ...assumed];
    item(`${fill(t(`rule.${r.rule}.reason`))}${extra.length ? ` ${dim(`(${extra.join("; ")})`)}` : ""}`, r.sources);
  }
  if (a.reasons.length === 0 && a.open_warning_signs.length) {
    for (const w of a.open_warning_signs.slice(0, 6)) item(label_(w.field));
  }
  // Signs asked and not known: say which, and how a person can check where they can.
  const unsure = a.open_warning_signs.filter((w) => w.asked);
  if (unsure.length && a.triage !== "emergency") {
    heading(t("result.open_warning_signs"));
    for (const w of unsure) {
      const check = hasText(k, o.lang, `finding.${w.field}.check`) ? text(k, o.lang, `finding.${w.field}.check`) : "";
      item(`${label_(w.field)}${check ? ` ${dim(check)}` : ""}`);
    }
  }

  if (a.triage !== "emergency") doNow();

  heading(t("ui.likely_causes"));
  a.conditions.slice(0, 3).forEach((c, i) => {
    const name = t(`condition.${c.id}.name`);
    const tag = `(${t(`result.likelihood.${c.likelihood}`)})`;
    const first = `  ${i + 1}. `;
    const lines = wrap(name, width, "     ", first).split("\n");
    // The likelihood goes to a line of its own when the name's last line leaves no room for it.
    const last = (lines.length === 1 ? first : "") + lines[lines.length - 1];
    const room = `${last} ${tag}`.length <= width;
    out.push(`${first}${bold(lines.join("\n"))}${room ? " " : "\n     "}${dim(tag)}`);
    out.push(`     ${wrap(t(`condition.${c.id}.description`), width, "     ")}`);
    const pro = c.for.slice(0, 4).flatMap((e) => e.facts.map((f) => describeAnswer(k, o.lang, f.field, f.value)));
    const con = c.against.slice(0, 3).flatMap((e) => e.facts.map((f) => describeAnswer(k, o.lang, f.field, f.value)));
    if (pro.length)
      out.push(dim(labelled(`     ${t("ui.speaks_for")}: `, [...new Set(pro)].join("; "), width, "       ")));
    if (con.length)
      out.push(dim(labelled(`     ${t("ui.speaks_against")}: `, [...new Set(con)].join("; "), width, "       ")));
  });
  if (a.conditions.length > 3) {
    out.push(
      `     ${dim(
        wrap(
          a.conditions
            .slice(3)
            .map((c) => t(`condition.${c.id}.name`))
            .join("; "),
          width,
          "     ",
        ),
      )}`,
    );
  }
  if (a.must_rule_out.length) {
    heading(t("result.must_rule_out"));
    out.push(`  ${wrap(a.must_rule_out.map((m) => t(`condition.${m.id}.name`)).join(" · "), width, "  ")}`);
  }

  if (a.specialists.length) {
    heading(t(a.triage === "self_care" ? "ui.who_to_see_if_needed" : "ui.who_to_see"));
    out.push(`  ${wrap(a.specialists.map((s) => t(`specialist.${s}`)).join(" · "), width, "  ")}`);
  }
  if (a.investigations.length) {
    heading(t("ui.tests"));
    for (const i of a.investigations) item(`${t(`investigation.${i.id}.name`)}: ${t(`investigation.${i.id}.why`)}`);
  }

  for (const kind of ADVICE_KINDS.filter((x) => x !== "first_aid" && x !== "now")) {
    const items = adviceOf(kind);
    if (!items.length) continue;
    heading(t(`ui.kind.${kind}`));
    // The full list is in the JSON; a person reading a terminal gets the most relevant few per kind.
    for (const x of items.slice(0, MAX_PER_KIND))
      item(`${bold(t(`advice.${x.id}.title`))}: ${t(`advice.${x.id}.text`)}`, x.sources);
  }

  // Warning signs nobody asked about (a form given whole): never claim there are none.
  const unasked = a.open_warning_signs.filter((w) => !w.asked);
  if (unasked.length && a.triage !== "emergency" && a.reasons.length > 0) {
    heading(t("result.not_asked_signs"));
    for (const w of unasked.slice(0, 6)) item(label_(w.field));
  }

  heading(t("ui.sources"));
  const byId = new Map(k.sources.map((s) => [s.id, s]));
  for (const [s, n] of cite) {
    const src = byId.get(s);
    const title = src ? (src.section ? `${src.title}: “${src.section}”` : src.title) : s;
    out.push(dim(labelled(`  ${n}. `, title, width, "     ")));
  }
  out.push("", wrap(t("disclaimer"), width, ""));
  // Which knowledge gave this result, so a printed or pasted report can be traced and reproduced.
  // (A result stored before versions were recorded has none.)
  if (a.knowledge_version) out.push(dim(`${t("report.knowledge_version")}: ${a.knowledge_version}`));
  return out.join("\n");
}
