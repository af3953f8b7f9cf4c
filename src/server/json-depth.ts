/**
 * Whether a parsed JSON value nests deeper than `max` arrays and objects. Iterative, so a hostile
 * document thousands of levels deep costs a loop, not the call stack: the route answers 400 before
 * anything recursive (the validator, canonical JSON for the retry check) walks it.
 */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (!v || typeof v !== "object") continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>))
      stack.push([child, depth + 1]);
  }
  return false;
}
