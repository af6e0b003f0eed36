import { DeliveryTracker } from '../../harness/fleet/delivery-tracker.ts';
import { errorKind, FleetMetrics, type TimelinePoint } from '../../harness/fleet/fleet-metrics.ts';
import { fleetResult, type FleetResult } from '../../harness/fleet/fleet-result.ts';
import { InvariantBook, type InvariantId } from '../../harness/fleet/invariants.ts';
import { SeededRandom } from '../../harness/fleet/random.ts';
import type { FleetScenario } from '../../harness/fleet/scenario.ts';
import type { Shard } from '../../harness/fleet/shard.ts';
import type { ClientIdScheme } from '../../harness/profiles/client-id-scheme.ts';
import { ScenarioClock } from '../clock.ts';
import type { Device } from '../devices/device.ts';
import type { P2pRoute } from '../p2p.ts';
import { AppendOnlyLog } from '../services/append-only-log.ts';
import { CsgFleet } from './csg-fleet.ts';
import type { FleetEnv, FleetPart } from './fleet-env.ts';
import { DeviceRoll } from './device-roll.ts';
import { NodePlacement } from './node-placement.ts';
import { RetailFleet } from './retail-fleet.ts';
import { RtcFleet } from './rtc-fleet.ts';

export interface FleetRunOptions {
  readonly scenario: FleetScenario;
  /** The broker's node URLs (one for most targets; `process:mosquitto*3` has three). */
  readonly urls: readonly string[];
  /** The target as reports show it (password masked). */
  readonly target: string;
  readonly p2p: P2pRoute;
  readonly clientIds: ClientIdScheme;
  /** The run's namespace (short: it is in every client ID and topic). */
  readonly scope: string;
  readonly shard: Shard;
  /** Where the ESL-6 audit logs go. */
  readonly logDir: string;
  /** Aborting stops the run within a tick; the result is marked incomplete with the reason. */
  readonly signal?: AbortSignal;
  /** Once a second: the live figures (progress display, Prometheus). */
  readonly onSample?: (live: LiveFigures) => void;
}

export interface LiveFigures {
  readonly phase: 'connecting' | 'running' | 'draining' | 'stopping';
  readonly planned: number;
  readonly point: TimelinePoint;
  readonly metrics: FleetMetrics;
  readonly failingInvariants: number;
}

/**
 * Runs a fleet scenario (or one shard of it) in this process: connects the devices at the ramp rate,
 * issues the workload for a fixed number of ticks (so a loaded machine stretches the run instead of
 * changing it), waits for what is in flight, judges the invariants and returns the result.
 */
