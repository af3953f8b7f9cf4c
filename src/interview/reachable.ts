import { leafTest } from "../engine/logic.js";
import { nodeOf } from "../knowledge/predicate-walk.js";
import type { Predicate } from "../knowledge/predicate.js";
import type { Case } from "../engine/types.js";

/** Whether a predicate can still become true, and can still become false, by answering open fields. */
export interface Reach {
  canTrue: boolean;
  canFalse: boolean;
}

/**
 * Looks ahead over every possible answer at once. A field is either answered (its value counts), open
 * (it may still get any answer), or closed without a value ("don't know", or a question that does not
 * apply): then it stays unknown for good, which neither makes a leaf true nor false, except where the
 * leaf names its cautious default. A rule that cannot become true is no reason to ask anything.
 */
export function reach(p: Predicate, c: Case, open: (field: string) => boolean): Reach {
  const node = nodeOf(p);
  if (node.kind === "leaf") {
    const leaf = node.leaf;
    const v = (c as unknown as Record<string, unknown>)[leaf.field];
    if (v === undefined) {
      if (open(leaf.field)) return { canTrue: true, canFalse: true };
      if (leaf.whenUnknown !== undefined) return { canTrue: leaf.whenUnknown, canFalse: !leaf.whenUnknown };
      return { canTrue: false, canFalse: false };
    }
    // Answered: the engine's own leaf test decides it.
    const t = leafTest(leaf)(v);
    return { canTrue: t, canFalse: !t };
  }
  if (node.kind === "context") return { canTrue: true, canFalse: true };
  if (node.kind === "not") {
    const r = reach(node.child, c, open);
    return { canTrue: r.canFalse, canFalse: r.canTrue };
  }
  const children = node.children.map((q) => reach(q, c, open));
  const need = node.need;
  const t = children.filter((r) => r.canTrue).length;
  const f = children.filter((r) => r.canFalse).length;
  return { canTrue: t >= need, canFalse: f > children.length - need };
}
