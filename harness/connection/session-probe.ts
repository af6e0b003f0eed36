import mqttPacket, { type IPublishPacket, type Packet } from 'mqtt-packet';
import { InfrastructureError } from '../errors.ts';
import { connackOutcome, noConnackOutcome, type ConnectOutcome } from './connect-outcome.ts';
import { chooseLogin } from './login.ts';
import { PacketConnection, type PacketListener, type WaitEnd } from './packet-connection.ts';
import type { QoS } from './qos.ts';

/** The acknowledgements a receiving client owes the broker: PUBACK (QoS 1), PUBREC and PUBCOMP (QoS 2). */
export type Ack = 'puback' | 'pubrec' | 'pubcomp';

/** One PUBLISH that arrived from the broker, exactly as it was on the wire. */
export interface WirePublish {
  readonly at: number;
  /** Which connection of this probe it arrived on (1 = the first CONNECT). */
  readonly connection: number;
  readonly topic: string;
  readonly payload: string;
  readonly qos: QoS;
  readonly dup: boolean;
  readonly retain: boolean;
  readonly packetId?: number;
  /** Whether it was handed to the application, or recognised as a QoS 2 re-send [MQTT-4.3.3-2]. */
  readonly delivered: boolean;
}

export interface ProbeConnectOptions {
  readonly clean: boolean;
  readonly will?: { readonly topic: string; readonly payload: string; readonly qos: QoS };
  readonly keepaliveSeconds?: number;
}

type Wait<T> = T | Exclude<WaitEnd, 'unparseable'>; // its waits end on its own 'online'

/**
 * A receiving MQTT 3.1.1 client written on mqtt-packet, for delivery guarantees under faults. Unlike a
 * client library it never hides anything: every PUBLISH is recorded with its DUP flag and packet ID,
 * and it can *withhold* PUBACK, PUBREC or PUBCOMP to leave a flow half done. Its own session state (the
 * QoS 2 packet IDs received but not yet released) outlives a connection, as [MQTT-4.1.0-1] requires of
 * a client, so "delivered to the application" follows [MQTT-4.3.3-2] method B: a QoS 2 PUBLISH is
 * delivered on first receipt and a re-send with the same packet ID before PUBREL is not delivered again.
 * A thin view on PacketConnection adding only that: withheld acks and the QoS 2 session state.
 */
export class SessionProbe implements PacketListener {
  readonly publishes: WirePublish[] = [];
  /** PUBRELs the broker sent, with the connection they came on (the second half of QoS 2). */
  readonly pubrels: { readonly connection: number; readonly packetId: number }[] = [];
  readonly #withheld = new Set<Ack>();
  /** Acks held back, sent by `releaseWithheld()` (a late ack is still a valid ack). */
  readonly #owed: { cmd: Ack; messageId: number }[] = [];
  /** [MQTT-4.3.3-2] method B: QoS 2 packet IDs delivered and awaiting PUBREL. Session state. */
  readonly #awaitingRelease = new Set<number>();
  /** The packets of the current socket, for the waits (cleared on each connect). */
  readonly #inbox: Packet[] = [];
  readonly #connection: PacketConnection;

  constructor(
    readonly url: string,
    readonly clientId: string,
    readonly timeoutMs = 5_000,
  ) {
    this.#connection = new PacketConnection(url, timeoutMs, this);
  }

  get online(): boolean {
    return this.#connection.isOpen;
  }

  /** The messages the application saw, in order. */
  get deliveries(): WirePublish[] {
    return this.publishes.filter((p) => p.delivered);
  }

  /** QoS 2 messages delivered whose PUBREL has not arrived yet. */
  get awaitingRelease(): number {
    return this.#awaitingRelease.size;
  }

