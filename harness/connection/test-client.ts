import type { MqttClient, Packet } from 'mqtt';
import type { MessageRecord } from '../client/message-record.ts';
import { InfrastructureError } from '../errors.ts';
import { expectationFailed, preconditionFailed } from '../expectation.ts';
import { redactUrl } from '../net/redact-url.ts';
import { connackOutcome, noConnackOutcome, type ConnectOutcome } from './connect-outcome.ts';
import { MqttJsConnection } from './connection-ends.ts';
import { givesOwnLogin, type LoginRequest } from './login.ts';
import { loginRefusal } from './connect-verdict.ts';
import { connectMqttClient, tryMqttConnect } from './mqtt-connection.ts';
import { afterPendingIo } from '../net/quiet-window.ts';
import { SUBACK_FAILURE, type QoS } from './qos.ts';

export interface ConnectOptions extends LoginRequest {
  clean?: boolean;
  keepaliveSeconds?: number;
  will?: { topic: string; payload: string | Buffer; qos?: QoS; retain?: boolean };
}

/** How a PUBLISH the broker may refuse ended (3.1.1 has no negative PUBACK: a refusal closes or drops). */
export type PublishAttempt = 'acknowledged' | 'sent at QoS 0' | 'connection closed' | 'no acknowledgement';

/**
 * One MQTT connection for conformance checks: every PUBLISH it sends or receives is recorded from the
 * wire (DUP flag, QoS, retain, packet ID as the broker sent them), never de-duplicated or re-ordered.
 * It never reconnects by itself: reconnects are explicit steps.
 */
export class TestClient extends MqttJsConnection {
  readonly records: MessageRecord[] = [];
  /** The error of MQTT.js's parser on this connection, if it refused what the broker sent. */
  #unparseable: string | undefined;

  constructor(
    readonly actor: string,
    readonly url: string,
    readonly clientId: string,
    private readonly timeoutMs: number,
  ) {
    super();
  }

  get received(): MessageRecord[] {
    return this.records.filter((record) => record.direction === 'received');
  }

