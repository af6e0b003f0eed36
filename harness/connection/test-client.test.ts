import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import mqttPacket from 'mqtt-packet';
import { InfrastructureError } from '../errors.ts';
import { DeviceSession } from './device-session.ts';
import { SUBACK_FAILURE } from './qos.ts';
import { TestClient } from './test-client.ts';

/**
 * A broker that accepts CONNECT and answers SUBSCRIBE with `subackCode`, but never acknowledges a
 * PUBLISH: enough to show how the conformance client reports what a broker did not do.
 */
async function silentBroker(subackCode: number): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const parser = mqttPacket.parser({ protocolVersion: 4 });
    parser.on('packet', (packet) => {
      if (packet.cmd === 'connect') {
        socket.write(mqttPacket.generate({ cmd: 'connack', returnCode: 0, sessionPresent: false }));
      }
      if (packet.cmd === 'subscribe') {
        socket.write(
          mqttPacket.generate({ cmd: 'suback', messageId: packet.messageId, granted: [subackCode] }),
        );
      }
    });
    socket.on('data', (chunk) => parser.parse(chunk));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `mqtt://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

test('a refused subscription is reported as SUBACK 0x80, not thrown', async () => {
  const broker = await silentBroker(SUBACK_FAILURE);
  const client = new TestClient('sub', broker.url, 'GID_x@@@sub', 1_000);
  try {
    await client.connectOrFail();
    assert.equal(await client.subscribe('a/b', 1), SUBACK_FAILURE);
  } finally {
    await client.close();
    await broker.close();
  }
});

test('a missing PUBACK is a failed expectation naming the rule, not an error', async () => {
  const broker = await silentBroker(1);
  const client = new TestClient('pub', broker.url, 'GID_x@@@pub', 500);
  try {
    await client.connectOrFail();
    await assert.rejects(client.publish('a/b', 'x', { qos: 1 }), (error: Error) => {
      assert.equal(error.name, 'AssertionError');
      assert.match(
        error.message,
        /got no PUBACK \[MQTT-4\.3\.2-2\] for a QoS 1 PUBLISH to "a\/b" within 500 ms/,
      );
      return true;
    });
  } finally {
    await client.close();
    await broker.close();
  }
});

test('a refused run login on a "connected" client or a device is an error naming the login; a login under test is not', async () => {
  const server = net.createServer((socket) => {
    const parser = mqttPacket.parser({ protocolVersion: 4 });
    parser.on('packet', (packet) => {
      if (packet.cmd === 'connect')
        socket.end(mqttPacket.generate({ cmd: 'connack', returnCode: 5, sessionPresent: false }));
    });
    socket.on('data', (chunk) => parser.parse(chunk));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const client = new TestClient('sub', `mqtt://someone:secret@127.0.0.1:${port}`, 'refused-login', 2_000);
  try {
    await assert.rejects(client.connectOrFail(), (error: unknown) => {
      assert.ok(error instanceof InfrastructureError, String(error));
      assert.match(error.reason, /refused the harness's login as user "someone" \(CONNACK return code 5/);
      assert.doesNotMatch(error.reason, /secret/);
      return true;
    });
    await assert.rejects(client.connectOrFail({ username: 'tested', password: 'x' }), (error: unknown) => {
      assert.ok(!(error instanceof InfrastructureError));
      assert.match(String(error), /was refused: CONNACK return code 5/);
      return true;
    });
    const device = new DeviceSession(client.url, 'refused-device', true, { onMessage: () => undefined });
    await assert.rejects(device.connect(), (error: unknown) => {
      assert.ok(error instanceof InfrastructureError, String(error));
      assert.match(error.reason, /refused the harness's login as user "someone" \(CONNACK return code 5/);
      return true;
    });
  } finally {
    await client.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
