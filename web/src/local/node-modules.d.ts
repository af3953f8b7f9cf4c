// src/case/validate-case.ts reads the contract from disk in Node; the browser build swaps it for
// local/validate-case.ts (scripts/build-web.mjs), but the type check still walks the import.
declare module "node:fs";
declare module "node:url";
