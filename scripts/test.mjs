// `npm test`: the check, the unit tests, the features and the mutation run, side by side in lanes.
//
// The stages wait on brokers, child processes and Docker far more than on the CPU, so one after another
// they left a 2-core machine half idle (README, Speed). Within a lane the steps run in turn; the lanes
// run at once, each with its own output, printed whole when the lane ends, so lanes never interleave.
// The CLI tests and the features share reports/ (a `run` clears reports/allure-results), so they are one
// lane, the features last, as before: what reports/ holds afterwards is the features' run. The mutation
// run writes only reports/certification/mutants.* and its brokers have ports of their own.
// Every step runs whatever another one did; the exit code is the first failing step's (lane order), else 0.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const LANES = [
  { name: 'check (tsc, eslint, prettier)', steps: [[npm, 'run', 'check']] },
  { name: 'unit and contract tests', steps: [[process.execPath, 'scripts/test-unit.mjs', '--rest']] },
  {
    name: 'CLI tests, then the features',
    steps: [
      [process.execPath, 'scripts/test-unit.mjs', '--cli'],
      [npm, 'run', 'test:features'],
    ],
  },
  { name: 'mutation run', steps: [[npm, 'run', 'test:mutants']] },
];

const began = Date.now();
const seconds = (from) => `${Math.round((Date.now() - from) / 1000)} s`;

/** One step, its stdout and stderr kept in the order they came; resolves with its exit code. */
function step([command, ...args], kept) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => kept.push(chunk));
    child.stderr.on('data', (chunk) => kept.push(chunk));
    child.once('error', (error) => {
      kept.push(Buffer.from(`${command}: ${error.message}\n`));
      resolve(2);
    });
    // 'close', not 'exit': the pipes may still hold output when the child exits.
    child.once('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function lane({ name, steps }) {
  const kept = [];
  const codes = [];
  for (const command of steps) {
    const from = Date.now();
    const code = await step(command, kept);
    codes.push(code);
    const line = `npm test: ${command.slice(1).join(' ')}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds(from)}`;
    kept.push(Buffer.from(`${line}\n`));
    console.log(line);
  }
  process.stdout.write(`\n==== ${name} ====\n${Buffer.concat(kept).toString()}\n`);
  return codes.find((code) => code !== 0) ?? 0;
}

console.log(
  `npm test: ${LANES.map((l) => l.name).join(' | ')}, side by side; each lane's output when it ends`,
);
const codes = await Promise.all(LANES.map(lane));
const failed = codes.find((code) => code !== 0);
console.log(`\nnpm test: ${failed === undefined ? 'all passed' : 'FAILED (see above)'} in ${seconds(began)}`);
process.exit(failed ?? 0);
