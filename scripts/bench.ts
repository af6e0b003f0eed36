import { fork, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { nodeFor, nodeUrls } from '../harness/targets/multi-node.ts';
import { parseTarget } from '../harness/targets/parse-target.ts';
import type { BenchCommand, BenchReply, ClientKind, WorkerPlan } from './bench-protocol.ts';
import { markdownReport, ratioRows, type KindResult } from './bench-report.ts';

/**
 * `npm run bench`: the same workload, in one run and against the same broker, through the simulator's
 * devices (SmartAps on the lean DeviceSession) and through a baseline client written directly on
 * mqtt-packet sockets; prints the ratios and writes reports/bench/<date>.{json,md}. Clients live in
 * worker processes of at most --per-worker clients each (a process may hold 20,000 open files here).
 * Never part of the tests: its figures depend on the machine and its load.
 */

const USAGE =
  'usage: npm run bench -- [--devices N] [--broker TARGET] [--per-worker N] [--publishers N] [--fanout N] ' +
  '[--fan-messages N] [--seconds S] [--tags N] [--concurrency N]';

function options() {
  const { values } = parseArgs({
    options: {
      devices: { type: 'string', default: '5000' },
      broker: { type: 'string', default: 'process:mosquitto*3' },
      'per-worker': { type: 'string', default: '15000' },
      publishers: { type: 'string', default: '50' },
      fanout: { type: 'string', default: '500' },
      'fan-messages': { type: 'string', default: '100' },
      seconds: { type: 'string', default: '5' },
      tags: { type: 'string', default: '10' },
      concurrency: { type: 'string', default: '100' },
    },
  });
  const count = (name: keyof typeof values, min: number, max: number): number => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new BadInput(
        `--${name} must be a whole number from ${min} to ${max} (got "${values[name]}"); ${USAGE}`,
      );
    }
    return value;
  };
  const perWorker = count('per-worker', 1, 18_000);
  const publishers = count('publishers', 0, 5_000);
  const fanout = count('fanout', 0, 18_000);
  if (2 * publishers + fanout > perWorker) {
    throw new BadInput(`2 × --publishers + --fanout must fit in --per-worker (${perWorker}); ${USAGE}`);
  }
  return {
    devices: count('devices', 1, 1_000_000),
    broker: values.broker ?? 'process:mosquitto*3',
    perWorker,
    publishers,
    fanout,
    fanMessages: count('fan-messages', 0, 100_000),
    seconds: count('seconds', 1, 600),
    tagsPerAp: count('tags', 0, 1_000),
    concurrency: count('concurrency', 1, 10_000),
  };
}

class BadInput extends Error {}

type Options = ReturnType<typeof options>;

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bench-worker.ts');

/** A worker process and the one reply it owes. */
class Worker {
  readonly #child: ChildProcess;
  #waiting: { resolve: (reply: BenchReply) => void; reject: (error: Error) => void } | undefined;

  constructor(readonly index: number) {
    this.#child = fork(WORKER, [], { execArgv: ['--import', 'tsx', '--expose-gc'], stdio: 'inherit' });
    this.#child.on('message', (reply: BenchReply) => {
      const waiting = this.#waiting;
      this.#waiting = undefined;
      if (reply.cmd === 'failed') waiting?.reject(new Error(`worker ${index}: ${reply.error}`));
      else waiting?.resolve(reply);
    });
    this.#child.on('exit', (code) => {
      this.#waiting?.reject(new Error(`worker ${index} exited (code ${code}) before it answered`));
      this.#waiting = undefined;
    });
  }

  ask<C extends BenchReply['cmd']>(
    command: BenchCommand,
    _expect: C,
  ): Promise<Extract<BenchReply, { cmd: C }>> {
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve: resolve as (reply: BenchReply) => void, reject };
      this.#child.send(command);
    });
  }

  kill(): void {
    if (this.#child.exitCode === null) this.#child.kill('SIGKILL');
  }
}

