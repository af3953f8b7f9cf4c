// Empties dist/ before a build: tsc never removes the output of a deleted source, and a stale file there
// would ship code no test has seen (test/build-fresh.test.ts fails on one).
import { rmSync } from "node:fs";

rmSync(new URL("../dist/", import.meta.url), { recursive: true, force: true });
