import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { FaultProxy } from './fault-proxy.ts';

// An echo server stands in for the broker: what goes through the proxy comes back through it.
let echo: net.Server;
let echoUrl: string;
const serverSockets = new Set<net.Socket>();

before(async () => {
  echo = net.createServer((socket) => {
    serverSockets.add(socket);
    socket.on('close', () => serverSockets.delete(socket));
    socket.on('error', () => undefined);
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', () => resolve()));
  const address = echo.address();
  echoUrl = `mqtt://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

after(async () => {
  for (const socket of serverSockets) socket.destroy();
  await new Promise<void>((resolve) => echo.close(() => resolve()));
});

async function connect(proxy: FaultProxy): Promise<{ socket: net.Socket; received: () => string }> {
  const url = new URL(proxy.url);
  const socket = net.connect({ host: url.hostname, port: Number(url.port) });
  let text = '';
  socket.on('data', (chunk) => (text += chunk.toString()));
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, received: () => text };
}

async function until(condition: () => boolean, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

test('a healthy link forwards both directions', async () => {
  await using proxy = await FaultProxy.start(echoUrl);
  const { socket, received } = await connect(proxy);
  socket.write('ping');
  await until(() => received() === 'ping');
  socket.destroy();
});

test('cut closes both ends of every open link', async () => {
  await using proxy = await FaultProxy.start(echoUrl);
  const { socket } = await connect(proxy);
  await until(() => serverSockets.size > 0 && proxy.openLinks === 1);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  proxy.cut();
  await closed;
  await until(() => serverSockets.size === 0);
  assert.equal(proxy.openLinks, 0);
});

test('a black hole swallows bytes without closing anything, until healed', async () => {
  await using proxy = await FaultProxy.start(echoUrl);
  const { socket, received } = await connect(proxy);
  socket.write('a');
  await until(() => received() === 'a');
  proxy.blackHole();
  socket.write('lost');
  // Bounded: the echo answers within a few ms on loopback when bytes do get through.
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(received(), 'a');
  assert.equal(socket.destroyed, false);
  assert.equal(proxy.openLinks, 1);
  proxy.heal();
  socket.write('b');
  await until(() => received() === 'ab');
  socket.destroy();
});

test('a delay holds bytes back but keeps their order', async () => {
  await using proxy = await FaultProxy.start(echoUrl);
  const { socket, received } = await connect(proxy);
  proxy.delay(80);
  const sent = Date.now();
  socket.write('1');
  // Let '1' reach the proxy under the delay, then heal: '2' must still queue behind it.
  await new Promise((resolve) => setTimeout(resolve, 20));
  proxy.heal();
  socket.write('2');
  await until(() => received().length === 2);
  assert.equal(received(), '12');
  assert.ok(Date.now() - sent >= 75, `arrived after ${Date.now() - sent} ms`);
  socket.destroy();
});

test('only plain mqtt:// targets can be proxied', async () => {
  await assert.rejects(FaultProxy.start('mqtts://127.0.0.1:8883'), /plain TCP only/);
});
