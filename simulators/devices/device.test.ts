import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DAY_MS, ScenarioClock } from '../clock.ts';
import { encodeMessage, type SimMessage } from '../message.ts';
import { P2pRoute } from '../p2p.ts';
import { Device, type DeviceContext, type DeviceSettings } from './device.ts';
import { DEFAULT_CLIENT_ID_SCHEME } from '../../harness/profiles/client-id-scheme.ts';

class Gadget extends Device {
  readonly handled: string[] = [];
  constructor(context: DeviceContext, settings: DeviceSettings) {
    super('gadget', 'GID_test', 'gadget1', settings, context, ['downlink']);
  }
  protected handle(_topic: string, message: SimMessage): void {
    this.handled.push(message.id);
  }
}

const SETTINGS: DeviceSettings = { clean: false, qos: 1, dedupWindowMs: DAY_MS, maxAgeMs: DAY_MS };
// Nothing listens here: these tests never open a connection.
const context = (p2p: 'native' | 'none' = 'none'): DeviceContext => ({
  url: 'mqtt://127.0.0.1:1',
  clock: new ScenarioClock(),
  p2p: new P2pRoute(p2p),
  clientIds: DEFAULT_CLIENT_ID_SCHEME,
  scope: 'scope123',
});

test('CID-1, CID-6: the client ID is <GroupID>@@@<DeviceID> with the scenario scope on the device ID', () => {
  const gadget = new Gadget(context(), SETTINGS);
  assert.equal(gadget.clientId, 'GID_test@@@gadget1_scope123');
  assert.deepEqual(gadget.p2pTopics, ['downlink/p2p/GID_test@@@gadget1_scope123']);
});

test('QCS-3: a device refuses to connect with the other cleanSession flag, and says why', async () => {
  const gadget = new Gadget(context(), SETTINGS);
  await assert.rejects(gadget.connect({ clean: true }), /always connects with cleanSession=false.*QCS-3/);
  assert.equal(gadget.online, false);
});

test('RTC-6, ESL-3: every received message is recorded with its verdict; only accepted ones are acted on', () => {
  const ctx = context();
  const gadget = new Gadget(ctx, SETTINGS);
  const fresh: SimMessage = { id: 'svc#1', type: 'ping', sentAt: ctx.clock.now(), data: {} };
  const old: SimMessage = { id: 'svc#2', type: 'ping', sentAt: ctx.clock.now() - DAY_MS - 1, data: {} };
  gadget.onMessage('downlink/p2p/x', encodeMessage(fresh), 1, false);
  gadget.onMessage('downlink/p2p/x', encodeMessage(fresh), 1, true);
  gadget.onMessage('downlink/p2p/x', encodeMessage(old), 1, false);
  gadget.onMessage('downlink/p2p/x', Buffer.from('not json'), 1, false);
  assert.deepEqual(gadget.handled, ['svc#1']);
  assert.deepEqual(
    gadget.records.map((record) => [record.verdict, record.dup]),
    [
      ['accepted', false],
      ['duplicate', true],
      ['stale', false],
      ['malformed', false],
    ],
  );
});

test('P2P: only a broker without native P2P makes devices subscribe to their own P2P topic', () => {
  assert.equal(new P2pRoute('native').deviceSubscribes, false);
  // EMQX subscribes the client itself (auto_subscribe): the same decision as the P2P scenarios'.
  assert.equal(new P2pRoute('auto-subscribe').deviceSubscribes, false);
  assert.equal(new P2pRoute('client').deviceSubscribes, true);
  assert.equal(new P2pRoute('none').deviceSubscribes, true);
});
