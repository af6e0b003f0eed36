import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { RawClient } from '../connection/raw-client.ts';
import { startReferenceBroker } from './reference-broker.ts';
import { REFERENCE_DEFAULTS } from './reference-options.ts';

// PUB-4 test credentials, made up for this test only.
const AUTH = {
  instanceId: 'mqtt-test',
  accessKeys: { AK1: 'not-a-real-secret' },
  tokens: { tokR: 'R', tokW: 'W' },
} as const;
const ID = 'GID_harness@@@auth1';

async function login(url: string, username: string, password: string, clientId = ID) {
  const client = new RawClient(url);
  try {
    return (await client.connect({ clientId, username, password: Buffer.from(password) })).returnCode;
  } finally {
    client.destroy();
  }
}

test('PUB-4 signature login: Base64(HMAC-SHA1(secret, clientId)) is accepted, anything else is refused with 4', async () => {
  const broker = await startReferenceBroker({ ...REFERENCE_DEFAULTS, auth: AUTH });
  try {
    const signature = createHmac('sha1', AUTH.accessKeys.AK1).update(ID).digest('base64');
    assert.equal(await login(broker.url, 'Signature|AK1|mqtt-test', signature), 0);
    assert.equal(await login(broker.url, 'Signature|AK1|mqtt-test', signature, 'GID_harness@@@other'), 4);
    assert.equal(await login(broker.url, 'Signature|AK1|other-instance', signature), 4);
    assert.equal(await login(broker.url, 'Signature|AK2|mqtt-test', signature), 4);
    assert.ok(
      broker.refusals.every((line) => !line.includes(AUTH.accessKeys.AK1)),
      'no secret in the refusal log',
    );
  } finally {
    await broker.close();
  }
});

test('PUB-4 token login: R allows subscribe only, R + W allows publish too', async () => {
  const broker = await startReferenceBroker({ ...REFERENCE_DEFAULTS, auth: AUTH });
  const reader = new RawClient(broker.url);
  const writer = new RawClient(broker.url);
  try {
    assert.equal(await login(broker.url, 'Token|AK1|mqtt-test', 'R|nope'), 4);
    assert.equal(
      (
        await reader.connect({
          clientId: `${ID}r`,
          username: 'Token|AK1|mqtt-test',
          password: Buffer.from('R|tokR'),
        })
      ).returnCode,
      0,
    );
    assert.deepEqual(await reader.subscribe(['harness/t/#']), [1]);
    assert.equal(
      await reader.publish('harness/t/x', 'm'),
      'connection closed',
      'a read-only token cannot publish',
    );
    assert.equal(
      (
        await writer.connect({
          clientId: `${ID}w`,
          username: 'Token|AK1|mqtt-test',
          password: Buffer.from('R|tokR|W|tokW'),
        })
      ).returnCode,
      0,
    );
    assert.equal(await writer.publish('harness/t/x', 'm'), 'acknowledged');
  } finally {
    reader.destroy();
    writer.destroy();
    await broker.close();
  }
});

test('anonymous when no auth is configured; the refusal log names the rule', async () => {
  const broker = await startReferenceBroker(REFERENCE_DEFAULTS);
  try {
    assert.equal(await login(broker.url, 'anyone', 'anything'), 0);
    assert.equal(await login(broker.url, '', '', 'no-separator'), 2);
    assert.match(broker.refusals.at(-1) ?? '', /CID-1/);
  } finally {
    await broker.close();
  }
});

test('QCS-4: a QoS 2 subscription of a persistent session is not kept while the client is offline', async () => {
  const broker = await startReferenceBroker(REFERENCE_DEFAULTS);
  const id = 'GID_harness@@@qcs4';
  try {
    const first = new RawClient(broker.url);
    await first.connect({ clientId: id, clean: false });
    await first.subscribe(['harness/qcs4/two'], 2);
    await first.subscribe(['harness/qcs4/one'], 1);
    await first.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const sender = new RawClient(broker.url);
    await sender.connect({ clientId: 'GID_harness@@@qcs4sender' });
    await sender.publish('harness/qcs4/two', 'to-qos2');
    await sender.publish('harness/qcs4/one', 'to-qos1');
    sender.destroy();
    const again = new RawClient(broker.url);
    const outcome = await again.connect({ clientId: id, clean: false });
    assert.equal(outcome.sessionPresent, true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(
      again.publishes.map((p) => p.payload.toString()),
      ['to-qos1'],
    );
    again.destroy();
  } finally {
    await broker.close();
  }
});
