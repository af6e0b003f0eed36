// Runs the given test files in this one process: node:test runs the tests each file registers, in
// order, and sets a failing exit code when one fails. One Node and tsx start for all of them instead of
// one per file (about a second of CPU each, which made the unit tests CPU-bound on a 2-core machine).
// Only for files that need no process of their own: not those that run cucumber in-process (its step
// definitions register once per process) — scripts/test-unit.mjs says which.
import { pathToFileURL } from 'node:url';

for (const file of process.argv.slice(2)) await import(pathToFileURL(file).href);
