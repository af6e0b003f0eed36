import type { IPublishPacket } from 'mqtt';
import { InfrastructureError } from '../errors.ts';
import { redactUrl } from '../net/redact-url.ts';
import { loginRefusal } from './connect-verdict.ts';
import { connackOutcome, type ConnectOutcome } from './connect-outcome.ts';
import { MqttJsConnection } from './connection-ends.ts';
import { connectMqttClient } from './mqtt-connection.ts';
import { SUBACK_FAILURE, type QoS } from './qos.ts';

/** Receives what arrives on a session; one object per device (no closure per message). */
export interface SessionListener {
  onMessage(topic: string, payload: Buffer, qos: QoS, dup: boolean): void;
}

export interface DeviceSessionOptions {
  readonly keepaliveSeconds?: number;
  readonly connectTimeoutMs?: number;
}

/**
 * The lean MQTT connection a simulated device (or a service talking MQTT directly) owns. Unlike
 * `TestClient` it keeps no packet records: devices record messages in their own compact form, and a
 * fleet holds tens of thousands of these. It never reconnects by itself; the device decides.
 * Nothing here de-duplicates or checks timeliness: that is the device's job (RTC-6, ESL-3).
 * Per device it holds the MQTT.js client and one message handler, reused across reconnects; the
 * connect-time listeners are all removed once the CONNECT has its answer.
 */
export class DeviceSession extends MqttJsConnection {
  /** One handler per session, not per connect or per message. */
  readonly #onMessage = (topic: string, payload: Buffer, packet: IPublishPacket): void =>
    this.listener.onMessage(topic, payload, packet.qos, packet.dup);

  constructor(
    readonly url: string,
    readonly clientId: string,
    /** Fixed for the life of the session object: a device never flips it (QCS-3). */
    readonly clean: boolean,
    private readonly listener: SessionListener,
    private readonly options: DeviceSessionOptions = {},
  ) {
    super();
  }

  /**
   * Connects with the fixed cleanSession flag; resolves with the CONNACK (its session-present flag),
   * rejects when the broker refuses or cannot be reached: a device cannot work without its connection.
   */
  async connect(): Promise<ConnectOutcome> {
    await this.close();
    const timeoutMs = this.options.connectTimeoutMs ?? 5_000;
    const started = Date.now();
    const client = connectMqttClient(this.url, {
      clientId: this.clientId,
      clean: this.clean,
      keepaliveSeconds: this.options.keepaliveSeconds ?? 60,
      connectTimeoutMs: timeoutMs,
    }); // PUB-4: the run's credentials when its profile config names them, else the URL's (login.ts)
    this.attach(client);
    client.on('message', this.#onMessage);
    return new Promise((resolve, reject) => {
      const finish = (error: Error | undefined, sessionPresent = false) => {
        client.off('connect', onConnect);
        client.off('error', onError);
        client.off('close', onClose);
        clearTimeout(timer);
        // Later errors (e.g. the broker closing the socket) end the session: connectMqttClient ignores them.
        if (error) {
          this.detach();
          client.end(true);
          reject(error);
        } else resolve(connackOutcome({ returnCode: 0, sessionPresent }, started));
      };
      const onConnect = (connack: { sessionPresent: boolean }) => finish(undefined, connack.sessionPresent);
      const onError = (error: Error & { code?: number | string }) =>
        finish(
          // CONNACK 4 / 5 to the run's login: an error naming the login, not a provisioning problem.
          (typeof error.code === 'number'
            ? loginRefusal(connackOutcome({ returnCode: error.code, sessionPresent: false }, started), this)
            : undefined) ??
            new Error(
              `the broker refused "${this.clientId}" (${error.message}); check that its Group ID and topics are provisioned`,
            ),
        );
      const onClose = () =>
        finish(
          new InfrastructureError(
            `"${this.clientId}" could not connect to ${redactUrl(this.url)}: connection closed`,
          ),
        );
      const timer = setTimeout(
        () =>
          finish(
            new InfrastructureError(
              `"${this.clientId}" got no CONNACK from ${redactUrl(this.url)} within ${timeoutMs} ms`,
            ),
          ),
        timeoutMs,
      );
      client.once('connect', onConnect);
      client.once('error', onError);
      client.once('close', onClose);
    });
  }

  /** Returns the granted QoS, or SUBACK_FAILURE when the broker refused the filter. */
  async subscribe(filter: string, qos: QoS): Promise<number> {
    const granted = await this.live().subscribeAsync(filter, { qos });
    return granted[0]?.qos ?? SUBACK_FAILURE;
  }

  /** Subscribes and insists on a grant: a device or service cannot work without its subscriptions. */
  async subscribeOrFail(filter: string, qos: QoS): Promise<void> {
    const granted = await this.subscribe(filter, qos);
    if (granted === SUBACK_FAILURE) {
      throw new Error(
        `the broker refused "${this.clientId}" the subscription "${filter}"; check that its parent topic is provisioned`,
      );
    }
  }

  /** Resolves when the QoS flow completes (PUBACK / PUBCOMP; at once for QoS 0). */
  async publish(topic: string, payload: string | Buffer, qos: QoS): Promise<void> {
    await this.live().publishAsync(topic, payload, { qos, retain: false });
  }

  protected notConnected(): string {
    return `"${this.clientId}" is not connected; connect or relaunch it first`;
  }
}
