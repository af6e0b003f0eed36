import assert from 'node:assert/strict';
import { AssertionError } from 'node:assert';
import { test } from 'node:test';
import type { IPublishPacket, Packet } from 'mqtt-packet';
import { PreconditionFailed } from '../expectation.ts';
import {
  exchangeKinds,
  judgeCodePerFilter,
  judgeHeaderFlags,
  judgeInflightIds,
  judgeOwnIds,
  judgeQos0Bytes,
  judgeSubackCodes,
} from './packet-answers.ts';
import { isValidFilter } from './topic-filter.ts';

const fails = (rule: string) => (e: unknown) =>
  e instanceof AssertionError && e.message.startsWith(`[${rule}]`);
const inconclusive = (e: unknown) => e instanceof PreconditionFailed;
const suback = (granted: number[]): Packet => ({ cmd: 'suback', messageId: 7, granted });
const publish = (messageId: number | undefined, payload: string, qos: 0 | 1 = 1): IPublishPacket => ({
  cmd: 'publish',
  topic: 't',
  payload: Buffer.from(payload, 'latin1'),
  qos,
  dup: false,
  retain: false,
  ...(messageId === undefined ? {} : { messageId }),
});

test('filters valid by §4.7.1', () => {
  for (const f of ['a', 'a/+', '+/b/#', '#']) assert.equal(isValidFilter(f), true, f);
  for (const f of ['a/#/b', 'a#', 'a/b+', '+a']) assert.equal(isValidFilter(f), false, f);
});

test('[MQTT-3.8.4-5] one return code per filter; a close on an invalid filter is lawful; no SUBACK is inconclusive', () => {
  assert.match(judgeCodePerFilter('w', ['a', 'b'], suback([0, 1])), /one per filter/);
  assert.throws(() => judgeCodePerFilter('w', ['a', 'a'], suback([0])), fails('MQTT-3.8.4-5'));
  assert.match(judgeCodePerFilter('w', ['a', 'a/#/b'], 'closed'), /not valid/);
  assert.throws(() => judgeCodePerFilter('w', ['a'], 'closed'), inconclusive);
  const refused = [{ error: 'Invalid suback QoS, must be 0, 1, 2 or 128', bytes: '00 07 8F' }];
  assert.match(judgeCodePerFilter('w', ['a'], 'closed', refused), /judged next/);
});

test('[MQTT-3.9.3-2] only 0x00, 0x01, 0x02, 0x80; a SUBACK the parser refused fails', () => {
  assert.match(judgeSubackCodes('w', ['a', 'b'], suback([2, 0x80])), /all defined/);
  assert.throws(() => judgeSubackCodes('w', ['a'], suback([3])), fails('MQTT-3.9.3-2'));
  const refused = [{ error: 'Invalid suback QoS, must be 0, 1, 2 or 128', bytes: '00 07 8F' }];
  assert.throws(() => judgeSubackCodes('w', ['a'], 'unparseable', refused), fails('MQTT-3.9.3-2'));
  // Wrong header flags on a SUBACK are [MQTT-2.2.2-1]'s, not a reserved code: inconclusive here.
  const flags = [
    { error: 'Invalid header flag bits, must be 0x0 for suback packet', bytes: '92 03 00 4D 02' },
  ];
  assert.throws(() => judgeSubackCodes('w', ['a'], 'unparseable', flags), inconclusive);
  assert.throws(() => judgeCodePerFilter('w', ['a'], 'unparseable', flags), inconclusive);
});

test('[MQTT-2.3.1-7] each answer carries its own ID, in any order; a missing one is inconclusive', () => {
  const sent = { suback: [1, 2], unsuback: [3] };
  const acks = (s: number[], u: number[]): Packet[] => [
    ...s.map((id) => suback([0]) && ({ cmd: 'suback', messageId: id, granted: [0] } as Packet)),
    ...u.map((id) => ({ cmd: 'unsuback', messageId: id }) as Packet),
  ];
  assert.match(judgeOwnIds('w', sent, acks([2, 1], [3]), true), /SUBACK IDs/);
  assert.throws(() => judgeOwnIds('w', sent, acks([1, 1], [3]), true), fails('MQTT-2.3.1-7'));
  assert.throws(() => judgeOwnIds('w', sent, acks([1], [3]), 'timeout'), inconclusive);
});

test('[MQTT-2.3.1-4] distinct IDs in flight, [MQTT-2.3.1-1] none 0, fewer than two inconclusive', () => {
  assert.match(judgeInflightIds('w', [publish(1, 'a'), publish(2, 'b')], 3), /its own ID/);
  // A re-send of "a" with its own ID is one message, not a reuse.
  assert.match(judgeInflightIds('w', [publish(1, 'a'), publish(1, 'a'), publish(2, 'b')], 2), /its own ID/);
  assert.throws(() => judgeInflightIds('w', [publish(1, 'a'), publish(1, 'a')], 2), inconclusive);
  assert.throws(() => judgeInflightIds('w', [publish(5, 'a'), publish(5, 'b')], 2), fails('MQTT-2.3.1-4'));
  assert.throws(() => judgeInflightIds('w', [publish(0, 'a')], 2), fails('MQTT-2.3.1-1'));
  assert.throws(() => judgeInflightIds('w', [publish(1, 'a')], 2), inconclusive);
});

test('[MQTT-2.3.1-5] a QoS 0 copy holds the payload and nothing more', () => {
  const sent = Buffer.from('hello');
  assert.match(judgeQos0Bytes('w', sent, [publish(undefined, 'hello', 0)]), /exactly the payload/);
  assert.throws(
    () => judgeQos0Bytes('w', sent, [publish(undefined, '\u0000\u0001hello', 0)]),
    (e: unknown) => fails('MQTT-2.3.1-5')(e) && /packet identifier/.test((e as Error).message),
  );
  assert.throws(() => judgeQos0Bytes('w', sent, [publish(1, 'hello', 1)]), inconclusive);
});

test('[MQTT-2.2.2-1] a packet refused for its header flags fails; other parse errors do not count', () => {
  const flags = { error: 'Invalid header flag bits, must be 0x0 for suback packet', bytes: '92 03' };
  assert.throws(
    () => judgeHeaderFlags('w', [{ name: 's', unparseable: [flags], received: [] }]),
    fails('MQTT-2.2.2-1'),
  );
  const every = ['suback', 'puback', 'pubrec', 'pubcomp', 'publish', 'pubrel', 'unsuback', 'pingresp'].map(
    (cmd) => ({ cmd }) as Packet,
  );
  const kinds = exchangeKinds(true);
  assert.match(judgeHeaderFlags('w', [{ name: 's', unparseable: [], received: every }], kinds), /SUBACK/);
  assert.throws(
    () => judgeHeaderFlags('w', [{ name: 's', unparseable: [], received: [suback([0])] }], kinds),
    inconclusive,
  );
  // A QoS 2 subscription granted at QoS 1 (lawful) owes no PUBREL.
  const noPubrel = every.filter((p) => p.cmd !== 'pubrel');
  assert.match(
    judgeHeaderFlags('w', [{ name: 's', unparseable: [], received: noPubrel }], exchangeKinds(false)),
    /SUBACK/,
  );
});
