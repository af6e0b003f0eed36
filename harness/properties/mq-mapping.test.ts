import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MqEndpoint } from '../mq/mq-endpoint.ts';
import { ALIYUN } from '../profiles/aliyun.ts';
import { startReferenceBroker } from '../reference/reference-broker.ts';
import { REFERENCE_DEFAULTS, type ReferenceBrokerOptions } from '../reference/reference-options.ts';
import { checkMqDownlinkProperty } from './mq-downlink-property.ts';
import { checkMqUplinkProperty } from './mq-uplink-property.ts';

// Few runs here (npm test); `mqtt-harness certify` runs them deep. The seed is printed to replay.
const RUNS = Number(process.env.PROPERTY_RUNS ?? 20);

async function withBroker(
  options: Partial<ReferenceBrokerOptions>,
  body: (url: string, mq: MqEndpoint) => Promise<void>,
) {
  const broker = await startReferenceBroker({ ...REFERENCE_DEFAULTS, ...options });
  const mq = broker.mq.endpoint();
  try {
    await body(broker.url, mq);
  } finally {
    await mq.close();
    await broker.close();
  }
}

test('the reference broker maps MQTT ↔ MQ exactly as the aliyun profile says (MQM-1..7, P2P-1, P2P-3)', async () => {
  await withBroker({}, async (url, mq) => {
    const up = await checkMqUplinkProperty(url, mq, ALIYUN, { numRuns: RUNS });
    assert.equal(up.verdict, 'pass', `${up.detail} (seed ${up.seed}, path ${up.path})`);
    const down = await checkMqDownlinkProperty(url, mq, ALIYUN, 'native', { numRuns: RUNS });
    assert.equal(down.verdict, 'pass', `${down.detail} (seed ${down.seed}, path ${down.path})`);
  });
});

test('a payload re-encoded as UTF-8 shrinks to one byte that is not UTF-8, and the seed and path replay it (MQM-2)', async () => {
  await withBroker({ faults: ['utf8-payload'] }, async (url, mq) => {
    const result = await checkMqUplinkProperty(url, mq, ALIYUN, { numRuns: 100, seed: 7 });
    assert.equal(result.verdict, 'fail');
    assert.equal(result.rule, 'MQM-2');
    const counterexample = JSON.parse(result.counterexample ?? '{}') as {
      payload: Record<string, number>;
      levels: string[];
    };
    assert.equal(
      Object.keys(counterexample.payload).length,
      1,
      `shrunk to a single byte: ${result.counterexample}`,
    );
    assert.deepEqual(counterexample.levels, []);
    const replay = await checkMqUplinkProperty(url, mq, ALIYUN, {
      numRuns: 1,
      seed: 7,
      ...(result.path ? { path: result.path } : {}),
    });
    assert.equal(replay.counterexample, result.counterexample);
  });
});

test('a default qoslevel of 0 is caught by the downlink property (MQM-3)', async () => {
  await withBroker({ faults: ['default-qos-0'] }, async (url, mq) => {
    const result = await checkMqDownlinkProperty(url, mq, ALIYUN, 'native', { numRuns: 100, seed: 11 });
    assert.equal(result.verdict, 'fail', 'the fault escaped the property');
    assert.equal(result.rule, 'MQM-3', result.detail);
  });
});
