import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IPublishPacket } from 'mqtt-packet';
import { RawClient } from '../connection/raw-client.ts';
import { HARNESS_DENIED_PUBLISH_TOPIC } from '../targets/broker-target.ts';
import { parseTarget } from '../targets/parse-target.ts';
import { referenceTarget } from '../targets/reference-target.ts';
import { startReferenceBroker, type RunningReferenceBroker } from './reference-broker.ts';
import { REFERENCE_DEFAULTS } from './reference-options.ts';

const WAIT_MS = 3_000;

async function withStandardBroker(body: (broker: RunningReferenceBroker) => Promise<void>) {
  const broker = await startReferenceBroker({
    ...REFERENCE_DEFAULTS,
    mode: 'standard',
    refuseFilters: ['test/nosubscribe'],
  });
  try {
    await body(broker);
  } finally {
    await broker.close();
  }
}

async function connackCode(url: string, clientId: string, clean = true): Promise<number | undefined> {
  const client = new RawClient(url);
  try {
    return (await client.connect({ clientId, clean })).returnCode;
  } finally {
    client.destroy();
  }
}

test('standard mode: client IDs follow MQTT 3.1.1, not aliyun [MQTT-3.1.3-5, MQTT-3.1.3-6, MQTT-3.1.3-8]', async () => {
  await withStandardBroker(async ({ url }) => {
    assert.equal(await connackCode(url, 'myclientid'), 0, 'no <GroupID>@@@<DeviceID> shape needed');
    assert.equal(await connackCode(url, 'x'.repeat(100)), 0, 'longer than 23 bytes is allowed');
    assert.equal(await connackCode(url, 'a:b,c%d'), 0, 'no reserved characters');
    assert.equal(await connackCode(url, '', true), 0, 'empty ID with cleanSession=1 gets one assigned');
    assert.equal(await connackCode(url, '', false), 2, 'empty ID with cleanSession=0 is refused');
    // [MQTT-1.5.3-2]: a string with U+0000 is malformed, so the connection is closed without a CONNACK.
    assert.equal(
      await connackCode(url, 'a\u0000b'),
      undefined,
      'U+0000 closes the connection [MQTT-1.5.3-2]',
    );
  });
});

test('standard mode: a duplicate client ID takes over the first connection [MQTT-3.1.4-2]', async () => {
  await withStandardBroker(async ({ url }) => {
    const first = new RawClient(url);
    const second = new RawClient(url);
    try {
      assert.equal((await first.connect({ clientId: 'twin' })).returnCode, 0);
      assert.equal((await second.connect({ clientId: 'twin' })).returnCode, 0);
      assert.equal(await first.waitClosed(WAIT_MS), true, 'the first connection is closed');
      assert.equal(await second.ping(), true, 'the second one stays');
    } finally {
      first.destroy();
      second.destroy();
    }
  });
});

test('standard mode: no provisioning, configured filters refused, "$" topics kept from wildcards [MQTT-4.7.2-1]', async () => {
  await withStandardBroker(async ({ url }) => {
    const all = new RawClient(url);
    const ops = new RawClient(url);
    const sender = new RawClient(url);
    try {
      await all.connect({ clientId: 'all' });
      await ops.connect({ clientId: 'ops' });
      await sender.connect({ clientId: 'sender' });
      assert.deepEqual(await all.subscribe(['#', 'test/nosubscribe'], 1), [1, 0x80]);
      assert.deepEqual(await ops.subscribe(['$ops/#'], 1), [1]);
      assert.equal(await sender.publish('$ops/health', 'dollar'), 'acknowledged');
      assert.equal(await sender.publish('anywhere/at/all', 'plain'), 'acknowledged');
      assert.equal(await ops.waitForPublish((p) => p.topic === '$ops/health', WAIT_MS), true);
      // Same sender connection, so "plain" arriving means "dollar" would have arrived before it.
      assert.equal(await all.waitForPublish((p) => p.topic === 'anywhere/at/all', WAIT_MS), true);
      assert.deepEqual(
        all.publishes.map((p) => p.topic),
        ['anywhere/at/all'],
      );
    } finally {
      for (const client of [all, ops, sender]) client.destroy();
    }
  });
});

