// The process entry of the command line: bin/backcheck.js imports its compiled form from dist/, and the
// tests run this file from the sources (`node --import tsx src/cli/entry.ts ...`), so an edit is tested
// without a build.
import { main } from "./main.js";

process.exitCode = await main(process.argv.slice(2));
