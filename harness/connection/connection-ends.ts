import type { MqttClient } from 'mqtt';

/**
 * The three ways an MQTT.js connection ends (the conformance client's). DeviceSession ends its
 * mqtt-packet socket the same three ways: DISCONNECT then FIN, a socket destroyed without DISCONNECT,
 * and a quiet close.
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

/**
 * An MQTT.js-based harness connection (TestClient): it holds at most one client and ends
 * it one of the three ways above. It never reconnects by itself: reconnects are explicit.
 */
export abstract class MqttJsConnection {
  #client: MqttClient | undefined;

  get connected(): boolean {
    return this.#client?.connected ?? false;
  }

  /** Sends DISCONNECT and closes the socket (the will is discarded [MQTT-3.1.2-10]). */
  async disconnect(): Promise<void> {
    await disconnectCleanly(this.detach());
  }

  /** The socket dies without DISCONNECT, as when an app is killed or the network drops. */
  async kill(): Promise<void> {
    await killSocket(this.detach());
  }

  /** Closes whatever is open, without caring how: for cleanup. */
  async close(): Promise<void> {
    await closeQuietly(this.detach());
  }

  /** Why there is no live connection, for the error a call on a closed connection throws. */
  protected abstract notConnected(): string;

  protected attach(client: MqttClient): void {
    this.#client = client;
  }

  /** Forgets the client (to end it): it is no longer this connection's. */
  protected detach(): MqttClient | undefined {
    const client = this.#client;
    this.#client = undefined;
    return client;
  }

  /** The client, when it is connected; else an error saying so. */
  protected live(): MqttClient {
    if (!this.#client?.connected) throw new Error(this.notConnected());
    return this.#client;
  }
}
