import type { Knowledge } from "./schema.js";
import { readCompiledKnowledge, rememberDefault, sharedDefault } from "./compiled.js";
import { COMPILED_KNOWLEDGE, KNOWLEDGE_DIR } from "./paths.js";

/**
 * The package's own knowledge for the terminal program and the server, without loading zod or the YAML
 * parser when the compiled knowledge (dist/knowledge.json) is current. When it is missing or the sources
 * changed since it was built, the validating loader (load.ts) is imported here, before the first call, so
 * that defaultKnowledge() stays synchronous and an edited source is what runs.
 */
if (!sharedDefault()) {
  const compiled = readCompiledKnowledge(COMPILED_KNOWLEDGE, KNOWLEDGE_DIR);
  if (compiled.ok) rememberDefault(compiled.value);
}
const loader = sharedDefault() ? undefined : await import("./load.js");

/** The package's own knowledge, loaded once; the same object as load.ts's defaultKnowledge(). */
export function defaultKnowledge(): Knowledge {
  return sharedDefault() ?? loader!.defaultKnowledge();
}
