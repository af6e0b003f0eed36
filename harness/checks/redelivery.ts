import type { SessionProbe } from '../connection/session-probe.ts';
import { eventually } from '../eventually.ts';
import { expectationFailed, preconditionFailed } from '../expectation.ts';

/**
 * What the server re-sends on a resumed session (connection `connection` of the probe), judged from the
 * wire: a PUBREL it had sent and got no PUBCOMP for comes again with its packet ID [MQTT-4.4.0-1], and
 * re-sent PUBLISH packets come in the order of the originals [MQTT-4.6.0-1].
 */
export async function expectReleaseResent(
  name: string,
  probe: SessionProbe,
  payload: string,
  connection: number,
  timeoutMs: number,
): Promise<string> {
  const original = probe.publishes.find((p) => p.payload === payload && p.packetId !== undefined);
  const released = original && probe.pubrels.find((r) => r.packetId === original.packetId);
  if (!original || !released || released.connection >= connection)
    throw preconditionFailed(
      `"${name}" had no PUBREL for "${payload}" before it left, so no PUBREL was unacknowledged; nothing to judge`,
    );
  const id = original.packetId;
  const again = await eventually(
    () => probe.pubrels.find((r) => r.connection === connection && r.packetId === id),
    { timeoutMs, description: 'PUBREL re-sent' },
  ).catch(() => undefined);
  if (!again)
    throw expectationFailed(
      `[MQTT-4.4.0-1] the PUBREL ${id} of "${payload}", unacknowledged, was not re-sent to "${name}" within ${timeoutMs} ms ` +
        `of the reconnect with cleanSession=0 (PUBRELs on that connection: ${
          probe.pubrels
            .filter((r) => r.connection === connection)
            .map((r) => r.packetId)
            .join(', ') || 'none'
        })`,
    );
  return `"${name}" was sent PUBREL ${id} again on connection ${connection}`;
}

export async function expectResentInOrder(
  name: string,
  probe: SessionProbe,
  payloads: readonly string[],
  connection: number,
  timeoutMs: number,
): Promise<string> {
  const resent = () =>
    probe.publishes
      .filter((p) => p.connection === connection && payloads.includes(p.payload))
      .map((p) => p.payload);
  await eventually(() => (resent().length >= payloads.length ? true : undefined), {
    timeoutMs,
    description: 'every re-send',
  }).catch(() => undefined);
  const seen = resent();
  if (seen.length < payloads.length)
    throw preconditionFailed(
      `"${name}" was re-sent ${JSON.stringify(seen)} of ${JSON.stringify(payloads)}; without every re-send there is no order to judge ([MQTT-4.4.0-1] judges the re-sending)`,
    );
  if (!seen.every((payload, i) => payload === payloads[i]))
    throw expectationFailed(
      `[MQTT-4.6.0-1] "${name}" was re-sent ${JSON.stringify(seen)}; the originals went out as ${JSON.stringify(payloads)}, and re-sends keep that order`,
    );
  return `"${name}" was re-sent ${JSON.stringify(seen)} in the original order`;
}
