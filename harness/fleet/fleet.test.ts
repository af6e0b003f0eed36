import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeliveryTracker } from './delivery-tracker.ts';
import { FleetMetrics } from './fleet-metrics.ts';
import { fleetResult, mergeResults } from './fleet-result.ts';
import { InvariantBook, type InvariantId } from './invariants.ts';
import { LatencyHistogram } from './latency.ts';
import { prometheusText } from './live-figures.ts';
import { RateCounter } from './random.ts';
import { parseScenario } from './scenario-file.ts';
import { parseShard, shardIndices } from './shard.ts';

const ALL: InvariantId[] = ['online-qos1', 'offline-persistent', 'offline-clean'];
const status = (book: InvariantBook, id: InvariantId) => book.results().find((r) => r.id === id)?.status;

test('shards partition the fleet: disjoint, complete, the same for every run', () => {
  const parts = [0, 1, 2].map((index) => shardIndices(10, { index, count: 3 }));
  assert.deepEqual(
    parts.flat().sort((a, b) => a - b),
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  );
  assert.deepEqual(parseShard('3/8'), { index: 3, count: 8 });
  assert.throws(() => parseShard('8/8'), /0 <= i < n/);
});

test('a rate becomes whole events per tick without drift', () => {
  const counter = new RateCounter(0.3);
  assert.equal(
    Array.from({ length: 10 }, () => counter.take()).reduce((a, b) => a + b),
    3,
  );
});

test('a message to a device that stayed online and never arrived fails QCS-1, with evidence', () => {
  const book = new InvariantBook(ALL);
  const tracker = new DeliveryTracker(book);
  tracker.expect('d1', 'm1', true, 1_000);
  tracker.expect('d1', 'm2', true, 1_000);
  tracker.received('d1', 'm1', 1_050);
  tracker.finish(5_000);
  const result = book.results().find((r) => r.id === 'online-qos1')!;
  assert.equal(result.status, 'failed');
  assert.equal(result.checked, 2);
  assert.equal(result.evidence[0]?.message, 'm2');
});

test('cleanSession=false: sent while away must arrive after the relaunch (QCS-2, RTC-5)', () => {
  const book = new InvariantBook(ALL);
  const tracker = new DeliveryTracker(book);
  tracker.wentOffline('phone', 1_000);
  tracker.expect('phone', 'late', false, 1_500);
  tracker.expect('phone', 'lost', false, 1_600);
  tracker.cameBack('phone', 2_000);
  tracker.received('phone', 'late', 2_100);
  tracker.finish(9_000);
  assert.equal(status(book, 'offline-persistent'), 'failed');
  assert.equal(status(book, 'online-qos1'), 'not exercised');
});

test('cleanSession=true: acknowledged while away and delivered after the reconnect fails QCS-2', () => {
  const book = new InvariantBook(ALL);
  const tracker = new DeliveryTracker(book);
  tracker.wentOffline('ap', 1_000);
  tracker.expect('ap', 'gone', true, 1_200, 1_250);
  tracker.expect('ap', 'kept', true, 1_300, 1_350);
  tracker.cameBack('ap', 2_000);
  tracker.received('ap', 'kept', 2_100);
  tracker.finish(9_000);
  const result = book.results().find((r) => r.id === 'offline-clean')!;
  assert.equal(result.violations, 1);
  assert.equal(result.checked, 2);
});

test('a device still away at the end is reported, not judged', () => {
  const book = new InvariantBook(ALL);
  const tracker = new DeliveryTracker(book);
  tracker.wentOffline('phone', 1_000);
  tracker.expect('phone', 'm', false, 1_500);
  tracker.finish(9_000);
  assert.equal(status(book, 'offline-persistent'), 'not exercised');
  assert.deepEqual(book.results().find((r) => r.id === 'offline-persistent')?.reported, {
    'device still offline when the run ended': 1,
  });
});

test('merged shards: counts add up, histograms are added exactly, a failure in one shard fails', () => {
  const scenario = parseScenario('x.yaml', 'name: x\ndurationSeconds: 1\nrtc:\n  phones: 4\n');
  const shard = (index: number, latencies: number[], fail: boolean) => {
    const metrics = new FleetMetrics();
    for (const ms of latencies) metrics.latencyOf('invitation-join', ms);
    metrics.message('rtc_uplink', 'sent');
    const book = new InvariantBook(['online-qos1']);
    if (fail) book.violated('online-qos1', { device: 'd', at: 'now', what: 'lost' });
    else book.passed('online-qos1');
    return fleetResult({
      scenario,
      target: 'embedded',
      shard: { index, count: 2 },
      metrics,
      planned: 2,
      perNode: { 'mqtt://n0': 2 - index, 'mqtt://n1': index },
      tags: 0,
      workload: { calls: index + 1 },
      invariants: book.results(),
      incomplete: [],
      memory: { bytesPerDevice: 100, rssBytes: 1 },
    });
  };
  const merged = mergeResults([shard(0, [1, 2, 3], false), shard(1, [100, 200], true)]);
  assert.equal(merged.devices.planned, 4);
  assert.deepEqual(merged.devices.perNode, { 'mqtt://n0': 3, 'mqtt://n1': 1 });
  assert.equal(merged.messages.sent, 2);
  assert.deepEqual(merged.workload, { calls: 3 });
  const all = new LatencyHistogram();
  for (const ms of [1, 2, 3, 100, 200]) all.record(ms);
  assert.deepEqual(merged.latency['invitation-join']?.summary, all.summary());
  assert.equal(merged.invariants[0]?.status, 'failed');
});

test('Prometheus text: one sample per line, labels quoted', () => {
  const metrics = new FleetMetrics();
  metrics.message('esl_status', 'sent');
  metrics.error('connect failed: "x"');
  metrics.latencyOf('price-ack', 12);
  const text = prometheusText({
    phase: 'running',
    planned: 3,
    connected: 2,
    messagesPerSecond: 1,
    metrics,
    failingInvariants: 0,
  });
  assert.match(text, /^mqtt_harness_fleet_devices\{state="connected"\} 2$/m);
  assert.match(text, /^mqtt_harness_fleet_messages_total\{flow="esl_status",direction="sent"\} 1$/m);
  assert.match(text, /^mqtt_harness_fleet_errors_total\{kind="connect failed: \\"x\\""\} 1$/m);
  assert.match(text, /^mqtt_harness_fleet_latency_ms\{flow="price-ack",quantile="0.99"\} 12$/m);
});