export async function runFleet(options: FleetRunOptions): Promise<FleetResult> {
  const { scenario, shard } = options;
  const metrics = new FleetMetrics();
  const memoryBefore = clientMemory();
  const parts: FleetPart[] = [];
  const book = new InvariantBook(invariantsOf(scenario));
  const env = makeEnv(options, metrics, book, () => roll);
  if (scenario.retail) parts.push(new RetailFleet(env, scenario.retail));
  if (scenario.rtc) parts.push(new RtcFleet(env, scenario.rtc));
  if (scenario.csg) parts.push(new CsgFleet(env, scenario.csg));
  const roll: DeviceRoll = new DeviceRoll(env, parts);
  const incomplete: string[] = [];
  const planned = roll.size;
  let phase: LiveFigures['phase'] = 'connecting';
  const stopReason = () =>
    options.signal?.aborted ? String(options.signal.reason ?? 'interrupted') : roll.brokerGone;

  const sampler = setInterval(() => {
    metrics.setConnected(roll.connectedCount());
    const point = metrics.sample();
    options.onSample?.({ phase, planned, point, metrics, failingInvariants: book.failing });
  }, 1_000);
  let memory = { bytesPerDevice: 0, rssBytes: 0 };
  try {
    await Promise.all(parts.map((part) => part.startServices()));
    await roll.connectAll(scenario.ramp, () => stopReason() !== undefined);
    metrics.setConnected(roll.connectedCount());
    const after = clientMemory();
    memory = {
      bytesPerDevice: Math.round((after.bytes - memoryBefore.bytes) / Math.max(1, planned)),
      rssBytes: after.rss,
    };
    for (const part of parts) part.started();
    // The services see every device once before the workload starts (bounded like the ramp).
    const readyBy = Date.now() + 30_000 + (scenario.retail?.pollIntervalMs ?? 0) * 2;
    while (stopReason() === undefined && !parts.every((part) => part.ready())) {
      if (Date.now() > readyBy) throw new Error('the services did not see every device within 30 s');
      await roll.nextTick(scenario.tickMs);
      roll.housekeeping(Date.now());
    }
    phase = 'running';
    const ticks = Math.round((scenario.durationSeconds * 1_000) / scenario.tickMs);
    for (let tick = 0; tick < ticks && stopReason() === undefined; tick += 1) {
      await roll.nextTick(scenario.tickMs);
      const now = Date.now();
      roll.housekeeping(now);
      for (const part of parts) part.tick(now);
    }
    phase = 'draining';
    const drainUntil = Date.now() + scenario.drainSeconds * 1_000;
    // Until everything sent has arrived (or can only be judged now), at most drainSeconds.
    do {
      await roll.nextTick(scenario.tickMs);
      roll.housekeeping(Date.now());
    } while (stopReason() === undefined && Date.now() < drainUntil && !roll.settled());
    roll.housekeeping(Date.now(), true);
    const reason = stopReason();
    if (reason !== undefined) incomplete.push(reason);
    else {
      // Judged only when the run ran to its end: an interrupted run's messages in flight are not lost.
      const endAt = Date.now();
      for (const part of parts) part.finish(endAt);
      env.tracker.finish(endAt);
    }
  } catch (error) {
    incomplete.push(
      stopReason() ?? `the run stopped: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    phase = 'stopping';
    clearInterval(sampler);
    metrics.setConnected(roll.connectedCount());
    metrics.sample();
    await roll.closeAll(parts);
  }
  const workload = Object.assign({}, ...parts.map((part) => part.workload)) as Record<string, number>;
  return fleetResult({
    scenario,
    target: options.target,
    shard,
    metrics,
    planned,
    perNode: env.nodes.devicesPerNode(),
    tags: parts.reduce((sum, part) => sum + (part instanceof RetailFleet ? part.tagCount : 0), 0),
    workload,
    invariants: book.results(),
    incomplete,
    memory,
  });
}

function invariantsOf(scenario: FleetScenario): InvariantId[] {
  const ids = new Set<InvariantId>(['online-qos1', 'no-duplicate-acted-on', 'no-stale-acted-on']);
  if (scenario.retail) ['offline-clean', 'price-tasks'].forEach((id) => ids.add(id as InvariantId));
  if (scenario.rtc) ids.add('offline-persistent');
  if (scenario.csg) ids.add('rpc-answered');
  return [...ids];
}

function makeEnv(
  options: FleetRunOptions,
  metrics: FleetMetrics,
  book: InvariantBook,
  roll: () => DeviceRoll,
): FleetEnv {
  return {
    nodes: new NodePlacement(options.urls),
    clock: new ScenarioClock(),
    p2p: options.p2p,
    clientIds: options.clientIds,
    scope: options.scope,
    shard: options.shard,
    // Each shard draws its own events, from the one seed.
    random: new SeededRandom(options.scenario.seed * 7919 + options.shard.index),
    metrics,
    book,
    tracker: new DeliveryTracker(book),
    tickMs: options.scenario.tickMs,
    taskLog: new AppendOnlyLog(`${options.logDir}/price-tags/task-log.jsonl`),
    statusLog: new AppendOnlyLog(`${options.logDir}/price-tags/status-log.jsonl`),
    background(kind: string, work: Promise<unknown>) {
      work.catch((error: unknown) => metrics.error(errorKind(kind, error)));
    },
    outage(device: Device, forMs: number, back: () => Promise<void>) {
      roll().outage(device, forMs, back);
    },
    isAway(device: Device) {
      return roll().isAway(device);
    },
  };
}

/** What the client side holds: heap and buffers (the broker's share too when it runs in this process). */
function clientMemory(): { bytes: number; rss: number } {
  const usage = process.memoryUsage();
  return { bytes: usage.heapUsed + usage.external, rss: usage.rss };
}