  /** Sends CONNECT and reports the CONNACK; a refusal is an outcome, not an exception. */
  async connect(options: ConnectOptions = {}): Promise<ConnectOutcome> {
    await this.close();
    const started = Date.now();
    const client = connectMqttClient(this.url, {
      ...options, // the login: as given, else the run's, else the URL's (login.ts)
      clientId: this.clientId,
      clean: options.clean ?? true,
      keepaliveSeconds: options.keepaliveSeconds ?? 30,
      connectTimeoutMs: this.timeoutMs,
    });
    this.attach(client);
    this.#unparseable = undefined;
    // MQTT.js passes its parser's errors on as 'error' events (without a `code`, unlike socket and
    // CONNACK errors) and stops reading: what was to come is lost, not refused by the broker.
    client.on('error', (error: Error & { code?: unknown }) => {
      if (error.code === undefined) this.#unparseable ??= error.message;
    });
    client.on('packetreceive', (packet) => this.recordPublish(packet, 'received'));
    client.on('packetsend', (packet) => this.recordPublish(packet, 'sent'));
    return new Promise<ConnectOutcome>((resolve) => {
      const done = (outcome: ConnectOutcome) => {
        cancelTimeout();
        client.off('packetreceive', onPacket);
        client.off('close', onClose);
        resolve(outcome);
      };
      const onPacket = (packet: Packet) => {
        if (packet.cmd !== 'connack') return;
        const returnCode = packet.returnCode ?? packet.reasonCode ?? 0;
        done(connackOutcome({ returnCode, sessionPresent: packet.sessionPresent }, started));
      };
      const onClose = () => done(noConnackOutcome('closed', started, 'connection closed without CONNACK'));
      // A CONNACK already in the socket when the timer fires is read first (quiet-window.ts).
      const cancelTimeout = afterPendingIo(
        () => done(noConnackOutcome('timeout', started, `no CONNACK within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
      client.on('packetreceive', onPacket);
      client.once('close', onClose);
    });
  }

  /** Connects and insists on acceptance; a refusal here means the broker or setup is broken. */
  async connectOrFail(options: ConnectOptions = {}): Promise<ConnectOutcome> {
    const outcome = await this.connect(options);
    if (!outcome.accepted) {
      const why = outcome.failure ?? `CONNACK return code ${outcome.returnCode}`;
      if (outcome.failure?.startsWith('connection closed') && outcome.returnCode === undefined) {
        throw new InfrastructureError(
          `client "${this.actor}" could not connect to ${redactUrl(this.url)}: ${why}`,
        );
      }
      // The run's login refused: an error naming the login, never a verdict on what the scenario tests.
      const login = givesOwnLogin(options) ? undefined : loginRefusal(outcome, this);
      if (login) throw login;
      throw new Error(`client "${this.actor}" (${this.clientId}) was refused: ${why}`);
    }
    return outcome;
  }

  /** Returns the granted QoS, or SUBACK_FAILURE (0x80) for a refused subscription [MQTT-3.9.3-2]. */
  async subscribe(filter: string, qos: QoS): Promise<number> {
    const client = this.live();
    const suback = client.subscribeAsync(filter, { qos }).then(
      (granted) => granted[0]?.qos ?? SUBACK_FAILURE,
      (error: unknown) => {
        // mqtt.js rejects a SUBACK carrying 0x80; the refusal is the broker's answer, not an error.
        const granted = (error as { packet?: { granted?: unknown } }).packet?.granted;
        if (Array.isArray(granted) && typeof granted[0] === 'number') return granted[0];
        throw error;
      },
    );
    return this.awaitAck(client, suback, `a SUBACK for "${filter}" [MQTT-3.8.4-1]`);
  }

  async unsubscribe(filter: string): Promise<void> {
    await this.live().unsubscribeAsync(filter);
  }

  /** Resolves when the QoS flow completes (PUBACK / PUBCOMP received; at once for QoS 0). */
  async publish(
    topic: string,
    payload: string | Buffer,
    options: { qos: QoS; retain?: boolean },
  ): Promise<void> {
    const client = this.live();
    const flow = client.publishAsync(topic, payload, { qos: options.qos, retain: options.retain ?? false });
    const ack = options.qos === 1 ? 'a PUBACK [MQTT-4.3.2-2]' : 'a PUBREC and PUBCOMP [MQTT-4.3.3-2]';
    await this.awaitAck(client, flow, `${ack} for a QoS ${options.qos} PUBLISH to "${topic}"`);
  }

  /**
   * A PUBLISH the broker may refuse (SEC-2: a login without publish permission): how it ended, within
   * the client's timeout, never an exception. Whether the message reached anyone is for the subscribers
   * to tell; a PUBACK alone proves nothing (the broker may acknowledge and drop).
   */
  async attemptPublish(topic: string, payload: string | Buffer, qos: QoS): Promise<PublishAttempt> {
    const client = this.live();
    let onClose = () => undefined as void;
    let cancelTimeout = () => undefined as void;
    const ended = new Promise<PublishAttempt>((resolve) => {
      onClose = () => resolve('connection closed');
      client.once('close', onClose);
      cancelTimeout = afterPendingIo(() => resolve('no acknowledgement'), this.timeoutMs);
    });
    const flow = client.publishAsync(topic, payload, { qos, retain: false }).then(
      (): PublishAttempt => (qos === 0 ? 'sent at QoS 0' : 'acknowledged'),
      (): PublishAttempt => 'connection closed',
    );
    try {
      return await Promise.race([flow, ended]);
    } finally {
      cancelTimeout();
      client.off('close', onClose);
    }
  }

  /**
   * Bounded wait for the broker's acknowledgement. A live connection without the ack is the broker's
   * failure; a closed connection is too, unless the broker has gone away altogether (infrastructure).
   */
  private async awaitAck<T>(client: MqttClient, acked: Promise<T>, what: string): Promise<T> {
    let cancelTimeout = () => undefined as void;
    const timedOut = new Promise<'timeout'>((resolve) => {
      cancelTimeout = afterPendingIo(() => resolve('timeout'), this.timeoutMs);
    });
    try {
      const result = await Promise.race([acked, timedOut]);
      if (result !== 'timeout') return result;
    } finally {
      cancelTimeout();
    }
    acked.catch(() => undefined);
    if (this.#unparseable !== undefined)
      throw preconditionFailed(
        `"${this.actor}" got no ${what.replace(/^an? /, '')}: its client could not parse what the broker sent (${this.#unparseable}) and reads nothing after it ([MQTT-2.2.2-1] judges such bytes)`,
      );
    if (!client.connected) {
      await tryMqttConnect(this.url, this.timeoutMs).catch((error: unknown) => {
        throw new InfrastructureError(
          `the broker at ${redactUrl(this.url)} went away while "${this.actor}" waited for ${what}: ${String(error)}`,
        );
      });
      throw expectationFailed(`the broker closed "${this.actor}"'s connection instead of sending ${what}`);
    }
    throw expectationFailed(
      `"${this.actor}" got no ${what.replace(/^an? /, '')} within ${this.timeoutMs} ms`,
    );
  }

  protected notConnected(): string {
    return `client "${this.actor}" is not connected`;
  }

  private recordPublish(packet: Packet, direction: MessageRecord['direction']) {
    if (packet.cmd !== 'publish') return;
    const payload =
      typeof packet.payload === 'string' ? Buffer.from(packet.payload) : Buffer.from(packet.payload);
    this.records.push({
      at: Date.now(),
      direction,
      actor: this.actor,
      topic: packet.topic,
      payload,
      qos: packet.qos,
      retain: packet.retain,
      dup: packet.dup,
      ...(packet.messageId === undefined ? {} : { packetId: packet.messageId }),
    });
  }
}
