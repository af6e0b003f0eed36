import assert from 'node:assert/strict';
import { AssertionError } from 'node:assert';
import { test } from 'node:test';
import { PreconditionFailed } from '../expectation.ts';
import { judgeQos2Answer, judgeSubackOrder, judgeUnauthorizedAnswer } from './publish-answers.ts';

test('a QoS 2 PUBLISH answered with PUBREC passes; PUBACK fails MQTT-3.3.4-1 saying what arrived', () => {
  assert.match(
    judgeQos2Answer('pub', 't', { answer: 'pubrec', messageId: 7, pubcomp: true }),
    /PUBREC.*PUBCOMP/,
  );
  assert.throws(
    () => judgeQos2Answer('pub', 't', { answer: 'puback', messageId: 7 }),
    (e: unknown) =>
      e instanceof AssertionError &&
      /^\[MQTT-3\.3\.4-1 MQTT-4\.3\.3-2\].*answered PUBACK.*require PUBREC/.test(e.message),
  );
  assert.throws(
    () => judgeQos2Answer('pub', 't', { answer: 'no answer', messageId: 7 }),
    (e: unknown) => e instanceof AssertionError && /\[MQTT-3\.3\.4-1\]/.test(e.message),
  );
});

test('a connection closed on a QoS 2 PUBLISH is inconclusive (MQTT-3.3.5-2 allows it), not a failure', () => {
  assert.throws(
    () => judgeQos2Answer('pub', 't', { answer: 'connection closed', messageId: 7 }),
    (e: unknown) => e instanceof PreconditionFailed && /inconclusive: .*MQTT-3\.3\.5-2/.test(e.message),
  );
});

test('SUBACK codes: a lower grant or 0x80 is lawful; a code above the one asked, or a wrong count, fails MQTT-3.9.3-1', () => {
  const asked = [
    { filter: 'a', qos: 2 as const },
    { filter: 'b', qos: 1 as const },
    { filter: 'c', qos: 0 as const },
  ];
  assert.match(judgeSubackOrder('sub', asked, [2, 1, 0]), /\[2, 1, 0\]/);
  assert.match(judgeSubackOrder('sub', asked, [1, 1, 0]), /lawful downgrade/);
  assert.match(judgeSubackOrder('sub', asked, [0x80, 0, 0]), /0x80/);
  const fails = (codes: number[] | string, rule: RegExp) =>
    assert.throws(
      () => judgeSubackOrder('sub', asked, codes),
      (e: unknown) => e instanceof AssertionError && rule.test(e.message),
    );
  fails([0, 1, 2], /^\[MQTT-3\.9\.3-1\].*code 3 grants QoS 2 to a filter that asked for QoS 0/);
  fails([2, 1], /^\[MQTT-3\.9\.3-1\].*2 return codes/);
  fails('timeout', /^\[MQTT-3\.8\.4-1\].*no SUBACK/);
});

test('an unauthorized PUBLISH acknowledged as its QoS requires, or closed, passes; silence or the wrong ack fails MQTT-3.3.5-2', () => {
  const fails = (e: unknown) => e instanceof AssertionError && e.message.startsWith('[MQTT-3.3.5-2]');
  assert.match(judgeUnauthorizedAnswer('pub', 'd', 1, 'acknowledged', false), /acknowledged/);
  assert.match(judgeUnauthorizedAnswer('pub', 'd', 1, 'connection closed', true), /closed/);
  assert.match(judgeUnauthorizedAnswer('pub', 'd', 1, 'no acknowledgement', true), /closed/);
  assert.throws(() => judgeUnauthorizedAnswer('pub', 'd', 1, 'no acknowledgement', false), fails);
  const q2 = (answer: 'pubrec' | 'puback' | 'no answer', pubcomp?: boolean) => ({
    answer,
    messageId: 5,
    pubcomp,
  });
  assert.match(judgeUnauthorizedAnswer('pub', 'd', 2, q2('pubrec', true), false), /acknowledged/);
  assert.throws(() => judgeUnauthorizedAnswer('pub', 'd', 2, q2('pubrec', false), false), fails);
  assert.throws(() => judgeUnauthorizedAnswer('pub', 'd', 2, q2('puback'), false), fails);
  assert.throws(() => judgeUnauthorizedAnswer('pub', 'd', 2, q2('no answer'), false), fails);
});