async function runKind(kind: ClientKind, urls: readonly string[], opts: Options): Promise<KindResult> {
  const workers = Math.ceil(opts.devices / opts.perWorker);
  const run = `${kind[0]}${Date.now().toString(36)}`;
  const pool = Array.from({ length: workers }, (_, i) => new Worker(i));
  try {
    const plans: WorkerPlan[] = pool.map((worker) => {
      const first = worker.index * opts.perWorker;
      return {
        kind,
        run,
        worker: worker.index,
        url: nodeFor(urls, worker.index), // a worker's clients share a node: fan-out stays on it
        count: Math.min(opts.perWorker, opts.devices - first),
        first,
        publishers: opts.publishers,
        fanout: opts.fanout,
        tagsPerAp: kind === 'devices' ? opts.tagsPerAp : 0,
        concurrency: opts.concurrency,
      };
    });
    await Promise.all(pool.map((w, i) => w.ask({ cmd: 'create', plan: plans[i]! }, 'created')));
    const started = Date.now();
    const connects = await Promise.all(pool.map((w) => w.ask({ cmd: 'connect' }, 'connected')));
    const connectMs = Date.now() - started;
    const connected = sum(connects.map((reply) => reply.connected));
    progress(
      `${kind}: ${connected} connected in ${connectMs} ms`,
      connects.find((r) => r.firstError)?.firstError,
    );
    const publish = async (qos: 0 | 1) => {
      const replies = await Promise.all(
        pool.map((w) => w.ask({ cmd: 'publish', qos, seconds: opts.seconds }, 'published')),
      );
      return { messages: sum(replies.map((r) => r.messages)), cpuMs: sum(replies.map((r) => r.cpuMs)) };
    };
    const qos0 = await publish(0);
    progress(`${kind}: QoS 0 ${qos0.messages} messages`);
    const qos1 = await publish(1);
    progress(`${kind}: QoS 1 ${qos1.messages} messages`);
    const fans = await Promise.all(
      pool.map((w) => w.ask({ cmd: 'fanout', messages: opts.fanMessages }, 'fanned')),
    );
    progress(
      `${kind}: fan-out ${sum(fans.map((f) => f.delivered))} of ${sum(fans.map((f) => f.expected))} delivered`,
    );
    await Promise.all(pool.map((w) => w.ask({ cmd: 'stop' }, 'stopped')));
    return {
      kind,
      workers,
      connected,
      failed: sum(connects.map((reply) => reply.failed)),
      connectMs,
      connectCpuMs: sum(connects.map((reply) => reply.cpuMs)),
      rssBytesPerClient: sum(connects.map((reply) => reply.rssBytes)) / Math.max(1, connected),
      heapBytesPerClient: sum(connects.map((reply) => reply.heapBytes)) / Math.max(1, connected),
      tags: kind === 'devices' ? connected * opts.tagsPerAp : 0,
      qos0: { ...qos0, seconds: opts.seconds },
      qos1: { ...qos1, seconds: opts.seconds },
      fanout: {
        delivered: sum(fans.map((f) => f.delivered)),
        expected: sum(fans.map((f) => f.expected)),
        // Workers deliver side by side: the run's fan-out rate is the sum of theirs.
        perSecond: sum(fans.map((f) => (f.delivered * 1_000) / f.ms)),
        cpuMs: sum(fans.map((f) => f.cpuMs)),
      },
    };
  } finally {
    for (const worker of pool) worker.kill();
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function progress(line: string, detail?: string): void {
  console.log(`bench: ${line}${detail ? ` (first failure: ${detail})` : ''}`);
}

async function main(): Promise<number> {
  let opts: Options;
  try {
    opts = options();
  } catch (error) {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const target = await parseTarget(opts.broker).start();
  const stop = () => void target.stop().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const urls = nodeUrls(target);
    progress(`${opts.devices} clients per kind on ${opts.broker} (${urls.join(', ')})`);
    const baseline = await runKind('baseline', urls, opts);
    const devices = await runKind('devices', urls, opts);
    const at = new Date();
    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`;
    const result = { at: at.toISOString(), machine, broker: opts.broker, options: opts, baseline, devices };
    const markdown = markdownReport(result);
    console.log(`\n${markdown}`);
    const dir = path.join('reports', 'bench');
    await mkdir(dir, { recursive: true });
    const stem = path.join(
      dir,
      at
        .toISOString()
        .replaceAll(':', '-')
        .replace(/\.\d+Z$/, 'Z'),
    );
    await writeFile(`${stem}.json`, `${JSON.stringify({ ...result, ratios: ratioRows(result) }, null, 2)}\n`);
    await writeFile(`${stem}.md`, `${markdown}\n`);
    console.log(`bench: wrote ${stem}.json and ${stem}.md`);
    return baseline.failed + devices.failed > 0 ? 1 : 0;
  } finally {
    await target.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
