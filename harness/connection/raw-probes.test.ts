import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Aedes } from 'aedes';
import { createWebSocketStream, WebSocketServer } from 'ws';
import { InfrastructureError } from '../errors.ts';
import { eventually } from '../eventually.ts';
import { ALIYUN } from '../profiles/aliyun.ts';
import { readConnect } from './connect-verdict.ts';
import { RawClient } from './raw-client.ts';
import { RuleProbes } from '../stages/rule-probes.ts';
import { DeviceSession } from './device-session.ts';
import { SessionProbe } from './session-probe.ts';
import { TestClient } from './test-client.ts';

/**
 * F1: every harness connection reads the broker URL the same way (transport.ts, login.ts) — ws:// is
 * MQTT over WebSocket, and a user and password in the URL are the login — and a refused login is never
 * a client ID verdict.
 */
describe('all four clients over ws:// and with URL credentials', () => {
  const closers: (() => Promise<void>)[] = [];
  let wsUrl = '';
  let authPort = 0;

  before(async () => {
    const wsBroker = await Aedes.createBroker();
    const server = http.createServer();
    const wss = new WebSocketServer({ server });
    wss.on('connection', (ws, req) => wsBroker.handle(createWebSocketStream(ws), req));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    wsUrl = `ws://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    const authBroker = await Aedes.createBroker({
      authenticate(_client, username, password, done) {
        if (username === 'u s' && password?.toString() === 'p@ss') return done(null, true);
        done(Object.assign(new Error('bad credentials'), { returnCode: 4 as const }), false);
      },
    });
    const tcp = net.createServer(authBroker.handle);
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    authPort = (tcp.address() as net.AddressInfo).port;
    for (const [srv, broker] of [
      [server, wsBroker],
      [tcp, authBroker],
    ] as const) {
      closers.push(async () => {
        wss.clients.forEach((ws) => ws.terminate());
        await new Promise<void>((resolve) => broker.close(() => resolve()));
        await new Promise<void>((resolve) => srv.close(() => resolve()));
      });
    }
  });
  after(async () => {
    for (const close of closers) await close();
  });

  test('RawClient and SessionProbe speak MQTT over ws://', async () => {
    const raw = new RawClient(wsUrl, 2_000);
    assert.equal((await raw.connect({ clientId: 'ws-raw' })).returnCode, 0);
    assert.deepEqual(await raw.subscribe(['ws/t']), [1]);
    assert.equal(await raw.publish('ws/t', 'hello', 1), 'acknowledged');
    assert.equal(await raw.waitForPublish((p) => p.topic === 'ws/t', 2_000), true);
    assert.ok(raw.transcript.some((r) => r.direction === 'received' && r.packet === 'publish'));
    // The broker closing the WebSocket is seen as a close, as on TCP (duplicate-ID and 0x02 checks need it).
    const second = new RawClient(wsUrl, 2_000);
    assert.equal((await second.connect({ clientId: 'ws-raw' })).returnCode, 0);
    assert.equal(await raw.waitClosed(1_000), true);
    second.destroy();
    const probe = new SessionProbe(wsUrl, 'ws-probe', 2_000);
    assert.equal((await probe.connect({ clean: true })).accepted, true);
    probe.kill();
  });

  test('TestClient and DeviceSession speak MQTT over ws:// on the same listener', async () => {
    const client = new TestClient('ws-tc', wsUrl, 'ws-tc', 2_000);
    const outcome = await client.connect();
    assert.deepEqual([outcome.accepted, outcome.returnCode, outcome.noConnack], [true, 0, undefined]);
    assert.ok(outcome.roundTripMs >= 0);
    assert.equal(await client.subscribe('ws/tc', 1), 1);
    const received: string[] = [];
    const session = new DeviceSession(wsUrl, 'ws-ds', true, {
      onMessage: (topic, payload) => received.push(`${topic}=${payload.toString()}`),
    });
    assert.equal((await session.connect()).sessionPresent, false);
    await session.subscribeOrFail('ws/ds', 1);
    await client.publish('ws/ds', 'to-device', { qos: 1 });
    await session.publish('ws/tc', 'to-client', 1);
    const arrived = { timeoutMs: 2_000, description: 'the two messages' };
    await eventually(() => (received.length > 0 && client.received.length > 0 ? true : undefined), arrived);
    assert.deepEqual(received, ['ws/ds=to-device']);
    assert.deepEqual(
      client.received.map((r) => `${r.topic}=${r.payload.toString()}`),
      ['ws/tc=to-client'],
    );
    await session.disconnect();
    await client.disconnect();
  });

  test('the user and password of the URL are the login (percent-decoded)', async () => {
    const raw = new RawClient(`mqtt://u%20s:p%40ss@127.0.0.1:${authPort}`, 2_000);
    assert.equal((await raw.connect({ clientId: 'url-login' })).returnCode, 0);
    raw.destroy();
    const probe = new SessionProbe(`mqtt://u%20s:p%40ss@127.0.0.1:${authPort}`, 'url-login-sp', 2_000);
    assert.equal((await probe.connect({ clean: true })).accepted, true);
    probe.kill();
    const client = new TestClient('tc', `mqtt://u%20s:p%40ss@127.0.0.1:${authPort}`, 'url-login-tc', 2_000);
    assert.equal((await client.connect()).returnCode, 0);
    // A login given (or refused) explicitly is sent as given, whatever the URL says.
    assert.equal((await client.connect({ anonymous: true })).returnCode, 4);
    await client.close();
    const session = new DeviceSession(`mqtt://u%20s:p%40ss@127.0.0.1:${authPort}`, 'url-login-ds', true, {
      onMessage: () => undefined,
    });
    await session.connect();
    await session.close();
  });

  test('a refused login on a CONNECT that must be accepted is an error, not a CID verdict', async () => {
    const url = `mqtt://127.0.0.1:${authPort}`;
    const raw = new RawClient(url, 2_000);
    const outcome = await raw.connect({ clientId: 'no-login' });
    raw.destroy();
    assert.equal(outcome.returnCode, 4);
    assert.throws(
      () => readConnect(outcome, { url, clientId: 'no-login', mustAccept: true }),
      (error: unknown) =>
        error instanceof InfrastructureError && /refused the harness's login/.test(error.message),
    );
    assert.equal(readConnect(outcome, { url, clientId: 'no-login', mustAccept: false }), 'refused');
    const probes = new RuleProbes(url, ALIYUN);
    await probes.connect('device', 'GID_harness@@@x');
    assert.throws(() => probes.expectConnect('device', 'accepts', 'CID-2'), InfrastructureError);
    probes.closeAll();
  });

  test('an unreachable broker is an InfrastructureError saying so', async () => {
    const raw = new RawClient('ws://127.0.0.1:1', 1_000);
    await assert.rejects(raw.connect({ clientId: 'x' }), /cannot reach ws:\/\/127\.0\.0\.1:1/);
    const probe = new SessionProbe('ws://127.0.0.1:1', 'x', 1_000);
    const outcome = await probe.connect({ clean: true });
    assert.equal(outcome.noConnack, 'unreachable');
    assert.match(outcome.failure ?? '', /^cannot reach/);
  });
});
