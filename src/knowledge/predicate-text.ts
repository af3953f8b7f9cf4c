import type { ContextLeaf, Leaf, Predicate } from "./predicate.js";
import { nodeOf } from "./predicate-walk.js";

/**
 * The compact, readable way the knowledge sources write a predicate, and its printer. A reviewer reads
 *
 *     leg_symptoms_side in [both_legs] and (leg_numbness or leg_weakness)
 *       and duration_days < 28 (unknown counts as yes)
 *
 * instead of twenty lines of nested JSON. The grammar, loosest binding first:
 *
 *     expr    := and ("or" and)*                      any of the parts
 *     and     := unary ("and" unary)*                 all of the parts
 *     unary   := "not" unary | primary
 *     primary := "(" expr ")"
 *              | ("all" | "any") "of" "(" expr ("," expr)* ")"
 *              | "at" "least" N "of" "(" expr ("," expr)* ")"
 *              | "@" context | leaf
 *     leaf    := field [test+] ["(" "unknown" "counts" "as" ("yes"|"no") ")"]
 *     test    := "=" value | "in" list | "has" list | "is" ["not"] "empty" | ("<"|"<="|">"|">=") number
 *     context := ("triage" "in" list | "likely" "has" list | "top" "in" list) ("," ...)*   inside @{...}
 *
 * A bare field is "yes" (`fever` means fever: true); `fever = no` is an answered "no", which is not the same
 * as `not fever` in the trace: a negated leaf can only stop a rule, never reveal a red flag. Parenthesised
 * groups stay their own node, so printing and parsing give back the same tree.
 */

export interface ParseError {
  message: string;
  /** 0-based offset in the text. */
  at: number;
}

type Token = { kind: "word" | "num" | "sym"; text: string; at: number };

function tokenize(src: string): Token[] | ParseError {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === "<=" || two === ">=") {
      out.push({ kind: "sym", text: two, at: i });
      i += 2;
      continue;
    }
    if ("()[],=<>@{}:".includes(ch)) {
      out.push({ kind: "sym", text: ch, at: i });
      i++;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(src.slice(i));
    if (num && (ch !== "-" || /\d/.test(src[i + 1] ?? ""))) {
      out.push({ kind: "num", text: num[0], at: i });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (word) {
      out.push({ kind: "word", text: word[0], at: i });
      i += word[0].length;
      continue;
    }
    return { message: `unexpected character "${ch}"`, at: i };
  }
  return out;
}

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly length: number,
  ) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }
  private at(): number {
    return this.peek()?.at ?? this.length;
  }
  private isWord(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.kind === "word" && t.text === text;
  }
  private isSym(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.kind === "sym" && t.text === text;
  }
  private fail(message: string): never {
    throw { message, at: this.at() } satisfies ParseError;
  }
  private expectSym(text: string): void {
    if (!this.isSym(text)) this.fail(`expected "${text}"`);
    this.pos++;
  }
  private expectWord(text: string): void {
    if (!this.isWord(text)) this.fail(`expected "${text}"`);
    this.pos++;
  }

  parseAll(): Predicate {
    const p = this.expr();
    if (this.peek()) this.fail(`unexpected "${this.peek()!.text}"`);
    return p;
  }

  private expr(): Predicate {
    const parts = [this.and()];
    while (this.isWord("or")) {
      this.pos++;
      parts.push(this.and());
    }
    return parts.length === 1 ? parts[0]! : { any: parts };
  }

  private and(): Predicate {
    const parts = [this.unary()];
    while (this.isWord("and")) {
      this.pos++;
      parts.push(this.unary());
    }
    return parts.length === 1 ? parts[0]! : { all: parts };
  }

  private unary(): Predicate {
    if (this.isWord("not")) {
      this.pos++;
      return { not: this.unary() };
    }
    return this.primary();
  }

  private list(): Predicate[] {
    this.expectSym("(");
    const items = [this.expr()];
    while (this.isSym(",")) {
      this.pos++;
      items.push(this.expr());
    }
    this.expectSym(")");
    return items;
  }

  private primary(): Predicate {
    if (this.isSym("(")) {
      this.pos++;
      const inner = this.expr();
      this.expectSym(")");
      return inner;
    }
    if ((this.isWord("all") || this.isWord("any")) && this.isWord("of", 1)) {
      const kind = this.peek()!.text as "all" | "any";
      this.pos += 2;
      const items = this.list();
      return kind === "all" ? { all: items } : { any: items };
    }
    if (this.isWord("at") && this.isWord("least", 1)) {
      this.pos += 2;
      const n = this.peek();
      if (n?.kind !== "num" || !/^\d+$/.test(n.text)) this.fail('expected a whole number after "at least"');
      this.pos++;
      this.expectWord("of");
      return { atLeast: Number(n.text), of: this.list() };
    }
    if (this.isSym("@")) return this.context();
    return this.leaf();
  }

  private names(): string[] {
    this.expectSym("[");
    const out: string[] = [];
    while (!this.isSym("]")) {
      const t = this.peek();
      if (t?.kind !== "word") this.fail("expected a name in the list");
      out.push(t.text);
      this.pos++;
      if (this.isSym(",")) this.pos++;
      else if (!this.isSym("]")) this.fail('expected "," or "]"');
    }
    this.pos++;
    if (out.length === 0) this.fail("a list needs at least one name");
    return out;
  }

  private number(): number {
    const t = this.peek();
    if (t?.kind !== "num") this.fail("expected a number");
    this.pos++;
    return Number(t.text);
  }

  private context(): Predicate {
    this.expectSym("@");
    const single = !this.isSym("{");
    if (!single) this.pos++;
    const ctx: ContextLeaf = {};
    for (;;) {
      const t = this.peek();
      if (t?.kind !== "word" || !["triage", "likely", "top"].includes(t.text))
        this.fail('expected "triage", "likely" or "top" after "@"');
      this.pos++;
      const key = t.text as keyof ContextLeaf;
      if (ctx[key]) this.fail(`"${key}" is given twice`);
      this.expectWord(key === "likely" ? "has" : "in");
      ctx[key] = this.names() as never;
      if (single) break;
      if (this.isSym(",")) {
        this.pos++;
        continue;
      }
      this.expectSym("}");
      break;
    }
    return { context: ctx };
  }

  private leaf(): Predicate {
    const t = this.peek();
    if (t?.kind !== "word" || ["and", "or", "not", "in", "has", "is"].includes(t.text))
      this.fail("expected a field name");
    this.pos++;
    const leaf: Leaf = { field: t.text };
    let tested = false;
    for (;;) {
      if (this.isSym("=")) {
        this.pos++;
        const v = this.peek();
        if (v?.kind !== "word") this.fail('expected a value after "="');
        this.pos++;
        leaf.is = v.text === "yes" ? true : v.text === "no" ? false : v.text;
      } else if (this.isWord("in")) {
        this.pos++;
        leaf.in = this.names();
      } else if (this.isWord("has")) {
        this.pos++;
        leaf.includes = this.names();
      } else if (this.isWord("is")) {
        this.pos++;
        let negated = false;
        if (this.isWord("not")) {
          negated = true;
          this.pos++;
        }
        this.expectWord("empty");
        leaf.empty = !negated;
      } else if (this.isSym("<") || this.isSym("<=") || this.isSym(">") || this.isSym(">=")) {
        const op = this.peek()!.text;
        this.pos++;
        const n = this.number();
        if (op === "<") leaf.lt = n;
        else if (op === "<=") leaf.lte = n;
        else if (op === ">") leaf.gt = n;
        else leaf.gte = n;
      } else break;
      tested = true;
    }
    if (!tested) leaf.is = true;
    if (this.isSym("(") && this.isWord("unknown", 1)) {
      this.pos += 2;
      this.expectWord("counts");
      this.expectWord("as");
      if (this.isWord("yes")) leaf.whenUnknown = true;
      else if (this.isWord("no")) leaf.whenUnknown = false;
      else this.fail('expected "yes" or "no"');
      this.pos++;
      this.expectSym(")");
    }
    return leaf;
  }
}

