import { memoByIdentity, truthOf, type Prepared } from "../engine/logic.js";
import type { Case } from "../engine/types.js";
import { leaves } from "../knowledge/predicate.js";
import type { Finding, Knowledge } from "../knowledge/schema.js";
import { hasText, text } from "../knowledge/texts.js";
import type { TextKey } from "../knowledge/text-key.js";

/** A checklist ("any of these?") gathers the yes/no findings of one group into one question. */
export type QuestionKind = Finding["kind"] | "checklist";

export interface Option {
  value: string;
  label: string;
}

/** One question as an interface shows it: texts in the requested language, the answers it accepts. */
export interface Question {
  /** The finding id, or `group.<id>` for a checklist. */
  id: string;
  kind: QuestionKind;
  /** The findings this question settles. */
  fields: string[];
  text: string;
  help?: string;
  /** Single and multiple choice: the options; checklist: one option per finding (value = finding id). */
  options?: Option[];
  min?: number;
  max?: number;
  /** Multiple choice: the fewest options an answer must choose ("don't know" aside). */
  min_items?: number;
  /** "Don't know" is always allowed. */
  unknown_label: string;
}

const GROUP_PREFIX = "group.";

/** The fields whose answers decide whether a finding applies (e.g. sex for the pregnancy question). */
export const prerequisites: (f: Finding) => string[] = memoByIdentity((f: Finding) =>
  f.applies ? [...new Set([...leaves(f.applies)].map((l) => l.leaf.field))] : [],
);

export type Availability = "askable" | "blocked" | "not_applicable" | "settled";

/**
 * Whether a finding can be asked now. It is blocked while a field that decides whether it applies is
 * still open, so nobody is asked about pregnancy before we know who is answering.
 */
export function availability(f: Finding, c: Case | Prepared, settled: ReadonlySet<string>): Availability {
  if (settled.has(f.id)) return "settled";
  if (f.applies) {
    const applies = truthOf(f.applies, c);
    if (applies === false) return "not_applicable";
    if (prerequisites(f).some((p) => !settled.has(p))) return "blocked";
    // Its prerequisites were answered "don't know": we cannot tell it applies, so it is not asked.
    if (applies === null) return "not_applicable";
  }
  return "askable";
}

/** The question that asks about a finding: the finding itself, or its group's checklist. */
export function questionIdOf(f: Finding): string {
  return f.group ? `${GROUP_PREFIX}${f.group}` : f.id;
}

/** Builds the question for an id, limited to the askable findings (a checklist shows only those). */
export function buildQuestion(id: string, askable: readonly string[], k: Knowledge, lang: string): Question {
  const t = (key: TextKey): string => text(k, lang, key);
  const unknown_label = t("answer.unknown");
  if (id.startsWith(GROUP_PREFIX)) {
    const group = id.slice(GROUP_PREFIX.length);
    const members = k.findings.filter((f) => f.group === group && askable.includes(f.id));
    // A list of one is not a list: "any of these?" over a single item is asked as that item's yes/no.
    if (members.length === 1) {
      const f = members[0]!;
      return {
        id: f.id,
        kind: "boolean",
        fields: [f.id],
        text: t("question.single_item").replace("{item}", t(`finding.${f.id}.question`)),
        options: [
          { value: "true", label: t("answer.yes") },
          { value: "false", label: t("answer.no") },
        ],
        unknown_label,
      };
    }
    return {
      id,
      kind: "checklist",
      fields: members.map((f) => f.id),
      text: t(`group.${group}.question`),
      options: members.map((f) => ({ value: f.id, label: t(`finding.${f.id}.question`) })),
      unknown_label,
    };
  }
  const f = k.findings.find((x) => x.id === id);
  if (!f) throw new Error(`unknown question ${id}`);
  const q: Question = { id, kind: f.kind, fields: [f.id], text: t(`finding.${f.id}.question`), unknown_label };
  if (hasText(k, lang, `finding.${f.id}.help`)) q.help = t(`finding.${f.id}.help`);
  if (f.options) q.options = f.options.map((o) => ({ value: o, label: t(`option.${f.id}.${o}`) }));
  if (f.kind === "boolean")
    q.options = [
      { value: "true", label: t("answer.yes") },
      { value: "false", label: t("answer.no") },
    ];
  if (f.min !== undefined) q.min = f.min;
  if (f.max !== undefined) q.max = f.max;
  if (f.min_items !== undefined) q.min_items = f.min_items;
  return q;
}
