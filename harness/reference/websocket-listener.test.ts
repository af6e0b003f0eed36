import assert from 'node:assert/strict';
import { test } from 'node:test';
import mqttPacket from 'mqtt-packet';
import { encodeConnect } from '../connection/encode-connect.ts';
import { WebSocketProbe } from '../probe/websocket-probe.ts';
import type { Fault } from './faults.ts';
import { startReferenceBroker } from './reference-broker.ts';
import { REFERENCE_DEFAULTS } from './reference-options.ts';

const CONNECT = encodeConnect({ clientId: 'GID_harness@@@ws1' });

async function withWebSocketBroker(faults: Fault[], check: (url: string) => Promise<void>) {
  const broker = await startReferenceBroker({ ...REFERENCE_DEFAULTS, faults }, { webSocketPort: 0 });
  try {
    assert.match(broker.webSocketUrl ?? '', /^ws:\/\/127\.0\.0\.1:\d+$/);
    assert.match(broker.url, /^mqtt:\/\//, 'the plain listener stays the first');
    assert.deepEqual(
      broker.urls.map((url) => url.split(':')[0]),
      ['mqtt'],
      'urls holds the MQTT-over-TCP listeners only',
    );
    await check(broker.webSocketUrl ?? '');
  } finally {
    await broker.close();
  }
}

test('MQTT over WebSocket: "mqtt" selected, a split CONNECT read, a text frame closes [MQTT-6.0.0]', async () => {
  await withWebSocketBroker([], async (url) => {
    const { handshake, probe } = await WebSocketProbe.open(url, ['mqtt']);
    assert.equal(handshake.selected, 'mqtt');
    assert.ok(probe);
    probe.sendBinary(CONNECT.subarray(0, 3), CONNECT.subarray(3));
    const connack = await probe.waitForPacket('connack', 5_000);
    assert.equal(typeof connack === 'object' && connack.cmd === 'connack' && connack.returnCode, 0);
    // A QoS 1 PUBLISH in a text frame: all its bytes ASCII, so valid UTF-8 and `ws` hands the frame to
    // the listener (invalid UTF-8 would be closed with 1007 before the listener sees it).
    const publish = mqttPacket.generate({
      cmd: 'publish',
      topic: 't',
      payload: 'x',
      qos: 1,
      messageId: 1,
      dup: false,
      retain: false,
    });
    assert.ok(new TextDecoder('utf-8', { fatal: true }).decode(publish));
    probe.sendText(publish);
    assert.equal(await probe.waitClosed(5_000), true);
    assert.equal(probe.closeCode, 1003, 'the listener closes with 1003 (unsupported data)');
    assert.equal(probe.received.filter((p) => p.cmd === 'puback').length, 0);
  });
});

test('the websocket-* faults: no subprotocol; a text frame read as MQTT', async () => {
  await withWebSocketBroker(['websocket-no-subprotocol', 'websocket-text-as-binary'], async (url) => {
    const offered = await WebSocketProbe.open(url, ['mqtt']);
    assert.equal(offered.handshake.status, 101);
    assert.equal(offered.handshake.selected, undefined);
    assert.match(offered.abandoned ?? '', /no subprotocol/);
    const { probe } = await WebSocketProbe.open(url, []);
    assert.ok(probe);
    probe.sendText(CONNECT);
    const connack = await probe.waitForPacket('connack', 5_000);
    assert.equal(typeof connack === 'object' && connack.cmd, 'connack');
    probe.close();
  });
});
