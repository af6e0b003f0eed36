import { DeviceSession, type SessionListener } from '../../harness/connection/device-session.ts';
import type { QoS } from '../../harness/connection/qos.ts';
import type { Clock } from '../clock.ts';
import { decodeMessage, encodeMessage, Outbox, type SimMessage, type SimRecord } from '../message.ts';
import type { P2pRoute } from '../p2p.ts';
import { InboxFilter } from './inbox-filter.ts';
import type { ClientIdScheme } from '../../harness/profiles/client-id-scheme.ts';

/** The fixed settings of one kind of device (QCS-3, RTC-5/6, ESL-3, CSG-4). */
export interface DeviceSettings {
  /** cleanSession, the same on every connection (QCS-3). */
  readonly clean: boolean;
  readonly qos: QoS;
  /** How long a message ID is remembered; 0 turns de-duplication off. */
  readonly dedupWindowMs: number;
  /** Messages older than this (by their sent-at stamp) are discarded; Infinity turns the check off. */
  readonly maxAgeMs: number;
}

/** What all devices of a scenario (or a fleet) share: one object, not one per device. */
export interface DeviceContext {
  readonly url: string;
  readonly clock: Clock;
  readonly p2p: P2pRoute;
  /** The run profile's client-ID scheme [CID-1]. */
  readonly clientIds: ClientIdScheme;
  /** The scenario namespace ID: suffix of every device ID, first subtopic of every topic. */
  readonly scope: string;
}

/**
 * One simulated device over one MQTT connection. Kept small so that tens of thousands fit in a
 * process: no timers of its own (only the MQTT keepalive), one session object, a bounded inbox filter
 * and a compact message record. Subclasses add the domain behaviour in `handle`.
 */
export abstract class Device implements SessionListener {
  readonly clientId: string;
  readonly records: SimRecord[] = [];
  /** Failures of fire-and-forget sends (e.g. a reply while offline), for assertions and reports. */
  readonly errors: string[] = [];
  readonly #session: DeviceSession;
  readonly #inbox: InboxFilter;
  readonly #outbox: Outbox;

  protected constructor(
    /** The name scenarios use ("Bob", "AP-2", "csg-hz-1"). */
    readonly name: string,
    groupId: string,
    deviceId: string,
    readonly settings: DeviceSettings,
    protected readonly context: DeviceContext,
    /** Downlink parents this device receives P2P messages on. */
    private readonly p2pParents: readonly string[],
  ) {
    // CID-1, CID-6: `<GroupID>@@@<DeviceID>`, the scenario scope keeps sessions apart between scenarios.
    this.clientId = context.clientIds.build(groupId, `${deviceId}_${context.scope}`);
    this.#session = new DeviceSession(context.url, this.clientId, settings.clean, this);
    this.#inbox = new InboxFilter(settings.dedupWindowMs, settings.maxAgeMs, context.clock);
    this.#outbox = new Outbox(this.clientId, context.clock);
  }

  get online(): boolean {
    return this.#session.connected;
  }

  /** The topics this device receives P2P messages on. */
  get p2pTopics(): string[] {
    return this.p2pParents.map((parent) => this.context.p2p.topic(parent, this.clientId));
  }

  /**
   * Connects with the device's fixed cleanSession flag. Asking for the other flag is refused (QCS-3):
   * flipping it corrupts offline-message handling on the broker.
   */
  async connect(options: { clean?: boolean } = {}): Promise<void> {
    if (options.clean !== undefined && options.clean !== this.settings.clean) {
      throw new Error(
        `${this.name} (${this.clientId}) always connects with cleanSession=${this.settings.clean}; ` +
          `switching to cleanSession=${options.clean} corrupts offline-message handling (QCS-3). ` +
          'Create a device with the other setting instead.',
      );
    }
    await this.#session.connect();
    if (this.context.p2p.deviceSubscribes) {
      for (const topic of this.p2pTopics) await this.#session.subscribeOrFail(topic, this.settings.qos);
    }
    await this.afterConnect();
  }

  /** The app is killed or the network drops: the socket dies without DISCONNECT. */
  async kill(): Promise<void> {
    await this.#session.kill();
  }

  /** Started again after a kill: the same client ID and the same cleanSession flag (QCS-3). */
  async relaunch(): Promise<void> {
    if (this.online) await this.kill();
    await this.connect();
  }

  async disconnect(): Promise<void> {
    await this.#session.disconnect();
  }

  /** Publishes a new message at the device's QoS; resolves when the QoS flow completes. */
  async publish(
    topic: string,
    type: string,
    data: Readonly<Record<string, unknown>> = {},
  ): Promise<SimMessage> {
    const message = this.#outbox.next(type, data);
    this.records.push({ at: this.context.clock.now(), direction: 'sent', topic, message });
    await this.#session.publish(topic, encodeMessage(message), this.settings.qos);
    return message;
  }

  /** A P2P message to another client, by its client ID (P2P-1). */
  async p2p(
    parent: string,
    targetClientId: string,
    type: string,
    data: Readonly<Record<string, unknown>> = {},
  ) {
    return this.publish(this.context.p2p.topic(parent, targetClientId), type, data);
  }

  /** SessionListener: judge, record, and act only on accepted messages (RTC-6, ESL-3). */
  onMessage(topic: string, payload: Buffer, _qos: QoS, dup: boolean): void {
    const message = decodeMessage(payload);
    const verdict = message ? this.#inbox.judge(message) : 'malformed';
    this.records.push({ at: this.context.clock.now(), direction: 'received', topic, message, verdict, dup });
    if (message && verdict === 'accepted') this.handle(topic, message);
  }

  /** Received messages of one type, whatever the verdict. */
  receivedOfType(type: string): SimRecord[] {
    return this.records.filter((record) => record.direction === 'received' && record.message?.type === type);
  }

  async close(): Promise<void> {
    await this.#session.close();
  }

  /** Acts on an accepted message. Runs synchronously, so state is settled when a record appears. */
  protected abstract handle(topic: string, message: SimMessage): void;

  /** Called after every (re)connect; e.g. a CSG instance pushes its status. */
  protected async afterConnect(): Promise<void> {}

  /** Runs a send without awaiting it from a synchronous handler; a failure is kept, not thrown away. */
  protected background(what: string, work: Promise<unknown>): void {
    work.catch((error: unknown) =>
      this.errors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
}
