// Runs every *.test.ts beside the code with node:test (Node 20's --test does not expand globs itself).
//
// Two streams run side by side, each one file at a time: the tests that run the CLI (they share
// reports/ and spawn brokers) and all the others. Many tests take seconds because they wait on real
// brokers and child processes (RabbitMQ boots in ~15 s; a CLI child starts tsx in ~1–2 s), not on the
// CPU, so two streams use a 2-core machine without making the CLI tests race each other over reports/.
// With file arguments, just those files run, in one stream; with --cli or --rest, just that stream
// (scripts/test.mjs, behind `npm test`, runs the two beside the other stages).
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

/** One stream: live on the terminal, or (`buffered`) printed whole when it ends, so streams never interleave. */
function run(files, label, buffered = false) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], {
      stdio: ['ignore', buffered ? 'pipe' : 'inherit', 'inherit'],
    });
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
const cli = files.filter((file) => file.startsWith(`cli${path.sep}`));
const rest = files.filter((file) => !cli.includes(file));
if (given[0] === '--cli') {
  process.exit(await run(cli, 'CLI tests'));
} else if (given[0] === '--rest') {
  process.exit(await run(rest, 'unit and contract tests'));
} else if (given.length > 0) {
  process.exit(await run(given, 'tests'));
} else {
  const codes = await Promise.all([run(rest, 'unit and contract tests'), run(cli, 'CLI tests', true)]);
  const failed = codes.some((code) => code !== 0);
  console.log(failed ? 'unit tests: some failed (see above)' : 'unit tests: all passed');
  process.exit(failed ? 1 : 0);
}
