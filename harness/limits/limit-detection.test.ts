import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALIYUN } from '../profiles/aliyun.ts';
import { startReferenceBroker } from '../reference/reference-broker.ts';
import { REFERENCE_DEFAULTS } from '../reference/reference-options.ts';
import { detectLimits } from './limit-detection.ts';

test('limit detection measures the reference broker at the aliyun limits', async () => {
  const broker = await startReferenceBroker(REFERENCE_DEFAULTS);
  try {
    const limits = await detectLimits(broker.url, ALIYUN);
    assert.equal(limits.clientIdLength.value, 64);
    assert.equal(limits.topicLength.value, 64);
    assert.equal(limits.payloadBytes.value, 64 * 1024);
    assert.equal(limits.subscriptionsPerClient.value, 30);
    assert.equal(limits.duplicateId, 'refuse');
  } finally {
    await broker.close();
  }
});

test('limit detection sees a takeover broker as one', async () => {
  const broker = await startReferenceBroker({
    ...REFERENCE_DEFAULTS,
    faults: ['takeover-duplicate-id', 'accept-long-client-id'],
  });
  try {
    const limits = await detectLimits(broker.url, ALIYUN);
    assert.equal(limits.duplicateId, 'takeover');
    assert.equal(limits.clientIdLength.capped, true);
  } finally {
    await broker.close();
  }
});
