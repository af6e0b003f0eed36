import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MqChoice } from '../mq/mq-choice.ts';
import { capabilityReason, NEEDS } from './applicability.ts';

const run = {
  p2p: 'native' as const,
  mq: { kind: 'memory', ref: 'memory://x' } satisfies MqChoice,
  auth: { kind: 'signature' as const },
};

test('@needs-websocket: not applicable, with the reason, where the target has no WebSocket endpoint', () => {
  const reason = capabilityReason(['@MQTT-6.0.0-1', NEEDS.webSocket], run);
  assert.equal(
    reason,
    'needs MQTT over WebSocket, and the target has no WebSocket endpoint (see README, "MQTT over WebSocket")',
  );
  assert.equal(capabilityReason([NEEDS.webSocket], { ...run, webSocket: 'ws://127.0.0.1:1' }), undefined);
  assert.equal(capabilityReason(['@MQTT-3.1.0-1'], run), undefined, 'other scenarios need no endpoint');
});
