/**
 * The first page's shared modules, behind one name. esbuild puts a module in a chunk by the set of entry
 * points that reach it; the screens loaded later all import from here, so these modules share one set and
 * land in one chunk: the first page is two scripts (main and this), fetched in one round trip.
 */
export * from "./api";
export * from "./build-info";
export * from "./dom";
export * from "./i18n";
export * from "./nav";
export * from "./store";
export * from "./screens/start";
export * from "./story-view";
