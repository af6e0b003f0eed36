import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../errors.ts';
import { MemoryMq } from './memory-mq.ts';
import { chooseMq } from './mq-choice.ts';
import { expectedDownlink, p2pTarget } from './mq-downlink.ts';
import { joinTopic, splitTopic, uplinkMismatches } from './mq-properties.ts';

const RULES = { p2pTopicFormat: '{parent}/p2p/{clientId}', parentTopics: ['harness'] };

test('mqttSecondTopic is everything after the parent, leading "/" kept, so parent + it rebuilds the topic (MQM-1, MQM-5)', () => {
  for (const topic of ['harness', 'harness/', 'harness/a', 'harness/a/b/c', 'harness//x', 'harness/中/😀']) {
    const { mqTopic, secondTopic } = splitTopic(topic);
    assert.equal(mqTopic, 'harness');
    assert.equal(mqTopic + secondTopic, topic);
    assert.equal(joinTopic(mqTopic, secondTopic), topic);
  }
  assert.equal(
    joinTopic('harness', 'a/b'),
    'harness/a/b',
    'a subtopic without its leading "/" reads as if it had one',
  );
});

test('an uplink is judged property by property, each under its rule', () => {
  const facts = { topic: 'harness/a', qos: 1 as const, cleanSession: false, clientId: 'GID_harness@@@d' };
  const arrived = {
    topic: 'harness.a',
    properties: { 'x-mqtt-publish-qos': '1' },
    body: Buffer.from([0xff]),
  };
  const rules = uplinkMismatches(facts, arrived, Buffer.from([0xfe])).map((m) => m.rule);
  assert.deepEqual(rules.sort(), ['MQM-1', 'MQM-2', 'MQM-3', 'MQM-4', 'MQM-5', 'MQM-7']);
});

test('MQ → MQTT: defaults, refusals and P2P as the profile documents them (MQM-3, MQM-4, MQM-6, MQM-7, P2P-3)', () => {
  assert.deepEqual(expectedDownlink(RULES, 'harness', {}), { kind: 'subscribers', topic: 'harness', qos: 1 });
  assert.deepEqual(expectedDownlink(RULES, 'harness', { mqttSecondTopic: '/a', qoslevel: '2' }), {
    kind: 'subscribers',
    topic: 'harness/a',
    qos: 2,
  });
  assert.equal(
    expectedDownlink(RULES, 'harness', { mqttSecondTopic: '/a', cleansessionflag: 'false' }).kind,
    'refused',
  );
  assert.equal(expectedDownlink(RULES, 'harness', { clientId: 'x' }).kind, 'refused');
  assert.equal(expectedDownlink(RULES, 'other', {}).kind, 'refused');
  assert.deepEqual(
    expectedDownlink(RULES, 'harness', { mqttSecondTopic: '/p2p/G@@@d', mqttRealTopic: '/inbox' }),
    {
      kind: 'p2p',
      clientId: 'G@@@d',
      topic: 'harness/inbox',
      qos: 1,
      cleanSession: true,
    },
  );
  assert.equal(p2pTarget('{parent}/p2p/{clientId}', 'harness/p2p/a/b'), undefined);
});

test("--mq picks the target's own MQ by default and says what to do when one is missing", () => {
  assert.equal(chooseMq(undefined, { mq: 'memory://1/1' }).kind, 'memory');
  assert.equal(chooseMq(undefined, { amqp: 'amqp://127.0.0.1:1' }).kind, 'amqp');
  assert.equal(chooseMq(undefined, {}).kind, 'none');
  assert.equal(chooseMq('none', { mq: 'memory://1/1' }).kind, 'none');
  assert.throws(() => chooseMq('memory', {}), UsageError);
  assert.throws(() => chooseMq('amqp', {}), UsageError);
  assert.throws(() => chooseMq('kafka', {}), UsageError);
});

test('the memory MQ delivers in order to consumers of a topic and holds what it received (MQM-8)', async () => {
  const mq = new MemoryMq();
  const endpoint = mq.endpoint();
  const got: string[] = [];
  const consumer = await endpoint.consume('t', (m) => got.push(m.body.toString()));
  for (const body of ['1', '2', '3']) mq.put('t', Buffer.from(body), {});
  mq.put('other', Buffer.from('x'), {});
  await consumer.cancel();
  mq.put('t', Buffer.from('4'), {});
  assert.deepEqual(got, ['1', '2', '3']);
  assert.equal(mq.held('t').length, 4);
});
