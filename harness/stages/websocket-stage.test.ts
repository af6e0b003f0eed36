import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ScenarioNamespace } from '../client/namespace.ts';
import { PreconditionFailed } from '../expectation.ts';
import type { Fault } from '../reference/faults.ts';
import { startReferenceBroker } from '../reference/reference-broker.ts';
import { REFERENCE_DEFAULTS } from '../reference/reference-options.ts';
import { WebSocketStage } from './websocket-stage.ts';

/** A WebSocketStage on the reference broker's ws listener, its URL carrying `login` ("user:pass@"). */
async function withStage(
  login: string,
  check: (stage: WebSocketStage) => Promise<void>,
  faults: Fault[] = [],
) {
  const broker = await startReferenceBroker({ ...REFERENCE_DEFAULTS, faults }, { webSocketPort: 0 });
  const url = (broker.webSocketUrl ?? '').replace('ws://', `ws://${login}`);
  const stage = new WebSocketStage(url, new ScenarioNamespace('ws'), ['MQTT-6.0.0-1']);
  try {
    await check(stage);
  } finally {
    await stage.close();
    await broker.close();
  }
}

test('[MQTT-6.0.0-1] the CONNECT in a text frame is valid UTF-8 (with a login too); the close code is evidence', async () => {
  await withStage('user:secret@', async (stage) => {
    await stage.sendConnectAsText('device');
    const frames = stage.evidence().attachments?.[0]?.body as {
      frames: Record<string, { packet: string; detail: { bytes: number } }[]>;
    };
    assert.equal(frames.frames.device?.[0]?.packet, 'text frame');
    assert.match(await stage.expectClosed('device'), /close code 1003/);
    assert.match((stage.evidence().lines ?? []).join('\n'), /keep-alive 32768 s/);
  });
});

test('[MQTT-6.0.0-1] a CONNECT that cannot be valid UTF-8 (130 bytes or more) is inconclusive, not sent', async () => {
  await withStage(`${'u'.repeat(120)}:secret@`, async (stage) => {
    await assert.rejects(stage.sendConnectAsText('device'), (error: Error) => {
      assert.ok(error instanceof PreconditionFailed);
      assert.match(error.message, /inconclusive: .*not valid UTF-8.*1007/);
      return true;
    });
    assert.equal(stage.evidence().attachments?.length ?? 0, 0, 'no WebSocket was opened');
  });
});

test('[MQTT-6.0.0-1] with a login, the text frame reaches a broker that reads text as MQTT: the check fails it', async () => {
  await withStage(
    'user:secret@',
    async (stage) => {
      await stage.sendConnectAsText('device');
      await assert.rejects(
        stage.expectClosed('device').then(() => undefined),
        /still open/,
      );
    },
    ['websocket-text-as-binary'],
  );
});

test('[MQTT-6.0.0-2] a QoS 1 PUBLISH one frame per byte is judged on its PUBACK; the delivery is recorded', async () => {
  await withStage('', async (stage) => {
    await stage.connect('listener');
    await stage.subscribe('listener');
    await stage.connect('sender');
    stage.publishByteByByte('sender');
    assert.match(await stage.expectPuback('sender'), /got PUBACK 2/);
    assert.match(await stage.recordDelivery('sender', 'listener'), /reached "listener"/);
  });
  await withStage(
    '',
    async (stage) => {
      await stage.connect('sender');
      stage.publishByteByByte('sender');
      await assert.rejects(stage.expectPuback('sender'), /a QoS 1 PUBLISH .* got no PUBACK/);
    },
    ['websocket-one-packet-per-frame'],
  );
});

test('a second WebSocket for the same actor closes the first', async () => {
  await withStage('', async (stage) => {
    const first = await stage.open('device');
    const second = await stage.open('device');
    assert.equal(await first.waitClosed(5_000), true);
    assert.equal(second.closed, false);
  });
});
