import type { MqttClient } from 'mqtt';

/**
 * The three ways a harness connection ends, shared by the conformance client and the device session so
 * that "killed" means the same everywhere.
 */

/** DISCONNECT, then close: the broker discards the will [MQTT-3.1.2-10]. */
export async function disconnectCleanly(client: MqttClient | undefined): Promise<void> {
  if (client?.connected) await client.endAsync(false);
  else client?.end(true);
}

/** The socket dies without DISCONNECT, as when an app is killed or the network drops. */
export async function killSocket(client: MqttClient | undefined): Promise<void> {
  if (!client) return;
  if (client.connected) {
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.stream?.destroy();
    await closed;
  }
  client.end(true);
}

/** Closes whatever is open, without caring how: for cleanup. */
export async function closeQuietly(client: MqttClient | undefined): Promise<void> {
  if (client) await client.endAsync(true).catch(() => undefined);
}
