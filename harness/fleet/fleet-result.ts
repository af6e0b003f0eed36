import { mergeInvariants, type InvariantResult } from './invariants.ts';
import { LatencyHistogram, type LatencySummary } from './latency.ts';
import type { FleetMetrics, FlowCount, LatencyFlow, TimelinePoint } from './fleet-metrics.ts';
import type { FleetScenario } from './scenario.ts';
import type { Shard } from './shard.ts';

/**
 * What one process (one shard, or one worker) found, as written to `shard-<i>.json`, and what a
 * merge of several gives. Histograms are kept encoded, so a merge adds them exactly.
 */
export interface FleetResult {
  readonly format: 'mqtt-harness/fleet-result@1';
  readonly scenario: { name: string; file: string; seed: number; durationSeconds: number };
  /** The target as the user named it, password masked. */
  readonly target: string;
  /** The shards this result covers (one, or all of a merge). */
  readonly shards: { readonly index: number; readonly count: number }[];
  readonly startedAt: string;
  readonly endedAt: string;
  /** False when the run stopped early (Ctrl-C, the broker died); `incomplete` says why. */
  readonly complete: boolean;
  readonly incomplete: readonly string[];
  /** `perNode`: devices placed on each broker node (its URL, password masked). */
  readonly devices: {
    planned: number;
    peakConnected: number;
    tags: number;
    perNode?: Record<string, number>;
  };
  readonly connects: { count: number; failed: number; perSecond: number };
  readonly flows: Record<string, FlowCount>;
  readonly messages: { sent: number; received: number; perSecond: number };
  /** Workload events issued (price changes, calls, commands …), by kind. */
  readonly workload: Record<string, number>;
  readonly errors: Record<string, number>;
  readonly latency: Partial<Record<LatencyFlow, { summary: LatencySummary; histogram: string }>>;
  readonly invariants: readonly InvariantResult[];
  /** Client memory: process heap + buffers after the ramp, per connected device. */
  readonly memory: { bytesPerDevice: number; rssBytes: number };
  readonly timeline: readonly TimelinePoint[];
}

export interface ResultInput {
  readonly scenario: FleetScenario;
  readonly target: string;
  readonly shard: Shard;
  readonly metrics: FleetMetrics;
  readonly planned: number;
  /** Devices per broker node (URL, password masked); none given: not recorded. */
  readonly perNode?: Record<string, number>;
  readonly tags: number;
  readonly workload: Record<string, number>;
  readonly invariants: readonly InvariantResult[];
  readonly incomplete: readonly string[];
  readonly memory: { bytesPerDevice: number; rssBytes: number };
}

export function fleetResult(input: ResultInput): FleetResult {
  const { metrics, scenario } = input;
  const endedAt = Date.now();
  const seconds = Math.max(0.001, (endedAt - metrics.startedAt) / 1_000);
  const sent = metrics.sent;
  const received = Object.values(metrics.flows).reduce((sum, flow) => sum + flow.received, 0);
  return {
    format: 'mqtt-harness/fleet-result@1',
    scenario: {
      name: scenario.name,
      file: scenario.file,
      seed: scenario.seed,
      durationSeconds: scenario.durationSeconds,
    },
    target: input.target,
    shards: [{ index: input.shard.index, count: input.shard.count }],
    startedAt: new Date(metrics.startedAt).toISOString(),
    endedAt: new Date(endedAt).toISOString(),
    complete: input.incomplete.length === 0,
    incomplete: input.incomplete,
    devices: {
      planned: input.planned,
      peakConnected: metrics.peakConnected,
      tags: input.tags,
      perNode: input.perNode ?? {},
    },
    connects: {
      count: metrics.connects,
      failed: metrics.connectFailures,
      perSecond: metrics.rampMs > 0 ? Math.round((metrics.connects / metrics.rampMs) * 1_000) : 0,
    },
    flows: metrics.flows,
    messages: { sent, received, perSecond: Math.round(sent / seconds) },
    workload: input.workload,
    errors: metrics.errors,
    latency: Object.fromEntries(
      [...metrics.latency].map(([flow, { total }]) => [
        flow,
        { summary: total.summary(), histogram: total.encode() },
      ]),
    ),
    invariants: input.invariants,
    memory: input.memory,
    timeline: metrics.timeline,
  };
}

