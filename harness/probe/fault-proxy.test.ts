import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { Aedes } from 'aedes';
import { chooseLogin } from '../connection/login.ts';
import { SessionProbe } from '../connection/session-probe.ts';
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

test('a process whose proxy closed a link the broker was closing ends by itself, promptly', async () => {
  // In a child process: the hang is Node's exit spinning on a half-closed handle, invisible in-process.
  const started = Date.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'harness/probe/fixtures/close-after-broker-fin.ts'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(killer);
  assert.equal(stdout.trim(), 'closed');
  assert.equal(code, 0, `the process did not end by itself (killed after ${Date.now() - started} ms)`);
  assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
});

test('the proxy URL keeps the login of the broker URL, so a proxied client logs in as a direct one', async () => {
  const target = new URL(echoUrl);
  target.username = 'us%40er';
  target.password = 'p%3Ass';
  await using proxy = await FaultProxy.start(target.href);
  const url = new URL(proxy.url);
  assert.equal(url.hostname, '127.0.0.1');
  assert.notEqual(url.port, target.port);
  assert.deepEqual(chooseLogin(proxy.url, 'c'), { username: 'us@er', password: Buffer.from('p:ss') });
});

test('a session probe through the proxy passes a broker that requires a login', async () => {
  const broker = await Aedes.createBroker({
    authenticate(_client, username, password, done) {
      if (username === 'user' && password?.toString() === 'pass') return done(null, true);
      done(Object.assign(new Error('not authorized'), { returnCode: 5 as const }), false);
    },
  });
  const server = net.createServer(broker.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  try {
    await using proxy = await FaultProxy.start(`mqtt://user:pass@127.0.0.1:${port}`);
    const probe = new SessionProbe(proxy.url, 'proxied-login');
    const outcome = await probe.connect({ clean: true });
    probe.kill();
    assert.equal(outcome.returnCode, 0);
    // The same probe without the login is refused: the broker does check it.
    await using bare = await FaultProxy.start(`mqtt://127.0.0.1:${port}`);
    const anonymous = new SessionProbe(bare.url, 'proxied-anonymous');
    assert.equal((await anonymous.connect({ clean: true })).returnCode, 5);
    anonymous.kill();
  } finally {
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
