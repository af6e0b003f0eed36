// Runs every *.test.ts beside the code with node:test (Node 20's --test does not expand globs itself).
//
// Two streams run side by side: the CLI tests that run `run`, `certify`, `mutants` or cucumber
// (cucumber's step definitions register once per process), each file in its own process, two at a time
// (they run the CLI in scratch directories of their own, cli/fixtures/scratch-directory.ts, or write
// nothing shared, so they never read another's reports); and all the others in one process
// (scripts/import-tests.mjs), which spares a Node and tsx start per file — the unit tests wait on
// brokers, child processes and Docker, so they were CPU-bound only by those starts. With file arguments,
// just those files run, one process each; with --cli or --rest, just that stream (scripts/test.mjs,
// behind `npm test`, runs the two beside the other stages).
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const SKIP = new Set(['node_modules', 'reports', '.git']);

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return findTests(file);
    // *.slow.test.ts (the npm package test, minutes of `npm install`) runs on its own: npm run test:package.
    return entry.name.endsWith('.test.ts') && !entry.name.endsWith('.slow.test.ts') ? [file] : [];
  });
}

/**
 * CLI tests that neither run cucumber nor spawn `run` or `certify`: they join the others in one process.
 * (broker-command spawns `mqtt-harness broker` children, brief and light.)
 */
const CLI_IN_ONE_PROCESS = new Set(
  [
    'cli/broker-command.test.ts',
    'cli/compare-command.test.ts',
    'cli/mutant-jobs.test.ts',
    'cli/run-options.test.ts',
    'cli/scenario-shards.test.ts',
    'cli/commands/images.test.ts',
  ].map((file) => file.split('/').join(path.sep)),
);

/** All `files` in one process (scripts/import-tests.mjs), live on the terminal. */
function runInOneProcess(files) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import-tests.mjs', ...files], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * One stream, `concurrency` files at a time: live on the terminal, or (`buffered`) printed whole when it
 * ends, so streams never interleave.
 */
function run(files, label, buffered = false, concurrency = 1) {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files],
      {
        stdio: ['ignore', buffered ? 'pipe' : 'inherit', 'inherit'],
      },
    );
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    // 'close', not 'exit': the buffered stream's pipe may still hold output when the child exits.
    child.once('close', (code, signal) => {
      if (buffered) process.stdout.write(`# ---- ${label} (${files.length} files) ----\n${output}`);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

const given = process.argv.slice(2);
const files = findTests('.').sort();
const cli = files.filter((file) => file.startsWith(`cli${path.sep}`) && !CLI_IN_ONE_PROCESS.has(file));
const rest = files.filter((file) => !cli.includes(file));
if (given[0] === '--cli') {
  process.exit(await run(cli, 'CLI tests', false, 2));
} else if (given[0] === '--rest') {
  process.exit(await runInOneProcess(rest));
} else if (given.length > 0) {
  process.exit(await run(given, 'tests'));
} else {
  const codes = await Promise.all([runInOneProcess(rest), run(cli, 'CLI tests', true, 2)]);
  const failed = codes.some((code) => code !== 0);
  console.log(failed ? 'unit tests: some failed (see above)' : 'unit tests: all passed');
  process.exit(failed ? 1 : 0);
}
