import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { test } from 'node:test';
import { WebSocketServer } from 'ws';
import { MQTT_SUBPROTOCOL } from '../connection/transport.ts';
import { WebSocketProbe } from './websocket-probe.ts';

test('WebSocketProbe.open: the login of a ws://user:pass@ URL is not sent as HTTP Basic auth', async () => {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const upgrade = new Promise<IncomingMessage>((resolve) => server.once('connection', (_s, r) => resolve(r)));
  try {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const { handshake, probe } = await WebSocketProbe.open(`ws://user:secret@127.0.0.1:${port}/mqtt`, [
      MQTT_SUBPROTOCOL,
    ]);
    probe?.close();
    assert.equal(handshake.selected, MQTT_SUBPROTOCOL);
    const request = await upgrade;
    assert.equal(request.url, '/mqtt', 'the path is kept');
    assert.equal(request.headers.authorization, undefined);
  } finally {
    for (const client of server.clients) client.terminate();
    await new Promise((resolve) => server.close(resolve));
  }
});
