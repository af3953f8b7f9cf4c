import type { LiteralTextKey } from "./text-keys.js";

/**
 * Families of keys built at run time from an id of the knowledge (`finding.${id}.label`, `option.${field}.${value}`):
 * the compiler cannot know the ids, and the knowledge's own validation checks that every id has its texts.
 * A key of any other family must be one the locale files define.
 */
type KnowledgeFamily =
  | "finding"
  | "group"
  | "option"
  | "condition"
  | "advice"
  | "rule"
  | "investigation"
  | "specialist"
  | "plan";

/** A text key: `t("web.safety_frist")` does not compile. */
export type TextKey = LiteralTextKey | `${KnowledgeFamily}.${string}`;
