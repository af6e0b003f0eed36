import { fork, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { redactUrl } from '../harness/net/redact-url.ts';
import { nodeUrls } from '../harness/targets/multi-node.ts';
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
  '[--fan-messages N] [--seconds S] [--tags N] [--concurrency N] [--rounds N]';

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
      rounds: { type: 'string', default: '2' },
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
    rounds: count('rounds', 1, 20),
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

function plan(
  kind: ClientKind,
  worker: number,
  urls: readonly string[],
  count: number,
  opts: Options,
  first: number,
): WorkerPlan {
  return {
    kind,
    run: `${kind[0]}${worker}${Date.now().toString(36)}`,
    worker,
    urls,
    count,
    first,
    publishers: 0,
    fanout: 0,
    tagsPerAp: kind === 'devices' ? opts.tagsPerAp : 0,
    concurrency: opts.concurrency,
  };
}

type Connects = Pick<
  KindResult,
  | 'kind'
  | 'workers'
  | 'connected'
  | 'failed'
  | 'connectMs'
  | 'connectCpuMs'
  | 'rssBytesPerClient'
  | 'heapBytesPerClient'
  | 'tags'
>;

/** Connect rate and memory: all N clients of one kind, alone on the broker, spread over the nodes. */
async function connectKind(kind: ClientKind, urls: readonly string[], opts: Options): Promise<Connects> {
  const workers = Math.ceil(opts.devices / opts.perWorker);
  const pool = Array.from({ length: workers }, (_, i) => new Worker(i));
  try {
    const plans = pool.map(({ index }) => {
      const first = index * opts.perWorker;
      const count = Math.min(opts.perWorker, opts.devices - first);
      return plan(kind, index, urls, count, opts, first); // clients spread over every node
    });
    await Promise.all(pool.map((w, i) => w.ask({ cmd: 'create', plan: plans[i]! }, 'created')));
    const started = Date.now();
    const connects = await Promise.all(pool.map((w) => w.ask({ cmd: 'connect' }, 'connected')));
    const connectMs = Date.now() - started;
    const connected = sum(connects.map((reply) => reply.connected));
    const firstError = connects.find((reply) => reply.firstError)?.firstError;
    progress(`${kind}: ${connected} of ${opts.devices} connected in ${connectMs} ms`, firstError);
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
    };
  } finally {
    for (const worker of pool) worker.kill();
  }
}

type Throughput = Pick<KindResult, 'qos0' | 'qos1' | 'fanout'>;

/**
 * Messages per second: one worker per kind, both connected at once to the same node, taking turns
 * phase by phase (baseline first in odd rounds, devices first in even ones), so that a machine whose
 * load drifts during the run weighs on both alike.
 */
async function throughput(urls: readonly string[], opts: Options): Promise<Record<ClientKind, Throughput>> {
  const kinds: ClientKind[] = ['baseline', 'devices'];
  const pool = kinds.map((_, i) => new Worker(i));
  const totals = kinds.map(() => ({
    qos0: { messages: 0, cpuMs: 0, seconds: 0 },
    qos1: { messages: 0, cpuMs: 0, seconds: 0 },
    fanout: { delivered: 0, expected: 0, perSecond: 0, cpuMs: 0, ms: 0 },
  }));
  try {
    const count = 2 * opts.publishers + opts.fanout;
    await Promise.all(
      pool.map((w, i) => {
        const base = plan(kinds[i]!, i, urls.slice(0, 1), count, opts, 1_000_000 + i * count);
        return w.ask(
          { cmd: 'create', plan: { ...base, publishers: opts.publishers, fanout: opts.fanout } },
          'created',
        );
      }),
    );
    await Promise.all(pool.map((w) => w.ask({ cmd: 'connect' }, 'connected')));
    for (let round = 0; round < opts.rounds; round += 1) {
      const order = round % 2 === 0 ? [0, 1] : [1, 0];
      for (const qos of [0, 1] as const) {
        for (const i of order) {
          const reply = await pool[i]!.ask({ cmd: 'publish', qos, seconds: opts.seconds }, 'published');
          const total = qos === 0 ? totals[i]!.qos0 : totals[i]!.qos1;
          total.messages += reply.messages;
          total.cpuMs += reply.cpuMs;
          total.seconds += opts.seconds;
        }
      }
      for (const i of order) {
        const reply = await pool[i]!.ask({ cmd: 'fanout', messages: opts.fanMessages }, 'fanned');
        const total = totals[i]!.fanout;
        total.delivered += reply.delivered;
        total.expected += reply.expected;
        total.cpuMs += reply.cpuMs;
        total.ms += reply.ms;
        total.perSecond = (total.delivered * 1_000) / Math.max(1, total.ms);
      }
      progress(`throughput round ${round + 1} of ${opts.rounds} done`);
    }
    await Promise.all(pool.map((w) => w.ask({ cmd: 'stop' }, 'stopped')));
    return { baseline: totals[0]!, devices: totals[1]! };
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
    progress(
      `${opts.devices} clients per kind on ${redactUrl(opts.broker)} (${urls.map(redactUrl).join(', ')})`,
    );
    const connects = {
      baseline: await connectKind('baseline', urls, opts),
      devices: await connectKind('devices', urls, opts),
    };
    const rates = await throughput(urls, opts);
    const baseline: KindResult = { ...connects.baseline, ...rates.baseline };
    const devices: KindResult = { ...connects.devices, ...rates.devices };
    const at = new Date();
    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`;
    const broker = redactUrl(opts.broker);
    const result = { at: at.toISOString(), machine, broker, options: { ...opts, broker }, baseline, devices };
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
