import type { Knowledge } from "../../../src/knowledge/schema.js";
import { buildFile, KNOWLEDGE_FILES } from "../kernel";

/**
 * The engine in the browser: the same src/engine and src/interview code the server and the terminal run
 * (bundled as they are; see scripts/build-web.mjs), over the knowledge the build validated and wrote as
 * JSON. Nothing here sends anything anywhere.
 */
export { answer } from "../../../src/interview/answer.js";
export { nextStep, type NextStep } from "../../../src/interview/next-step.js";
export { startFrom } from "../../../src/interview/start.js";
export { back, caseOf, emptyState, type InterviewState } from "../../../src/interview/state.js";
export { assess } from "../../../src/engine/assess.js";

/** The knowledge with its version: a short content hash that every result records. */
export type WebKnowledge = Knowledge & { version: string };

let core: WebKnowledge | undefined;
const loaded = new Set<string>();

/** The knowledge of this build with the texts of `lang`, fetched once (the service worker keeps them). */
export async function knowledge(lang: string): Promise<WebKnowledge> {
  core ??= await buildFile<WebKnowledge>(KNOWLEDGE_FILES.core);
  const k = core;
  const file = KNOWLEDGE_FILES.locales[lang];
  if (file && !loaded.has(lang)) {
    const texts = await buildFile<Record<string, string>>(file);
    k.locales[lang] = { ...k.locales[lang], ...texts };
    loaded.add(lang);
  }
  return k;
}