test('standard mode: a QoS 2 subscription of a persistent session is kept while offline (no QCS-4 rewrite)', async () => {
  await withStandardBroker(async ({ url }) => {
    const first = new RawClient(url);
    const sender = new RawClient(url);
    const again = new RawClient(url);
    try {
      await first.connect({ clientId: 'keeper', clean: false });
      assert.deepEqual(await first.subscribe(['kept/two'], 2), [2]);
      await first.disconnect();
      await sender.connect({ clientId: 'keeper-sender' });
      assert.equal(await sender.publish('kept/two', 'while-away'), 'acknowledged');
      const outcome = await again.connect({ clientId: 'keeper', clean: false });
      assert.equal(outcome.sessionPresent, true, '[MQTT-3.2.2-2]');
      assert.equal(await again.waitForPublish((p) => p.payload.toString() === 'while-away', WAIT_MS), true);
    } finally {
      for (const client of [first, sender, again]) client.destroy();
    }
  });
});

test('the run profile decides the mode of `embedded`: mqtt-3.1.1 standard, otherwise aliyun', async () => {
  for (const [profile, expected] of [
    ['mqtt-3.1.1', 'mqtt-3.1.1'],
    ['aliyun', 'aliyun'],
    [undefined, 'aliyun'],
  ] as const) {
    const started = await parseTarget('embedded', undefined, profile).start();
    try {
      assert.equal(started.capabilities.profile, expected);
      assert.equal(await connackCode(started.url, 'myclientid'), expected === 'aliyun' ? 2 : 0);
    } finally {
      await started.stop();
    }
  }
});

test('standard mode: a --deny-publish topic is acknowledged as if accepted and delivered to nobody [MQTT-3.3.5-2]', async () => {
  const broker = await startReferenceBroker({
    ...REFERENCE_DEFAULTS,
    mode: 'standard',
    denyPublish: ['acl/denied'],
  });
  const listener = new RawClient(broker.url);
  const sender = new RawClient(broker.url);
  try {
    await listener.connect({ clientId: 'listener' });
    await sender.connect({ clientId: 'sender' });
    assert.deepEqual(await listener.subscribe(['#'], 1), [1]);
    assert.equal(await sender.publish('acl/denied', 'no', 1), 'acknowledged');
    assert.equal((await sender.publishQos2('acl/denied', 'no')).answer, 'pubrec');
    // A marker after it arrives, so the denied one's absence is not a matter of timing.
    assert.equal(await sender.publish('acl/allowed', 'marker', 1), 'acknowledged');
    await listener.waitForPacket(
      (p): p is IPublishPacket => p.cmd === 'publish' && p.topic === 'acl/allowed',
    );
    assert.deepEqual(
      listener.publishes.map((p) => p.topic),
      ['acl/allowed'],
    );
  } finally {
    listener.destroy();
    sender.destroy();
    await broker.close();
  }
});

test('embedded declares the topic it denies, in either mode; a profile config names another', async () => {
  const declared = async (target: ReturnType<typeof referenceTarget>) => {
    const started = await target.start();
    await started.stop();
    return started.capabilities.deniedPublishTopic;
  };
  assert.equal(
    await declared(referenceTarget('embedded', { mode: 'standard' })),
    HARNESS_DENIED_PUBLISH_TOPIC,
  );
  assert.equal(await declared(referenceTarget()), HARNESS_DENIED_PUBLISH_TOPIC, 'aliyun: TOP-2 denies it');
  assert.equal(
    await declared(referenceTarget('embedded', { mode: 'standard', denyPublish: ['acl/denied'] })),
    'acl/denied',
  );
});
