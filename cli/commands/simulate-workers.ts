import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { FleetMetrics } from '../../harness/fleet/fleet-metrics.ts';
import { mergeResults, type FleetResult } from '../../harness/fleet/fleet-result.ts';
import { ProgressDisplay, type LiveView } from '../../harness/fleet/live-figures.ts';
import type { FleetScenario } from '../../harness/fleet/scenario.ts';
import type { P2pMode } from '../../harness/p2p/applicability.ts';

/** The published entry point: it registers tsx from the package itself, wherever the run was started. */
const BIN = fileURLToPath(new URL('../bin.js', import.meta.url));
/** A worker prints its live figures as one line with this prefix, once a second. */
export const LIVE_PREFIX = '@fleet-live ';

export interface WorkerRunOptions {
  /** The command line as given, for the overrides (--set, --duration, --seed) the workers repeat. */
  readonly argv: readonly string[];
  readonly scenario: FleetScenario;
  /** The broker's node URLs: every worker connects its share of each group to the same node. */
  readonly urls: readonly string[];
  readonly p2p: P2pMode;
  readonly profile: string;
  readonly workers: number;
  readonly scope: string;
  readonly signal: AbortSignal;
  readonly onView: (view: LiveView) => void;
}

export interface WorkerLive {
  readonly phase: string;
  readonly planned: number;
  readonly connected: number;
  readonly messagesPerSecond: number;
  readonly failingInvariants: number;
}

/**
 * Spreads the fleet over child processes, each one shard (`--shard i/n`) against the broker this
 * process started: the open-file limit is per process, so one process cannot hold 50,000 sockets.
 * Their results are merged as `report --merge` does. Ctrl-C reaches every worker, which then stops,
 * disconnects and writes its (incomplete) result.
 */
export async function runWorkers(options: WorkerRunOptions): Promise<FleetResult> {
  const directory = await mkdtemp(path.join(tmpdir(), 'mqtt-harness-fleet-'));
  const live: WorkerLive[] = [];
  const display = new ProgressDisplay();
  const startedAt = Date.now();
  const overrides = passThrough(options.argv);
  try {
    const exits = Array.from({ length: options.workers }, (_, index) => {
      const resultFile = path.join(directory, `worker-${index}.json`);
      const child = spawn(
        process.execPath,
        [
          BIN,
          'simulate',
          options.scenario.file,
          ...overrides,
          '--broker',
          options.urls[0]!,
          ...options.urls.flatMap((url) => ['--node', url]),
          '--p2p',
          options.p2p,
          '--profile',
          options.profile,
          '--shard',
          `${index}/${options.workers}`,
          '--scope',
          `${options.scope}${index.toString(36)}`,
          '--result-file',
          resultFile,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const stop = () => child.kill('SIGINT');
      options.signal.addEventListener('abort', stop, { once: true });
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (!line.startsWith(LIVE_PREFIX)) return void process.stdout.write(`[worker ${index}] ${line}\n`);
        live[index] = JSON.parse(line.slice(LIVE_PREFIX.length)) as WorkerLive;
        const view = combined(live);
        options.onView(view);
        display.show(view, (Date.now() - startedAt) / 1_000);
      });
      return new Promise<FleetResult | string>((resolve) => {
        child.once('error', (error) => resolve(`worker ${index} could not run: ${error.message}`));
        child.once('exit', (code, signal) => {
          options.signal.removeEventListener('abort', stop);
          const without = `worker ${index} ended (${signal ?? `exit code ${code}`}) without a result`;
          readFile(resultFile, 'utf8').then(
            (text) => {
              try {
                resolve(JSON.parse(text) as FleetResult);
              } catch {
                resolve(`${without} (its result file is not JSON)`);
              }
            },
            () => resolve(without),
          );
        });
      });
    });
    const outcomes = await Promise.all(exits);
    display.done();
    const results = outcomes.filter((outcome): outcome is FleetResult => typeof outcome !== 'string');
    const missing = outcomes.filter((outcome): outcome is string => typeof outcome === 'string');
    if (results.length === 0) throw new Error(missing.join('; '));
    const merged = mergeResults(results);
    return missing.length === 0
      ? merged
      : { ...merged, complete: false, incomplete: [...merged.incomplete, ...missing] };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** --set, --duration and --seed as given, for the workers. */
function passThrough(argv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    const name = arg.split('=')[0]!;
    if (!['--set', '--duration', '--seed'].includes(name)) continue;
    kept.push(arg);
    if (!arg.includes('=') && argv[index + 1] !== undefined) kept.push(argv[++index]!);
  }
  return kept;
}

function combined(live: readonly (WorkerLive | undefined)[]): LiveView {
  const present = live.filter((entry): entry is WorkerLive => entry !== undefined);
  return {
    phase: present[0]?.phase ?? 'connecting',
    planned: present.reduce((sum, entry) => sum + entry.planned, 0),
    connected: present.reduce((sum, entry) => sum + entry.connected, 0),
    messagesPerSecond: present.reduce((sum, entry) => sum + entry.messagesPerSecond, 0),
    metrics: new FleetMetrics(),
    failingInvariants: Math.max(0, ...present.map((entry) => entry.failingInvariants)),
  };
}
