import assert from 'node:assert/strict';
import { AssertionError } from 'node:assert';
import { test } from 'node:test';
import type { Packet } from 'mqtt-packet';
import { decodeEscapes, judgeAckId, judgeClosedUnanswered, judgeNotGranted } from './subscription-answers.ts';
import { parses, subscribePacket, unsubscribePacket } from '../probe/subscribe-packets.ts';

const fails = (rule: string) => (e: unknown) =>
  e instanceof AssertionError && e.message.startsWith(`[${rule}]`);

test('the probe packets are what they claim: well-formed with flags 0010, malformed otherwise', () => {
  assert.equal(parses(subscribePacket(7, [{ filter: 'a/b', qos: 1 }])), true);
  assert.equal(parses(unsubscribePacket(7, ['a/b'])), true);
  assert.equal(parses(subscribePacket(7, [{ filter: 'a/b', qos: 1 }], 0b0000)), false);
  assert.equal(parses(unsubscribePacket(7, ['a/b'], 0b0011)), false);
  assert.equal(parses(subscribePacket(7, [{ filter: 'a/b', qos: 3 }])), false);
  assert.deepEqual(
    [...subscribePacket(0x1234, [{ filter: 'a', qos: 2 }])],
    [0x82, 6, 0x12, 0x34, 0, 1, 0x61, 2],
  );
});

test('a malformed packet passes only when closed unanswered; an answer or an open connection fails its rule', () => {
  const base = {
    rule: 'MQTT-3.8.1-1',
    actor: 'd',
    sent: 'a SUBSCRIBE',
    ack: 'SUBACK' as const,
    withinMs: 2000,
  };
  assert.match(
    judgeClosedUnanswered({ ...base, answer: undefined, closedAfterMs: 3 }),
    /closed the connection 3 ms/,
  );
  const suback = { cmd: 'suback', messageId: 1, granted: [0] } as Packet;
  // An answer before the close is recorded; an answer with the connection kept open fails.
  assert.match(judgeClosedUnanswered({ ...base, answer: suback, closedAfterMs: 5 }), /recorded, not judged/);
  assert.throws(
    () => judgeClosedUnanswered({ ...base, answer: suback, closedAfterMs: undefined }),
    fails('MQTT-3.8.1-1'),
  );
  assert.throws(
    () => judgeClosedUnanswered({ ...base, answer: undefined, closedAfterMs: undefined }),
    /still open/,
  );
});

test('an acknowledgement must carry the packet ID; a missing UNSUBACK names -4 or -5 by whether anything was deleted', () => {
  const unsuback = (messageId: number) => ({ cmd: 'unsuback', messageId }) as Packet;
  const base = { actor: 'd', ack: 'UNSUBACK' as const, sent: 'an UNSUBSCRIBE', packetId: 4660 };
  assert.match(judgeAckId({ ...base, answer: unsuback(4660) }), /UNSUBACK \(packet ID 4660\)/);
  assert.throws(() => judgeAckId({ ...base, answer: unsuback(52) }), fails('MQTT-3.10.4-4'));
  assert.throws(() => judgeAckId({ ...base, answer: 'timeout', deletes: false }), fails('MQTT-3.10.4-5'));
  assert.throws(() => judgeAckId({ ...base, answer: 'timeout', deletes: true }), fails('MQTT-3.10.4-4'));
  assert.throws(
    () =>
      judgeAckId({ ...base, ack: 'SUBACK', answer: { cmd: 'suback', messageId: 1, granted: [1] } as Packet }),
    fails('MQTT-3.8.4-2'),
  );
});

test('a filter that must not be granted passes on 0x80 or a close, fails on a grant', () => {
  assert.match(judgeNotGranted('MQTT-4.7.3-1', 'd', 'x', 'closed'), /closed/);
  assert.match(
    judgeNotGranted('MQTT-4.7.3-1', 'd', 'x', { cmd: 'suback', messageId: 1, granted: [128] } as Packet),
    /0x80/,
  );
  assert.throws(
    () => judgeNotGranted('MQTT-4.7.3-1', 'd', 'x', { cmd: 'suback', messageId: 1, granted: [0] } as Packet),
    fails('MQTT-4.7.3-1'),
  );
});

test('\\uXXXX escapes in a feature are decoded, other text is kept', () => {
  assert.equal(decodeEscapes('caf\\u00e9/\\ufeffa'), 'café/\uFEFFa');
  assert.equal(decodeEscapes('plain/+/#'), 'plain/+/#');
});