/**
 * Several shards' results as one run's: counts add up, histograms are added (exact percentiles of the
 * whole), invariants combine (one failure fails the merged verdict), timelines add up point by point.
 */
export function mergeResults(results: readonly FleetResult[]): FleetResult {
  const first = results[0];
  if (!first) throw new Error('nothing to merge');
  const sum = (pick: (result: FleetResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  const addRecords = (pick: (result: FleetResult) => Record<string, number>) => {
    const total: Record<string, number> = {};
    for (const result of results)
      for (const [key, value] of Object.entries(pick(result))) total[key] = (total[key] ?? 0) + value;
    return total;
  };
  const flows: Record<string, FlowCount> = {};
  for (const result of results)
    for (const [flow, count] of Object.entries(result.flows)) {
      const into = (flows[flow] ??= { sent: 0, received: 0 });
      into.sent += count.sent;
      into.received += count.received;
    }
  const latency: FleetResult['latency'] = {};
  for (const flow of new Set(results.flatMap((r) => Object.keys(r.latency) as LatencyFlow[]))) {
    const histogram = new LatencyHistogram();
    for (const result of results) {
      const encoded = result.latency[flow]?.histogram;
      if (encoded) histogram.add(new LatencyHistogram(encoded));
    }
    latency[flow] = { summary: histogram.summary(), histogram: histogram.encode() };
  }
  const devices = sum((r) => r.devices.planned);
  const startedAt = results.map((r) => r.startedAt).sort()[0]!;
  const endedAt = results
    .map((r) => r.endedAt)
    .sort()
    .at(-1)!;
  const seconds = Math.max(0.001, (Date.parse(endedAt) - Date.parse(startedAt)) / 1_000);
  const sent = sum((r) => r.messages.sent);
  return {
    ...first,
    shards: results.flatMap((r) => r.shards).sort((a, b) => a.index - b.index),
    startedAt,
    endedAt,
    complete: results.every((r) => r.complete),
    incomplete: results.flatMap((r) => r.incomplete),
    devices: {
      planned: devices,
      peakConnected: sum((r) => r.devices.peakConnected),
      tags: sum((r) => r.devices.tags),
      perNode: addRecords((r) => r.devices.perNode ?? {}),
    },
    connects: {
      count: sum((r) => r.connects.count),
      failed: sum((r) => r.connects.failed),
      perSecond: sum((r) => r.connects.perSecond),
    },
    flows,
    messages: { sent, received: sum((r) => r.messages.received), perSecond: Math.round(sent / seconds) },
    workload: addRecords((r) => r.workload),
    errors: addRecords((r) => r.errors),
    latency,
    invariants: mergeInvariants(results.map((r) => r.invariants)),
    memory: {
      bytesPerDevice: Math.round(
        sum((r) => r.memory.bytesPerDevice * r.devices.planned) / Math.max(1, devices),
      ),
      rssBytes: sum((r) => r.memory.rssBytes),
    },
    timeline: mergeTimelines(results.map((r) => r.timeline)),
  };
}

/** Point i of each shard's timeline is added up; p99 over shards is the worst one (labelled so in the plot). */
function mergeTimelines(timelines: readonly (readonly TimelinePoint[])[]): TimelinePoint[] {
  const length = Math.max(0, ...timelines.map((t) => t.length));
  return Array.from({ length }, (_, index) => {
    const points = timelines.map((t) => t[index]).filter((p): p is TimelinePoint => p !== undefined);
    const p99: Partial<Record<LatencyFlow, number>> = {};
    for (const point of points)
      for (const [flow, value] of Object.entries(point.p99) as [LatencyFlow, number][])
        p99[flow] = Math.max(p99[flow] ?? 0, value);
    return {
      t: points[0]?.t ?? 0,
      connected: points.reduce((s, p) => s + p.connected, 0),
      messagesPerSecond: points.reduce((s, p) => s + p.messagesPerSecond, 0),
      p99,
    };
  });
}

/** 1: an invariant failed; 2: the run is incomplete for an infrastructure reason; else 0. */
export function exitCodeOf(result: FleetResult): number {
  if (result.invariants.some((invariant) => invariant.status === 'failed')) return 1;
  return result.complete ? 0 : 2;
}
