// Runs Eclipse Paho's MQTT 3.1.1 interoperability suite (interoperability/client_test.py of a
// paho.mqtt.testing checkout) against `mqtt-harness broker --profile mqtt-3.1.1`, or against a broker
// that is already running (--host/--port). The suite is never vendored: give the checkout's path.
//
//   npx tsx scripts/paho-interop.ts /path/to/paho.mqtt.testing [--host H --port N]
//
// The suite's own option parsing cannot take a host and port: `-h` matches its `--help` test (it
// prints the usage and exits 0 without testing anything), and its `unittest.main()` re-reads the
// arguments and stops at `--hostname`. So the suite is started through a small Python driver that
// hands it its options and runs unittest without them.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopChild } from '../harness/targets/process/child-registry.ts';

export interface PahoOutcome {
  /** The suite's exit code (unittest: 0 all passed). */
  readonly exitCode: number;
  readonly ran: number;
  /** Failures plus errors, as unittest counts them. */
  readonly failed: number;
  readonly output: string;
}

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const READY_MS = 30_000;
const SUITE_MS = 300_000;

const DRIVER = `
import runpy, sys, unittest
host, port = sys.argv[1], sys.argv[2]
run = unittest.main
unittest.main = lambda *a, **k: run(*a, argv=[sys.argv[0]], **k)
sys.argv = ['client_test.py', '--hostname', host, '--port', port]
runpy.run_path('client_test.py', run_name='__main__')
`;

/** The suite's directory in a checkout, or why it is not usable. */
export function pahoSuiteDir(checkout: string): string {
  const dir = path.join(checkout, 'interoperability');
  if (!existsSync(path.join(dir, 'client_test.py')) || !existsSync(path.join(dir, 'mqtt')))
    throw new Error(`${checkout} is not a paho.mqtt.testing checkout (no interoperability/client_test.py)`);
  return dir;
}

/** Runs client_test.py against host:port and reads unittest's summary. */
export function runPahoSuite(
  checkout: string,
  host: string,
  port: number,
  echo = false,
): Promise<PahoOutcome> {
  const dir = pahoSuiteDir(checkout);
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-c', DRIVER, host, String(port)], { cwd: dir });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (echo) process.stdout.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => child.kill('SIGKILL'), SUITE_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      const ran = Number(/Ran (\d+) tests?/.exec(output)?.[1] ?? 0);
      const counts = /FAILED \(([^)]*)\)/.exec(output)?.[1] ?? '';
      const failed = [...counts.matchAll(/(?:failures|errors)=(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
      resolve({ exitCode: code ?? 1, ran, failed, output });
    });
  });
}

/** Starts `mqtt-harness broker --profile mqtt-3.1.1` on a free port, refusing Paho's test/nosubscribe. */
export async function startStandardBroker(): Promise<{ host: string; port: number; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(REPO, 'cli/main.ts'),
      'broker',
      '--profile',
      'mqtt-3.1.1',
      '--port',
      '0',
      '--refuse-filter',
      'test/nosubscribe',
    ],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const stop = () => stopChild(child, 10_000);
  const listening = await new Promise<RegExpExecArray | undefined>((resolve) => {
    let text = '';
    const timer = setTimeout(() => resolve(undefined), READY_MS);
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const found = /listening on mqtt:\/\/([^\s:]+):(\d+)/.exec(text);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
  if (!listening) {
    await stop();
    throw new Error('mqtt-harness broker did not start listening');
  }
  return { host: listening[1] ?? '127.0.0.1', port: Number(listening[2]), stop };
}

async function main(argv: string[]): Promise<number> {
  const [checkout, ...rest] = argv;
  if (!checkout || checkout.startsWith('-')) {
    console.error('usage: npx tsx scripts/paho-interop.ts PAHO_CHECKOUT [--host H --port N]');
    return 2;
  }
  const option = (name: string) => {
    const at = rest.indexOf(name);
    return at >= 0 ? rest[at + 1] : undefined;
  };
  const port = option('--port');
  const broker = port
    ? { host: option('--host') ?? '127.0.0.1', port: Number(port), stop: () => Promise.resolve() }
    : await startStandardBroker();
  try {
    console.log(`paho-interop: client_test.py against ${broker.host}:${broker.port}`);
    const outcome = await runPahoSuite(checkout, broker.host, broker.port, true);
    // A failed setUpClass counts as an error with no test run (e.g. every client ID refused).
    const passed = Math.max(0, outcome.ran - outcome.failed);
    console.log(
      `paho-interop: ${passed}/${outcome.ran} tests passed, ${outcome.failed} failures or errors (exit ${outcome.exitCode})`,
    );
    return outcome.exitCode;
  } finally {
    await broker.stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
