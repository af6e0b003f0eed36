import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeviceSession } from '../connection/device-session.ts';
import { UsageError } from '../errors.ts';
import { nodeFor, nodeUrls, splitNodeCount } from './multi-node.ts';
import { parseTarget } from './parse-target.ts';

test('TARGET*N names N nodes of TARGET; a count out of range is a usage error', () => {
  assert.deepEqual(splitNodeCount('process:mosquitto*3'), { single: 'process:mosquitto', nodes: 3 });
  assert.equal(splitNodeCount('process:mosquitto'), undefined);
  assert.throws(() => splitNodeCount('process:mosquitto*0'), UsageError);
  assert.throws(() => splitNodeCount('process:mosquitto*99'), UsageError);
  assert.equal(parseTarget('process:mosquitto*2').spec, 'process:mosquitto*2');
});

test('devices spread over the nodes: round-robin by number, stable by key', () => {
  const urls = ['mqtt://a:1', 'mqtt://b:2', 'mqtt://c:3'];
  assert.deepEqual(
    [0, 1, 2, 3].map((i) => nodeFor(urls, i)),
    [...urls, urls[0]],
  );
  assert.equal(nodeFor(urls, 'store-17'), nodeFor(urls, 'store-17'));
  const keys = Array.from({ length: 300 }, (_, i) => `store-${i}`);
  assert.equal(new Set(keys.map((key) => nodeFor(urls, key))).size, 3);
  assert.deepEqual(nodeUrls({ url: 'mqtt://x:1' }), ['mqtt://x:1']);
});

test('process:mosquitto*3 starts three brokers on three ports, each taking devices, and stops them all', async () => {
  const started = await parseTarget('process:mosquitto*3').start();
  try {
    const urls = nodeUrls(started);
    assert.equal(new Set(urls).size, 3);
    assert.equal(started.url, urls[0]);
    for (const [i, url] of urls.entries()) {
      const session = new DeviceSession(url, `multi-node-${i}`, true, { onMessage: () => undefined });
      assert.equal((await session.connect()).accepted, true);
      await session.disconnect();
    }
  } finally {
    await started.stop();
  }
  const after = new DeviceSession(nodeUrls(started)[1] ?? '', 'gone', true, { onMessage: () => undefined });
  await assert.rejects(after.connect(), /cannot reach/);
});
