import assert from 'node:assert/strict';
import { AssertionError } from 'node:assert';
import { test } from 'node:test';
import type { WirePublish } from '../connection/session-probe.ts';
import { PreconditionFailed } from '../expectation.ts';
import { judgeOrder } from './publish-judgements.ts';

const sent = (payload: string, dup = false): WirePublish => ({
  at: 0,
  connection: 1,
  topic: 't',
  payload,
  qos: 1,
  dup,
  retain: false,
  delivered: true,
});
const written = (topic: string, ...payloads: string[]) => payloads.map((payload) => ({ topic, payload }));
const fails = (rule: string) => (e: unknown) =>
  e instanceof AssertionError && e.message.startsWith(`[${rule}]`);
const inconclusive = (e: unknown) =>
  e instanceof PreconditionFailed && /inconclusive: .*never sent/.test(e.message);

test('one topic: the order written passes, any other order fails the rule named, re-sends and repeats ignored', () => {
  const burst = written('line', 'a', 'b', 'c');
  assert.match(
    judgeOrder(
      'sub',
      burst,
      ['a', 'b', 'c'].map((p) => sent(p)),
      'MQTT-4.6.0-6',
    ),
    /in the order written/,
  );
  assert.doesNotThrow(() =>
    judgeOrder('sub', burst, [sent('a'), sent('c', true), sent('b'), sent('a'), sent('c')], 'MQTT-4.6.0-6'),
  );
  assert.throws(
    () =>
      judgeOrder(
        'sub',
        burst,
        ['a', 'c', 'b'].map((p) => sent(p)),
        'MQTT-4.6.0-6',
      ),
    fails('MQTT-4.6.0-6'),
  );
});

test('several topics: only each topic’s own order counts, not the order between topics', () => {
  const turns = [...written('x', 'x1'), ...written('y', 'y1'), ...written('x', 'x2'), ...written('y', 'y2')];
  assert.doesNotThrow(() =>
    judgeOrder(
      'sub',
      turns,
      ['y1', 'y2', 'x1', 'x2'].map((p) => sent(p)),
      'MQTT-4.6.0-5',
    ),
  );
  assert.throws(
    () =>
      judgeOrder(
        'sub',
        turns,
        ['x1', 'y2', 'y1', 'x2'].map((p) => sent(p)),
        'MQTT-4.6.0-5',
      ),
    (e: unknown) => fails('MQTT-4.6.0-5')(e) && /on "y"/.test((e as Error).message),
  );
});

test('a message that never came is inconclusive when what came is in order, and an order broken still fails', () => {
  const burst = written('line', 'a', 'b', 'c');
  assert.throws(() => judgeOrder('sub', burst, [sent('a'), sent('c')], 'MQTT-4.6.0-6'), inconclusive);
  assert.throws(
    () => judgeOrder('sub', burst, [sent('c'), sent('a')], 'MQTT-4.6.0-6'),
    fails('MQTT-4.6.0-6'),
  );
});
