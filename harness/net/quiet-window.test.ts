import assert from 'node:assert/strict';
import { once } from 'node:events';
import net from 'node:net';
import { test } from 'node:test';
import { afterPendingIo, quietWindowMs } from './quiet-window.ts';

test('the quiet window is 25 round trips, clamped to 150..1500 ms, the maximum when unmeasured', () => {
  assert.equal(quietWindowMs(2), 150);
  assert.equal(quietWindowMs(20), 500);
  assert.equal(quietWindowMs(200), 1_500);
  assert.equal(quietWindowMs(undefined), 1_500);
  assert.equal(quietWindowMs(Number.POSITIVE_INFINITY), 1_500);
});

/** Blocks the event loop, as a stalled process on a busy machine would be. */
function stall(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

test('after a stall, a connection already made wins over its timeout; a plain timer would have lost', async (t) => {
  const server = net.createServer((socket) => socket.destroy());
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => server.close());
  const { port } = server.address() as net.AddressInfo;
  const race = async (timeout: (fire: () => void, ms: number) => () => void) => {
    let outcome: 'connected' | 'timeout' | undefined;
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    const cancel = timeout(() => (outcome ??= 'timeout'), 20);
    socket.once('connect', () => {
      outcome ??= 'connected';
      cancel();
    });
    // The kernel completes the handshake meanwhile: the connect and the timer are both due at once.
    stall(150);
    while (outcome === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    socket.destroy();
    return outcome;
  };
  const plain = (fire: () => void, ms: number) => {
    const timer = setTimeout(fire, ms);
    return () => clearTimeout(timer);
  };
  assert.equal(await race(plain), 'timeout', 'timers run before I/O: the plain timeout claims silence');
  assert.equal(await race(afterPendingIo), 'connected');
});

test('a cancelled timeout never fires, at whichever stage it is cancelled', async () => {
  let fired = 0;
  afterPendingIo(() => fired++, 1)();
  const late = afterPendingIo(() => fired++, 1);
  await new Promise((resolve) => setTimeout(resolve, 1));
  await new Promise((resolve) => setImmediate(resolve)); // between the timer and its last turn
  late();
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(fired, 0);
  await new Promise<void>((resolve) => afterPendingIo(resolve, 1));
});
