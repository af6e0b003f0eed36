import { DeviceSession, type SessionListener } from '../../harness/connection/device-session.ts';
import type { QoS } from '../../harness/connection/qos.ts';
import type { Clock } from '../clock.ts';
import { decodeMessage, encodeMessage, type SimMessage, type SimRecord } from '../message.ts';
import type { P2pRoute } from '../p2p.ts';

/** Receives what a service's link delivers. */
export interface ServiceHandler {
  onServiceMessage(topic: string, message: SimMessage): void;
}

/**
 * How a back-end service reaches the devices. In the product the services sit on the MQ side (RTC-1,
 * ESL-2, CSG-2): when the run has one (`--mq`, the target's own by default) they talk through it
 * (MqServiceLink), else MQTT directly (MqttServiceLink). The stage picks one (SolutionStage.serviceLink),
 * and `path` and `description` say which one a run used (the scenario logs it).
 */
export interface ServiceLink {
  readonly path: 'mq' | 'mqtt';
  /** One line for the report: which path, and why. */
  readonly description: string;
  /** The identity the service appears under (its client ID over MQTT; its name over MQ). */
  readonly clientId: string;
  readonly records: readonly SimRecord[];
  /** Problems of the service behind the link (it writes them here, so the report shows them). */
  readonly errors: string[];
  /** Connects and listens on the given filters (uplink parents within the scenario scope). */
  start(filters: readonly string[], handler: ServiceHandler): Promise<void>;
  send(topic: string, message: SimMessage): Promise<void>;
  /** P2P to one device (P2P-1); over MQ this becomes a P2P message with `cleansessionflag` (P2P-3). */
  sendP2p(parent: string, clientId: string, message: SimMessage): Promise<void>;
  close(): Promise<void>;
}

/**
 * A service speaking MQTT directly. Its own cleanSession flag matters: for P2P messages the sender's
 * flag decides offline handling on brokers that do P2P natively (QCS-5), so the RTC service keeps a
 * session while the price-tag service and the CSG console do not (RTC-5, ESL-3, CSG-4).
 */
export class MqttServiceLink implements ServiceLink, SessionListener {
  readonly path = 'mqtt' as const;
  readonly records: SimRecord[] = [];
  readonly errors: string[] = [];
  readonly #session: DeviceSession;
  #handler: ServiceHandler | undefined;

  constructor(
    readonly clientId: string,
    url: string,
    clean: boolean,
    private readonly p2p: P2pRoute,
    private readonly clock: Clock,
    private readonly qos: QoS = 1,
  ) {
    this.#session = new DeviceSession(url, clientId, clean, this);
  }

  get description(): string {
    return `via MQTT as ${this.clientId} (the run has no MQ side); ${this.p2p.describe()}`;
  }

  async start(filters: readonly string[], handler: ServiceHandler): Promise<void> {
    this.#handler = handler;
    await this.#session.connect();
    for (const filter of filters) await this.#session.subscribeOrFail(filter, this.qos);
  }

  async send(topic: string, message: SimMessage): Promise<void> {
    this.records.push({ at: this.clock.now(), direction: 'sent', topic, message });
    await this.#session.publish(topic, encodeMessage(message), this.qos);
  }

  async sendP2p(parent: string, clientId: string, message: SimMessage): Promise<void> {
    await this.send(this.p2p.topic(parent, clientId), message);
  }

  onMessage(topic: string, payload: Buffer, _qos: QoS, dup: boolean): void {
    const message = decodeMessage(payload);
    this.records.push({ at: this.clock.now(), direction: 'received', topic, message, dup });
    if (message) this.#handler?.onServiceMessage(topic, message);
  }

  async close(): Promise<void> {
    await this.#session.close();
  }
}
