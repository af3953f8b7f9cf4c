/**
 * What the browser build gets for `zod` (scripts/build-web.mjs). In src/, zod describes the knowledge's
 * and the stored state's shapes for validation at build time and on the server; the engine and the
 * interview only declare those schemas at module level and never parse with them. The browser receives
 * knowledge that the build already validated, so the schemas are built from this inert stand-in, which
 * accepts any chain of builder calls and throws if anything ever tries to parse with it.
 */
const refuse = (): never => {
  throw new Error("zod is not bundled in the browser: validate at build time or on the server");
};
const PARSERS = new Set(["parse", "safeParse", "parseAsync", "safeParseAsync", "decode", "encode"]);
const inert: unknown = new Proxy(function inertSchema() {}, {
  get: (_target, key) =>
    typeof key === "string" && PARSERS.has(key) ? refuse : key === Symbol.toPrimitive ? () => "zod" : inert,
  apply: () => inert,
  construct: () => inert as object,
});
export const z = inert;
export default inert;
