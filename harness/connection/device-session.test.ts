import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { Aedes } from 'aedes';
import { eventually } from '../eventually.ts';
import { DeviceSession } from './device-session.ts';
import type { QoS } from './qos.ts';

let url = '';
let close: () => Promise<void> = async () => undefined;

before(async () => {
  const broker = await Aedes.createBroker();
  const server = net.createServer(broker.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `mqtt://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  close = async () => {
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
});
after(() => close());

/** A session that keeps what it receives as `topic=payload@qos`. */
function session(clientId: string, options = {}) {
  const received: string[] = [];
  const listener = {
    onMessage: (topic: string, payload: Buffer, qos: QoS) => received.push(`${topic}=${payload}@${qos}`),
  };
  return { session: new DeviceSession(url, clientId, true, listener, options), received };
}

test('QoS 0, 1 and 2 flows complete both ways on the lean session', async () => {
  const a = session('lean-a');
  const b = session('lean-b');
  await a.session.connect();
  await b.session.connect();
  assert.equal(await b.session.subscribe('lean/#', 2), 2);
  for (const qos of [0, 1, 2] as const) await a.session.publish(`lean/${qos}`, `m${qos}`, qos);
  const all = { timeoutMs: 2_000, description: 'three messages' };
  await eventually(() => (b.received.length === 3 ? true : undefined), all);
  assert.deepEqual(b.received, ['lean/0=m0@0', 'lean/1=m1@1', 'lean/2=m2@2']);
  await a.session.disconnect();
  await b.session.disconnect();
  assert.equal(a.session.connected, false);
  await assert.rejects(a.session.publish('lean/1', 'late', 1), /is not connected/);
});

test('a killed session leaves its will; a disconnected one does not [MQTT-3.1.2-8, MQTT-3.1.2-10]', async () => {
  const watcher = session('lean-watch');
  await watcher.session.connect();
  await watcher.session.subscribeOrFail('will/#', 1);
  const will = (name: string) => ({ will: { topic: `will/${name}`, payload: 'gone', qos: 1 as QoS } });
  const polite = session('lean-polite', will('polite')).session;
  const killed = session('lean-killed', will('killed')).session;
  await polite.connect();
  await killed.connect();
  await polite.disconnect();
  await killed.kill();
  await eventually(() => (watcher.received.length > 0 ? true : undefined), {
    timeoutMs: 2_000,
    description: 'the will',
  });
  assert.deepEqual(watcher.received, ['will/killed=gone@1']);
  await watcher.session.close();
});

test('a session connects again after a kill, and a lost connection fails what waits on it', async () => {
  const { session: device } = session('lean-again');
  await device.connect();
  await device.kill();
  assert.equal(device.connected, false);
  assert.equal((await device.connect()).accepted, true);
  // Aedes drops a client that subscribes to an invalid filter: the SUBACK never comes.
  await assert.rejects(device.subscribe('bad/#/filter', 1), /lost its connection before the broker answered/);
  assert.equal(device.connected, false);
  await device.close();
});
