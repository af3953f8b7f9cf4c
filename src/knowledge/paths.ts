import { fileURLToPath } from "node:url";

/** The knowledge folder of this package: src/ and dist/ both sit one level below the root. */
export const KNOWLEDGE_DIR = fileURLToPath(new URL("../../knowledge/", import.meta.url));

/** The compiled, validated knowledge that `npm run build` writes (scripts/compile-knowledge.mjs). */
export const COMPILED_KNOWLEDGE = fileURLToPath(new URL("../../dist/knowledge.json", import.meta.url));
