import assert from 'node:assert/strict';
import { test } from 'node:test';
import { webSocketEndpoint } from './broker-target.ts';

test("a target's WebSocket endpoint: a ws:// or wss:// URL itself, else its websocket endpoint", () => {
  assert.equal(webSocketEndpoint({ url: 'ws://h:1/mqtt' }), 'ws://h:1/mqtt');
  assert.equal(webSocketEndpoint({ url: 'WSS://h:1' }), 'WSS://h:1');
  assert.equal(
    webSocketEndpoint({ url: 'mqtt://h:1', endpoints: { websocket: 'ws://h:2/ws' } }),
    'ws://h:2/ws',
  );
  assert.equal(
    webSocketEndpoint({ url: 'ws://h:1', endpoints: { websocket: 'ws://h:2/ws' } }),
    'ws://h:1',
    'a ws:// target is its own endpoint',
  );
  assert.equal(webSocketEndpoint({ url: 'mqtt://h:1', endpoints: { amqp: 'amqp://h:3' } }), undefined);
});
