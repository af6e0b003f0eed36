import assert from 'node:assert/strict';
import { AssertionError } from 'node:assert';
import { test } from 'node:test';
import type { WirePublish } from '../connection/session-probe.ts';
import { PreconditionFailed } from '../expectation.ts';
import {
  expectOwnSession,
  expectPubrelOrder,
  expectResumed,
  expectSentOn,
  expectStartedAfresh,
  recordQos0Kept,
  type SessionView,
} from './session-rules.ts';

const publish = (payload: string, connection = 2): WirePublish => ({
  at: 0,
  connection,
  topic: 't',
  payload,
  qos: 1,
  dup: false,
  retain: false,
  packetId: 1,
  delivered: true,
});
const view = (
  publishes: WirePublish[],
  sessionPresent: boolean | undefined,
  pubrels: { connection: number; packetId: number }[] = [],
): SessionView => ({
  name: 'sub',
  probe: { publishes, pubrels },
  connection: 2,
  sessionPresent,
  timeoutMs: 30,
});
const quiet = async () => {};
const fails = (rule: string) => (e: unknown) =>
  e instanceof AssertionError && e.message.startsWith(`[${rule}]`);
const inconclusive = (rule: string) => (e: unknown) =>
  e instanceof PreconditionFailed && e.message.startsWith(`[${rule}] inconclusive: `);

test('resumed: judged by the delivery on the kept subscription; a wrong session-present flag is only recorded', async () => {
  assert.match(await expectResumed(view([publish('m')], false), 'm'), /session present = 0/);
  await assert.rejects(expectResumed(view([publish('m', 1)], true), 'm'), fails('MQTT-3.1.4-3'));
});

test('started afresh: the old subscription delivering fails; a wrong flag alone does not', async () => {
  assert.match(await expectStartedAfresh(view([], true), 'm', quiet), /session present = 1/);
  await assert.rejects(expectStartedAfresh(view([publish('m')], false), 'm', quiet), fails('MQTT-3.1.4-3'));
});

test('own session: another client’s message fails; nothing is a pass only if the owner then gets it', async () => {
  await assert.rejects(
    expectOwnSession(view([publish('m')], false), 'owner', 'm', quiet, async () => true),
    fails('MQTT-3.1.3-2'),
  );
  assert.match(await expectOwnSession(view([], true), 'owner', 'm', quiet, async () => true), /nothing of/);
  await assert.rejects(
    expectOwnSession(view([], false), 'owner', 'm', quiet, async () => false),
    inconclusive('MQTT-3.1.3-2'),
  );
});

test('sent on: only a delivery on the judged connection counts; QoS 0 kept or not is recorded', async () => {
  assert.match(await expectSentOn(view([publish('m')], true), 'm', 'MQTT-3.1.2-5', 'why'), /connection 2/);
  await assert.rejects(
    expectSentOn(view([publish('m', 1)], true), 'm', 'MQTT-3.1.2-5', 'why'),
    fails('MQTT-3.1.2-5'),
  );
  assert.match(await recordQos0Kept(view([], true), 'm'), /did not keep/);
});

test('PUBRELs in the order of the PUBRECs; too few PUBRELs leave it inconclusive', async () => {
  const recs = [3, 1, 2].map((messageId) => ({ cmd: 'pubrec' as const, messageId }));
  const rels = (...ids: number[]) => ids.map((packetId) => ({ connection: 2, packetId }));
  assert.match(await expectPubrelOrder(view([], false, rels(3, 1, 2)), recs), /in that order/);
  await assert.rejects(expectPubrelOrder(view([], false, rels(1, 2, 3)), recs), fails('MQTT-4.6.0-4'));
  await assert.rejects(expectPubrelOrder(view([], false, rels(3)), recs), inconclusive('MQTT-4.6.0-4'));
});
