import { fileURLToPath } from "node:url";

/** The knowledge folder of this package: src/ and dist/ both sit one level below the root. */
export const KNOWLEDGE_DIR = fileURLToPath(new URL("../../knowledge/", import.meta.url));

/** The compiled, validated knowledge that `npm run build` writes (scripts/compile-knowledge.mjs). */
export const COMPILED_KNOWLEDGE = fileURLToPath(new URL("../../dist/knowledge.json", import.meta.url));

/**
 * The same compiled form for code run from its TypeScript sources (the tests, through tsx), which cannot use
 * dist/knowledge.json: that file records the hash of the built code. Written only from knowledge that has
 * just passed validation, and read only while the sources and the code hash the same (compiled.ts).
 */
export const SOURCE_RUN_KNOWLEDGE = fileURLToPath(
  new URL("../../node_modules/.cache/backcheck/knowledge.json", import.meta.url),
);
