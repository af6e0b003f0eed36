// `npm test`: the check, the unit tests, the features and the mutation run, side by side in lanes.
//
// The stages wait on brokers, child processes and Docker far more than on the CPU, so one after another
// they left a 2-core machine half idle (README, Speed). Within a lane the steps run in turn; the lanes
// run at once, each with its own output, printed whole when the lane ends, so lanes never interleave.
// Of the repository's reports/, the features write the run's (a `run` clears reports/allure-results),
// the mutation run only reports/certification/mutants.*, the fleet test directories of its own under
// reports/fleet it removes; the other CLI tests run the CLI in scratch directories of their own
// (cli/fixtures/scratch-directory.ts). So nothing reads another's reports, and what reports/ holds
// afterwards is the features' run. The mutation run's brokers have ports of their own.
// Every step runs whatever another one did; the exit code is the first failing step's (lane order), else 0.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { setInterval } from 'node:timers';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const LANES = [
  {
    name: 'check (tsc, eslint, prettier), then the features',
    steps: [
      [npm, 'run', 'check'],
      [npm, 'run', 'test:features'],
    ],
  },
  { name: 'unit and contract tests', steps: [[process.execPath, 'scripts/test-unit.mjs', '--rest']] },
  { name: 'CLI tests', steps: [[process.execPath, 'scripts/test-unit.mjs', '--cli']] },
  { name: 'mutation run', steps: [[npm, 'run', 'test:mutants']] },
];

const began = Date.now();
const seconds = (from) => `${Math.round((Date.now() - from) / 1000)} s`;

/** The steps running now, and every lane's output so far: a stop signal ends the one, prints the other. */
const running = new Set();
const lanesOutput = new Map();
let interrupted = false;

/** One step, its stdout and stderr kept in the order they came; resolves with its exit code. */
function step([command, ...args], kept) {
  return new Promise((resolve) => {
    // Its own process group, so a stop signal reaches everything the step started (npm, node --test …).
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    running.add(child);
    child.once('close', () => running.delete(child));
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
  lanesOutput.set(name, kept);
  const codes = [];
  for (const command of steps) {
    if (interrupted) break;
    const from = Date.now();
    const code = await step(command, kept);
    codes.push(code);
    const line = `npm test: ${command.slice(1).join(' ')}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds(from)}`;
    kept.push(Buffer.from(`${line}\n`));
    console.log(line);
  }
  lanesOutput.delete(name);
  if (interrupted) return 1; // its output is printed by the signal handler
  process.stdout.write(`\n==== ${name} ====\n${Buffer.concat(kept).toString()}\n`);
  return codes.find((code) => code !== 0) ?? 0;
}

// Ctrl-C or a kill (a cancelled CI job): stop every step (each stops what it started), show what the
// unfinished lanes had printed, and exit as interrupted — nothing left running, nothing lost.
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
]) {
  process.once(signal, () => {
    interrupted = true;
    for (const child of running) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        child.kill('SIGTERM'); // the group is gone already; the step itself may not be
      }
    }
    for (const [name, kept] of lanesOutput)
      process.stdout.write(`\n==== ${name} (interrupted) ====\n${Buffer.concat(kept).toString()}\n`);
    console.log(`npm test: interrupted by ${signal} after ${seconds(began)}`);
    process.exitCode = code;
    // The steps' own handlers stop their brokers; exit once they are gone (or after 10 s at most).
    const waited = Date.now();
    setInterval(() => {
      if (running.size === 0 || Date.now() - waited > 10_000) process.exit(code);
    }, 100);
  });
}

console.log(
  `npm test: ${LANES.map((l) => l.name).join(' | ')}, side by side; each lane's output when it ends`,
);
const codes = await Promise.all(LANES.map(lane));
const failed = codes.find((code) => code !== 0);
if (!interrupted)
  console.log(
    `\nnpm test: ${failed === undefined ? 'all passed' : 'FAILED (see above)'} in ${seconds(began)}`,
  );
// exitCode, not exit(): the lanes' output may still be on its way through a pipe.
if (!interrupted) process.exitCode = failed ?? 0;
