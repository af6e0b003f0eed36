import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import type { FleetResult } from '../harness/fleet/fleet-result.ts';

const SCENARIO = 'cli/fixtures/fleet-shards.yaml';

function cli(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('close', (code) => resolve({ code, output }));
  });
}

async function summary(directory: string): Promise<FleetResult> {
  return JSON.parse(await readFile(path.join(directory, 'summary.json'), 'utf8')) as FleetResult;
}

test('4 shards as 4 processes, merged, give the totals of one run; their histograms merge exactly', async () => {
  const run = `fleet-shards-test-${process.pid}`;
  const whole = `${run}-whole`;
  const shardsDir = path.join('reports', 'fleet', run);
  try {
    const [one, ...shards] = await Promise.all([
      cli(['simulate', SCENARIO, '--run', whole]),
      ...[0, 1, 2, 3].map((index) => cli(['simulate', SCENARIO, '--shard', `${index}/4`, '--run', run])),
    ]);
    for (const outcome of [one!, ...shards]) assert.equal(outcome.code, 0, outcome.output);
    const files = [0, 1, 2, 3].map((index) => path.join(shardsDir, `shard-${index}.json`));
    const merged = await cli(['report', '--merge', ...files]);
    assert.equal(merged.code, 0, merged.output);
    const a = await summary(path.join('reports', 'fleet', whole));
    const b = await summary(shardsDir);
    assert.deepEqual(
      b.shards.map((s) => s.index),
      [0, 1, 2, 3],
    );
    assert.equal(b.devices.planned, a.devices.planned);
    assert.equal(b.devices.tags, a.devices.tags);
    assert.equal(b.messages.sent, a.messages.sent);
    assert.deepEqual(b.workload, a.workload);
    assert.deepEqual(
      Object.fromEntries(Object.entries(b.flows).map(([flow, count]) => [flow, count.sent])),
      Object.fromEntries(Object.entries(a.flows).map(([flow, count]) => [flow, count.sent])),
    );
    // Exact merge: the merged count is the sum of the shards' counts, and max the largest max.
    const parts = await Promise.all(
      files.map(async (file) => JSON.parse(await readFile(file, 'utf8')) as FleetResult),
    );
    const latency = (r: FleetResult) => r.latency['command-reply']!.summary;
    assert.equal(
      latency(b).count,
      parts.reduce((sum, part) => sum + latency(part).count, 0),
    );
    assert.equal(latency(b).max, Math.max(...parts.map((part) => latency(part).max)));
  } finally {
    await rm(shardsDir, { recursive: true, force: true });
    await rm(path.join('reports', 'fleet', whole), { recursive: true, force: true });
  }
});

test('a bad scenario file is one line and exit 2', async () => {
  const outcome = await cli(['simulate', SCENARIO, '--set', 'retail.stores=-1']);
  assert.equal(outcome.code, 2);
  assert.match(
    outcome.output.trim(),
    /^mqtt-harness: cli\/fixtures\/fleet-shards\.yaml: retail\.stores: must be >= 0$/,
  );
});

test('a broker that drops offline QoS 1 messages fails the offline invariant with evidence, exit 1', async () => {
  const outcome = await cli([
    'simulate',
    'scenarios/rtc-calls.yaml',
    '--broker',
    'embedded:fault:drop-offline-qos1',
    '--profile',
    'mqtt-3.1.1',
    '--run',
    `fleet-fault-test-${process.pid}`,
    ...[
      'phones=30',
      'killsPerMinute=600',
      'downSeconds=1',
      'callsPerMinute=600',
      'offlineInviteeShare=1',
    ].flatMap((pair) => ['--set', pair]),
    '--duration',
    '3',
  ]);
  await rm(path.join('reports', 'fleet', `fleet-fault-test-${process.pid}`), {
    recursive: true,
    force: true,
  });
  assert.equal(outcome.code, 1, outcome.output);
  assert.match(
    outcome.output,
    /FAILED +QCS-2 QCS-6 RTC-5: .*\n.*GID_\w+@@@u\d+_\w+ \S+#\d+: sent while the device \(cleanSession=false\) was offline; not delivered/,
  );
});