  /** The acknowledgements received on this connection, in order: the evidence of a flow that failed. */
  get acknowledgements(): { readonly cmd: string; readonly messageId?: number }[] {
    return this.#inbox.flatMap((p) =>
      ['puback', 'pubrec', 'pubrel', 'pubcomp'].includes(p.cmd)
        ? [
            {
              cmd: p.cmd,
              ...('messageId' in p && p.messageId !== undefined ? { messageId: p.messageId } : {}),
            },
          ]
        : [],
    );
  }

  withholding(ack: Ack): boolean {
    return this.#withheld.has(ack);
  }

  withhold(ack: Ack): void {
    this.#withheld.add(ack);
  }

  /** Acknowledge normally again (acks withheld so far stay owed until `releaseWithheld`). */
  acknowledge(ack?: Ack): void {
    if (ack) this.#withheld.delete(ack);
    else this.#withheld.clear();
  }

  /**
   * Sends every ack held back on the current connection in one write, oldest first or (`reversed`)
   * newest first; returns them in the order sent, the evidence of an ordering check [MQTT-4.6.0-4].
   */
  releaseWithheld(order: 'oldest first' | 'reversed' = 'oldest first'): { cmd: Ack; messageId: number }[] {
    const owed = this.#owed.splice(0);
    if (order === 'reversed') owed.reverse();
    if (owed.length > 0) this.#connection.write(Buffer.concat(owed.map((ack) => mqttPacket.generate(ack))));
    return owed;
  }

  async connect(options: ProbeConnectOptions): Promise<ConnectOutcome> {
    this.kill();
    // [MQTT-3.1.2-6]: a clean session discards the client's state too.
    if (options.clean) this.#awaitingRelease.clear();
    this.#owed.length = 0; // acks owed on a dead connection cannot be sent on a new one
    const started = Date.now();
    const unreachable = await this.open();
    if (unreachable) return noConnackOutcome('unreachable', started, unreachable);
    this.send({
      cmd: 'connect',
      protocolId: 'MQTT',
      protocolVersion: 4,
      clientId: this.clientId,
      clean: options.clean,
      keepalive: options.keepaliveSeconds ?? 30,
      ...chooseLogin(this.url, this.clientId), // PUB-4: the run's credentials, else the URL's user and password
      ...(options.will
        ? {
            will: {
              topic: options.will.topic,
              payload: Buffer.from(options.will.payload),
              qos: options.will.qos,
              retain: false,
            },
          }
        : {}),
    });
    const connack = await this.waitFor((p) => (p.cmd === 'connack' ? p : undefined));
    if (typeof connack === 'string') return noConnackOutcome(connack, started, `no CONNACK (${connack})`);
    return connackOutcome(connack, started);
  }

  /** The granted QoS (or 0x80), or how the exchange ended. */
  async subscribe(filter: string, qos: QoS): Promise<Wait<number>> {
    const messageId = this.#connection.nextPacketId();
    this.send({ cmd: 'subscribe', messageId, subscriptions: [{ topic: filter, qos }] });
    return this.waitFor((p) => {
      if (p.cmd !== 'suback' || p.messageId !== messageId) return undefined;
      const granted: unknown = p.granted[0];
      if (typeof granted === 'number') return granted;
      return (granted as { qos?: number } | undefined)?.qos ?? 0x80;
    });
  }

  async unsubscribe(filter: string): Promise<Wait<true>> {
    const messageId = this.#connection.nextPacketId();
    this.send({ cmd: 'unsubscribe', messageId, unsubscriptions: [filter] });
    return this.waitFor((p) => (p.cmd === 'unsuback' && p.messageId === messageId ? true : undefined));
  }

  /** Publishes and completes the QoS flow: PUBACK for QoS 1, PUBREC → PUBREL → PUBCOMP for QoS 2. */
  async publish(topic: string, payload: string, qos: QoS): Promise<Wait<'completed'>> {
    if (!this.online) return 'closed';
    if (qos === 0) {
      this.send({ cmd: 'publish', topic, payload, qos, retain: false, dup: false });
      return 'completed';
    }
    const messageId = this.#connection.nextPacketId();
    this.send({ cmd: 'publish', topic, payload, qos, retain: false, dup: false, messageId });
    const first = await this.waitFor((p) =>
      p.cmd === (qos === 1 ? 'puback' : 'pubrec') && p.messageId === messageId ? true : undefined,
    );
    if (first !== true || qos === 1) return first === true ? 'completed' : first;
    this.send({ cmd: 'pubrel', messageId });
    const done = await this.waitFor((p) =>
      p.cmd === 'pubcomp' && p.messageId === messageId ? true : undefined,
    );
    return done === true ? 'completed' : done;
  }

  /** DISCONNECT, then wait for the broker to close the socket [MQTT-3.14.4-1]. */
  async disconnect(): Promise<void> {
    if (!this.online) return;
    this.send({ cmd: 'disconnect' });
    this.#connection.end();
    await this.waitFor(() => undefined).catch(() => undefined);
    this.kill();
  }

  /** The socket dies without DISCONNECT (an app killed, a phone out of coverage). */
  kill(): void {
    this.#connection.destroy();
  }

  /** A new socket, or why none opened (the evidence's words for an unreachable broker). */
  private async open(): Promise<string | undefined> {
    try {
      await this.#connection.open(); // mqtt, mqtts, ws, wss as every harness connection reads them
    } catch (error) {
      return error instanceof InfrastructureError ? error.reason : String(error);
    }
    this.#inbox.length = 0;
    return undefined;
  }

  /** PacketListener: acks (or withholds) what arrived and keeps it for the waits. */
  packetArrived(packet: Packet, connection: number): void {
    if (packet.cmd === 'publish') this.onPublish(packet, connection);
    else if (packet.cmd === 'pubrel') {
      this.pubrels.push({ connection, packetId: packet.messageId ?? 0 });
      this.#awaitingRelease.delete(packet.messageId ?? 0);
      this.ack('pubcomp', packet.messageId ?? 0);
    }
    this.#inbox.push(packet);
  }

  /** PacketListener: nothing to do; the waits see the connection offline. */
  connectionClosed(): void {}

  private onPublish(packet: IPublishPacket, connection: number): void {
    const qos = packet.qos;
    const packetId = packet.messageId;
    // A QoS 2 re-send before PUBREL is acknowledged again but not delivered again [MQTT-4.3.3-2].
    const resend = qos === 2 && packetId !== undefined && this.#awaitingRelease.has(packetId);
    this.publishes.push({
      at: Date.now(),
      connection,
      topic: packet.topic,
      payload: Buffer.from(packet.payload).toString('utf8'),
      qos,
      dup: packet.dup,
      retain: packet.retain,
      ...(packetId === undefined ? {} : { packetId }),
      delivered: !resend,
    });
    if (qos === 1) this.ack('puback', packetId ?? 0);
    if (qos === 2) {
      this.#awaitingRelease.add(packetId ?? 0);
      this.ack('pubrec', packetId ?? 0);
    }
  }

  private ack(cmd: Ack, messageId: number): void {
    if (this.#withheld.has(cmd)) this.#owed.push({ cmd, messageId });
    else this.send({ cmd, messageId });
  }

  private send(packet: Packet): void {
    this.#connection.send(packet);
  }

  /** The first packet on this connection `pick` maps to a value; `closed` when the socket closes first. */
  private waitFor<T>(pick: (packet: Packet) => T | undefined, ms = this.timeoutMs): Promise<Wait<T>> {
    let seen = 0;
    return this.#connection.wait<T | 'closed'>(() => {
      for (; seen < this.#inbox.length; seen++) {
        const value = pick(this.#inbox[seen] as Packet);
        if (value !== undefined) return value;
      }
      return this.online ? undefined : 'closed';
    }, ms);
  }
}
