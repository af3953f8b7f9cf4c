import type { ContextLeaf, Leaf, Predicate } from "./predicate.js";

/**
 * A predicate node's parts. The one place that knows how the combinators are spelt: every walk over a
 * predicate (evaluation, trace, look-ahead, validation) goes through `nodeOf`, `nodes` or `leaves`.
 */
export type PredicateNode =
  | { kind: "leaf"; leaf: Leaf }
  | { kind: "context"; context: ContextLeaf }
  | { kind: "not"; child: Predicate }
  | {
      kind: "group";
      op: "all" | "any" | "of";
      children: Predicate[] /** How many children must be true. */;
      need: number;
    };

export function nodeOf(p: Predicate): PredicateNode {
  // Knowledge is immutable once loaded, and the look-ahead walks the same predicates at every step.
  let node = nodeCache.get(p);
  if (!node) {
    node = partsOf(p);
    nodeCache.set(p, node);
  }
  return node;
}

const nodeCache = new WeakMap<Predicate, PredicateNode>();

function partsOf(p: Predicate): PredicateNode {
  if ("field" in p) return { kind: "leaf", leaf: p };
  if ("context" in p) return { kind: "context", context: p.context };
  if ("not" in p) return { kind: "not", child: p.not };
  if ("all" in p) return { kind: "group", op: "all", children: p.all, need: p.all.length };
  if ("any" in p) return { kind: "group", op: "any", children: p.any, need: 1 };
  return { kind: "group", op: "of", children: p.of, need: p.atLeast };
}

/** Every node of a predicate, depth first, with its path and whether it sits under an odd number of "not"s. */
export function* nodes(
  p: Predicate,
  path = "",
  negated = false,
): Generator<{ node: PredicateNode; path: string; negated: boolean }> {
  const node = nodeOf(p);
  yield { node, path, negated };
  if (node.kind === "not") yield* nodes(node.child, `${path}.not`, !negated);
  else if (node.kind === "group")
    for (const [i, c] of node.children.entries()) yield* nodes(c, `${path}.${node.op}[${i}]`, negated);
}

/** Every leaf of a predicate, with its path inside it (for validation against the findings) and its negation. */
export function* leaves(p: Predicate, path = ""): Generator<{ leaf: Leaf; path: string; negated: boolean }> {
  for (const { node, path: at, negated } of nodes(p, path))
    if (node.kind === "leaf") yield { leaf: node.leaf, path: at, negated };
}

/** Whether a predicate reads the assessment context (triage, likely conditions). */
export function usesContext(p: Predicate): boolean {
  for (const { node } of nodes(p)) if (node.kind === "context") return true;
  return false;
}

/** The fields a predicate reads, each once, in the order they first appear. */
export function fieldsOf(p: Predicate): string[] {
  const out: string[] = [];
  for (const { leaf } of leaves(p)) if (!out.includes(leaf.field)) out.push(leaf.field);
  return out;
}
