/**
 * What the build wrote (scripts/build-web.mjs fills these in): the knowledge's files with their content
 * hashes and its version, and the texts of the start screen in every language, which ride in the first
 * page so it shows without waiting for anything.
 */
declare const __KNOWLEDGE__: { version: string; core: string; locales: Record<string, string> };
declare const __START_TEXTS__: Record<string, Record<string, string>>;
declare const __UPLOT_CSS__: string;

export const KNOWLEDGE_FILES = __KNOWLEDGE__;
export const START_TEXTS = __START_TEXTS__;
/** uPlot's stylesheet: added to the page only when a chart is drawn. */
export const UPLOT_CSS = __UPLOT_CSS__;

const loading = new Map<string, Promise<unknown>>();

/**
 * A file of this build, fetched once; the addresses are relative, so the site works from any folder of
 * a static host. A failed fetch is forgotten, so the next call tries again (after the connection returns).
 */
export function buildFile<T>(path: string): Promise<T> {
  let p = loading.get(path);
  if (!p) {
    p = fetch(path).then((r) => {
      if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
      return r.json() as Promise<unknown>;
    });
    p.catch(() => loading.delete(path));
    loading.set(path, p);
  }
  return p as Promise<T>;
}
