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
    // ROB-1: every probe was followed by a health check, and the correct broker passed each.
    assert.equal(limits.robustness.finding, undefined);
    assert.ok(limits.robustness.probes > 30, `${limits.robustness.probes} probes`);
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

test('a broker wedged by a long topic is a ROB-1 finding naming the probe, not a limit and not an error', async () => {
  const broker = await startReferenceBroker({ ...REFERENCE_DEFAULTS, faults: ['wedge-after-long-topic'] });
  try {
    const limits = await detectLimits(broker.url, ALIYUN);
    const finding = limits.robustness.finding;
    assert.ok(finding, 'the wedge is a finding');
    // The first topic over the 64-character limit the search from below sent, and what the health check saw.
    assert.match(finding.probe, /^a SUBSCRIBE to a topic of \d+ characters$/);
    const length = Number(/of (\d+) characters/.exec(finding.probe)?.[1]);
    assert.ok(length > 64 && length < 200, `the search came from below, not from the cap (${length})`);
    assert.match(finding.how, /SUBSCRIBE to the ordinary topic .* was refused \(SUBACK 0x80\)/);
    // The topic search stopped: what it saw accepted is a lower bound with the reason, never the limit.
    assert.ok(limits.topicLength.stopped);
    assert.ok((limits.topicLength.value ?? 0) < 64);
    // Every search after it stopped too, without another probe.
    assert.ok(limits.payloadBytes.stopped);
    assert.ok(limits.subscriptionsPerClient.stopped);
    assert.equal(limits.duplicateId, undefined);
    assert.equal(limits.clientIdLength.value, 64, 'the search before the wedge kept its limit');
  } finally {
    await broker.close();
  }
});
