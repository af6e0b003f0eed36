import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TestClient } from '../../harness/connection/test-client.ts';
import { eventually } from '../../harness/eventually.ts';
import { closeRunMq } from '../../harness/mq/run-mq.ts';
import type { StartedBrokerTarget } from '../../harness/targets/broker-target.ts';
import { referenceTarget } from '../../harness/targets/reference-target.ts';
import { ManualClock } from '../clock.ts';
import { encodeMessage, type SimMessage } from '../message.ts';
import { P2pRoute } from '../p2p.ts';
import { MqServiceLink } from './mq-service-link.ts';

/** A service on the reference broker's own MQ (`--mq memory`): uplinks in by MQ, P2P out by MQ (ESL-2, P2P-3). */
let broker: StartedBrokerTarget;
before(async () => {
  broker = await referenceTarget().start();
});
after(async () => {
  await closeRunMq();
  await broker.stop();
});

const message = (id: string): SimMessage => ({ id, type: 'test', sentAt: 0, data: {} });

test('an MQ service receives the uplinks under its filters and sends P2P a device gets unsubscribed', async () => {
  const ref = broker.endpoints?.mq;
  assert.ok(ref, 'the reference broker names its MQ');
  const link = new MqServiceLink(
    'GID_esl_service@@@svc_t1',
    { kind: 'memory', ref },
    true,
    new P2pRoute('native'),
    new ManualClock(),
  );
  const seen: string[] = [];
  await link.start(['esl_status/t1/+'], { onServiceMessage: (topic) => seen.push(topic) });
  const ap = new TestClient('ap', broker.url, 'GID_acme@@@ap_t1', 5_000);
  try {
    await ap.connectOrFail();
    await ap.publish('esl_status/t2/AP-1', encodeMessage(message('other-scope')), { qos: 1 });
    await ap.publish('esl_status/t1/AP-1', encodeMessage(message('ours')), { qos: 1 });
    await eventually(() => (seen.length > 0 ? seen : undefined), {
      timeoutMs: 5_000,
      description: () => 'the service to receive the uplink',
    });
    assert.deepEqual(seen, ['esl_status/t1/AP-1']);
    assert.match(link.description, /^via MQ \(memory\)/);

    // Native P2P from MQ: the AP never subscribed (P2P-1, P2P-3).
    await link.sendP2p('esl_price', ap.clientId, message('price'));
    const got = await eventually(() => ap.received.find((r) => r.topic === `esl_price/p2p/${ap.clientId}`), {
      timeoutMs: 5_000,
      description: () => 'the AP to receive the P2P message',
    });
    assert.ok(got);
    assert.deepEqual(
      link.records.map((r) => [r.direction, r.topic]),
      [
        ['received', 'esl_status/t1/AP-1'],
        ['sent', `esl_price/p2p/${ap.clientId}`],
      ],
    );
  } finally {
    await ap.close();
    await link.close();
  }
});