/** Parses the compact form; an error carries the offset where it was found. */
export function parsePredicate(src: string): { ok: true; value: Predicate } | { ok: false; error: ParseError } {
  const tokens = tokenize(src);
  if (!Array.isArray(tokens)) return { ok: false, error: tokens };
  if (tokens.length === 0) return { ok: false, error: { message: "the condition is empty", at: 0 } };
  try {
    return { ok: true, value: new Parser(tokens, src.length).parseAll() };
  } catch (e) {
    if (e && typeof e === "object" && "message" in e && "at" in e) return { ok: false, error: e as ParseError };
    throw e;
  }
}

const list = (xs: readonly string[]): string => `[${xs.join(", ")}]`;

function printLeaf(l: Leaf): string {
  const tests: string[] = [];
  if (
    l.is !== undefined &&
    !(l.is === true && Object.keys(l).every((k) => k === "field" || k === "is" || k === "whenUnknown"))
  ) {
    tests.push(`= ${l.is === true ? "yes" : l.is === false ? "no" : l.is}`);
  }
  if (l.in) tests.push(`in ${list(l.in)}`);
  if (l.includes) tests.push(`has ${list(l.includes)}`);
  if (l.empty !== undefined) tests.push(l.empty ? "is empty" : "is not empty");
  if (l.gt !== undefined) tests.push(`> ${l.gt}`);
  if (l.gte !== undefined) tests.push(`>= ${l.gte}`);
  if (l.lt !== undefined) tests.push(`< ${l.lt}`);
  if (l.lte !== undefined) tests.push(`<= ${l.lte}`);
  const unknown = l.whenUnknown === undefined ? "" : ` (unknown counts as ${l.whenUnknown ? "yes" : "no"})`;
  return [l.field, ...tests].join(" ") + unknown;
}

function printContext(c: ContextLeaf): string {
  const parts: string[] = [];
  if (c.triage) parts.push(`triage in ${list(c.triage)}`);
  if (c.likely) parts.push(`likely has ${list(c.likely)}`);
  if (c.top) parts.push(`top in ${list(c.top)}`);
  return parts.length === 1 ? `@${parts[0]}` : `@{${parts.join(", ")}}`;
}

/** Prints a predicate in the compact form; parsePredicate(printPredicate(p)) gives p back. */
export function printPredicate(p: Predicate, nested = false): string {
  const node = nodeOf(p);
  if (node.kind === "leaf") return printLeaf(node.leaf);
  if (node.kind === "context") return printContext(node.context);
  if (node.kind === "not") return `not ${printPredicate(node.child, true)}`;
  const { op, children, need } = node;
  if (op === "of") return `at least ${need} of (${children.map((q) => printPredicate(q)).join(", ")})`;
  if (children.length === 1) return `${op} of (${printPredicate(children[0]!)})`;
  const text = children.map((q) => printPredicate(q, true)).join(op === "all" ? " and " : " or ");
  return nested ? `(${text})` : text;
}
