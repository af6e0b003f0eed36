import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { test } from 'node:test';
import type { IPublishPacket } from 'mqtt-packet';
import { encodeConnect } from '../harness/connection/encode-connect.ts';
import { RawClient } from '../harness/connection/raw-client.ts';
import { WebSocketProbe } from '../harness/probe/websocket-probe.ts';

const READY_MS = 20_000;

/** `mqtt-harness broker …` as a user starts it; resolves once it printed its listeners (or exited). */
async function startBroker(...args: string[]) {
  const child = spawn(process.execPath, ['cli/bin.js', 'broker', ...args]);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, READY_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('SIGTERM stops it')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
  return { child, exited, output: () => ({ stdout, stderr }) };
}

test('mqtt-harness broker --profile mqtt-3.1.1 serves a plain MQTT 3.1.1 broker and exits 0 on SIGTERM', async () => {
  const broker = await startBroker(
    ...['--profile', 'mqtt-3.1.1', '--port', '0', '--refuse-filter', 'x/no', '--deny-publish', 'x/denied'],
  );
  try {
    const url = /listening on (mqtt:\/\/127\.0\.0\.1:\d+)/.exec(broker.output().stdout)?.[1];
    assert.ok(url, broker.output().stdout + broker.output().stderr);
    const client = new RawClient(url);
    try {
      // An ID the aliyun mode would refuse (CID-1), and the configured refused filter.
      assert.equal((await client.connect({ clientId: 'myclientid' })).returnCode, 0);
      assert.deepEqual(await client.subscribe(['x/yes', 'x/no', 'x/#'], 1), [1, 0x80, 1]);
      // The denied topic: acknowledged as if accepted [MQTT-3.3.5-2], delivered to nobody; a marker
      // published after it on an allowed topic arrives, so its absence is not a matter of timing.
      assert.equal(await client.publish('x/denied', 'no', 1), 'acknowledged');
      assert.equal(await client.publish('x/yes', 'marker', 1), 'acknowledged');
      await client.waitForPacket((p): p is IPublishPacket => p.cmd === 'publish' && p.topic === 'x/yes');
      assert.deepEqual(
        client.publishes.map((p) => p.topic),
        ['x/yes'],
      );
    } finally {
      client.destroy();
    }
  } finally {
    broker.child.kill('SIGTERM');
  }
  assert.equal(await broker.exited, 0, broker.output().stderr);
  assert.match(broker.output().stdout, /SIGTERM, closing/);
});

test('mqtt-harness broker --tls also listens with TLS; bad options are one line, exit 2', async (t) => {
  for (const args of [
    [],
    ['--profile', 'x'],
    ['--profile', 'aliyun', '--refuse-filter', 'a'],
    ['--profile', 'aliyun', '--deny-publish', 'a'],
    ['--profile', 'mqtt-3.1.1', '--deny-publish', 'a/#'],
    ['--port', 'no'],
  ]) {
    const broker = await startBroker(...args);
    assert.equal(await broker.exited, 2, args.join(' '));
    assert.equal(broker.output().stderr.trim().split('\n').length, 1, broker.output().stderr);
  }
  const broker = await startBroker('--profile', 'aliyun', '--port', '0', '--tls', '--tls-port', '0');
  try {
    if (/openssl/.test(broker.output().stderr)) return t.skip('openssl is not installed');
    assert.match(
      broker.output().stdout,
      /listening on mqtt:\/\/127\.0\.0\.1:\d+ and mqtts:\/\/127\.0\.0\.1:\d+/,
    );
    assert.match(broker.output().stdout, /TLS certificate \(self-signed\): \S+cert\.pem/);
  } finally {
    broker.child.kill('SIGTERM');
  }
  assert.equal(await broker.exited, 0, broker.output().stderr);
});

test('mqtt-harness broker --ws-port also serves MQTT over WebSocket, subprotocol "mqtt"', async () => {
  const broker = await startBroker('--profile', 'mqtt-3.1.1', '--port', '0', '--ws-port', '0');
  try {
    const url = /listening on mqtt:\/\/127\.0\.0\.1:\d+ and (ws:\/\/127\.0\.0\.1:\d+)/.exec(
      broker.output().stdout,
    )?.[1];
    assert.ok(url, broker.output().stdout + broker.output().stderr);
    const { handshake, probe } = await WebSocketProbe.open(url, ['mqtt']);
    assert.equal(handshake.selected, 'mqtt');
    assert.ok(probe);
    try {
      probe.sendBinary(encodeConnect({ clientId: 'overwebsocket' }));
      const connack = await probe.waitForPacket('connack', 5_000);
      assert.equal(typeof connack === 'object' && connack.cmd === 'connack' && connack.returnCode, 0);
    } finally {
      probe.close();
    }
  } finally {
    broker.child.kill('SIGTERM');
  }
  assert.equal(await broker.exited, 0, broker.output().stderr);
});

test('mqtt-harness broker --ws-port taken: one line "cannot listen … (port in use)", exit 2', async () => {
  const taken = net.createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  try {
    const address = taken.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const broker = await startBroker('--profile', 'mqtt-3.1.1', '--port', '0', '--ws-port', String(port));
    assert.equal(await broker.exited, 2, broker.output().stderr);
    const { stderr } = broker.output();
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
    assert.match(stderr, /cannot listen on 127\.0\.0\.1 \(port in use\)/);
  } finally {
    await new Promise((resolve) => taken.close(resolve));
  }
});
