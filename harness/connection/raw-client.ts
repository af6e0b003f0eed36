import { preconditionFailed } from '../expectation.ts';
import type { IConnackPacket, IPublishPacket, ISubackPacket, Packet } from 'mqtt-packet';
import { connackOutcome, noConnackOutcome, type ConnectOutcome } from './connect-outcome.ts';
import { encodeConnect, type ConnectFields } from './encode-connect.ts';
import { chooseLogin } from './login.ts';
import { PacketConnection, type PacketListener, type WaitEnd } from './packet-connection.ts';
import type { QoS } from './qos.ts';
import { recordPacket, type RawPacketRecord } from './raw-transcript.ts';

/** What the harness's parser refused from the broker: its error and the first bytes it had not consumed (hex). */
export interface Unparseable {
  readonly error: string;
  readonly bytes: string;
}

/** What a PUBLISH led to for the sender. */
export type RawPublishOutcome = 'acknowledged' | 'sent' | 'connection closed' | 'no acknowledgement';

/**
 * The first answer to a QoS 2 PUBLISH, as the wire showed it: the acknowledgement packet that carried
 * its packet ID (PUBREC is what [MQTT-3.3.4-1] Table 3.4 requires; a PUBACK is the QoS 1 answer), or
 * how the wait ended; `pubcomp` says whether the PUBREL that follows a PUBREC was completed.
 */
export interface Qos2Answer {
  readonly answer: 'pubrec' | 'puback' | 'connection closed' | 'no answer';
  readonly messageId: number;
  readonly pubcomp?: boolean;
}

/**
 * With neither username nor password, the run's login is sent when it has one (PUB-4), else the user
 * and password of the broker URL (login.ts chooseLogin).
 */
export type RawConnectOptions = ConnectFields;

/**
 * One MQTT 3.1.1 connection written with mqtt-packet over a bare socket: it sends whatever it is told
 * (over-long client IDs and topics, invisible characters, wildcards in a PUBLISH topic) where MQTT.js
 * would refuse or "fix" it, and records every packet the broker sends back, so a check sees what the
 * broker did and not what a client library made of it. A thin view on PacketConnection.
 */
export class RawClient implements PacketListener {
  readonly received: Packet[] = [];
  /** What the broker sent that mqtt-packet could not parse (wrong header flags …): the error and the read's first bytes. */
  readonly unparseable: Unparseable[] = [];
  /** Every packet sent and received, in order, for the scenario's report. */
  readonly transcript: RawPacketRecord[] = [];
  readonly #connection: PacketConnection;
  #fastestRoundTripMs = Number.POSITIVE_INFINITY;

  constructor(
    readonly url: string,
    readonly timeoutMs = 5_000,
  ) {
    this.#connection = new PacketConnection(url, timeoutMs, this, (packet) =>
      this.transcript.push(recordPacket('sent', packet)),
    );
  }

  get closed(): boolean {
    return this.#connection.isClosed;
  }

  /** The fastest request → answer seen on this connection (CONNACK, SUBACK, PUBACK, PINGRESP); Infinity before any. */
  get fastestRoundTripMs(): number {
    return this.#fastestRoundTripMs;
  }

  get publishes(): IPublishPacket[] {
    return this.received.filter((packet): packet is IPublishPacket => packet.cmd === 'publish');
  }

  async connect(options: RawConnectOptions): Promise<ConnectOutcome> {
    const connect = { ...options, ...chooseLogin(this.url, options.clientId, options) };
    return this.#connect(encodeConnect(connect), {
      clientId: connect.clientId,
      clean: connect.clean ?? true,
      login: connect.username !== undefined || connect.password !== undefined,
    });
  }

  /** Opens the socket, writes `bytes` as the CONNECT (well-formed or not) and reports what came back. */
  async connectWithBytes(bytes: Buffer): Promise<ConnectOutcome> {
    return this.#connect(bytes, { bytes: bytes.length, handWritten: true });
  }

  async #connect(bytes: Buffer, detail: Record<string, unknown>): Promise<ConnectOutcome> {
    await this.#connection.open();
    this.transcript.push({ at: Date.now(), direction: 'sent', packet: 'connect', detail });
    const started = Date.now();
    this.#connection.write(bytes);
    const connack = await this.waitForPacket((p): p is IConnackPacket => p.cmd === 'connack');
    if (typeof connack === 'string') return noConnackOutcome(connack, started);
    this.#measured(started);
    return connackOutcome(connack, started);
  }

  /** One SUBSCRIBE (one QoS for all filters, or one per filter); the code per filter, or how it ended. */
  async subscribe(
    filters: readonly string[],
    qos: QoS | readonly QoS[] = 1,
  ): Promise<number[] | 'closed' | 'timeout'> {
    const messageId = this.#connection.nextPacketId();
    const started = Date.now();
    this.#connection.send({
      cmd: 'subscribe',
      messageId,
      subscriptions: filters.map((topic, i) => ({
        topic,
        qos: typeof qos === 'number' ? qos : (qos[i] ?? 0),
      })),
    });
    const suback = await this.waitForPacket(
      (p): p is ISubackPacket => p.cmd === 'suback' && p.messageId === messageId,
    );
    if (typeof suback === 'string') return suback;
    this.#measured(started);
    return suback.granted.map((g) => (typeof g === 'number' ? g : 0x80));
  }

  async publish(topic: string, payload: Buffer | string, qos: 0 | 1 = 1): Promise<RawPublishOutcome> {
    const messageId = qos > 0 ? this.#connection.nextPacketId() : undefined;
    this.#connection.send({
      cmd: 'publish',
      topic,
      payload,
      qos,
      retain: false,
      dup: false,
      ...(messageId ? { messageId } : {}),
    });
    if (qos === 0) return this.closed ? 'connection closed' : 'sent';
    const started = Date.now();
    const puback = this.#seen(
      await this.waitUntil(() => this.received.some((p) => p.cmd === 'puback' && p.messageId === messageId)),
    );
    if (puback === true) this.#measured(started);
    if (puback === 'closed') return 'connection closed';
    return puback === 'timeout' ? 'no acknowledgement' : 'acknowledged';
  }

  /** A QoS 2 PUBLISH and whatever the broker answered it with; a PUBREC is released (PUBREL → PUBCOMP). */
  async publishQos2(topic: string, payload: Buffer | string): Promise<Qos2Answer> {
    const messageId = this.#connection.nextPacketId();
    this.#connection.send({ cmd: 'publish', topic, payload, qos: 2, retain: false, dup: false, messageId });
    const started = Date.now();
    const isAnswer = (p: Packet): p is Packet =>
      (p.cmd === 'pubrec' || p.cmd === 'puback') && p.messageId === messageId;
    const answer = await this.waitForPacket(isAnswer);
    if (answer === 'closed') return { answer: 'connection closed', messageId };
    if (answer === 'timeout') return { answer: 'no answer', messageId };
    this.#measured(started);
    if (answer.cmd !== 'pubrec') return { answer: 'puback', messageId };
    this.#connection.send({ cmd: 'pubrel', messageId });
    const pubcomp = this.#seen(
      await this.waitUntil(() => this.received.some((p) => p.cmd === 'pubcomp' && p.messageId === messageId)),
    );
    return { answer: 'pubrec', messageId, pubcomp: pubcomp === true };
  }

  /** The next packet ID of this connection [MQTT-2.3.1-1]. */
  nextPacketId(): number {
    return this.#connection.nextPacketId();
  }

  /** Sends any well-formed packet as given (chosen packet IDs and flags, e.g. DUP on a first PUBLISH). */
  send(packet: Packet): void {
    this.#connection.send(packet);
  }

  /** Writes `bytes` exactly as given, for packets mqtt-packet will not generate (malformed-packets.ts). */
  sendBytes(bytes: Buffer): void {
    const detail = { bytes: bytes.length, firstByte: `0x${(bytes[0] ?? 0).toString(16).padStart(2, '0')}` };
    this.transcript.push({ at: Date.now(), direction: 'sent', packet: 'bytes', detail });
    this.#connection.write(bytes);
  }

  /** Waits up to `ms` for a PUBLISH matching `match`; true once one arrived (also if it already had). */
  async waitForPublish(match: (publish: IPublishPacket) => boolean, ms: number): Promise<boolean> {
    // A closed connection ends the wait: nothing more can arrive on it.
    const found = await this.waitForPacket((p): p is IPublishPacket => p.cmd === 'publish' && match(p), ms);
    return typeof found !== 'string';
  }

  /** PINGREQ → PINGRESP: the connection is alive and the broker answers on it. */
  async ping(): Promise<boolean> {
    if (this.closed) return false;
    const before = this.received.filter((p) => p.cmd === 'pingresp').length;
    const started = Date.now();
    this.#connection.send({ cmd: 'pingreq' });
    const answer = this.#seen(
      await this.waitUntil(() => this.received.filter((p) => p.cmd === 'pingresp').length > before),
    );
    if (answer === true) this.#measured(started);
    return answer === true;
  }

  /** DISCONNECT, then wait until the broker has closed the socket (it has unregistered the client by then). */
  async disconnect(): Promise<void> {
    if (this.closed) return;
    this.#connection.send({ cmd: 'disconnect' });
    await this.waitUntil(() => false);
    this.destroy();
  }

  /**
   * Waits up to `ms` for the broker to close the connection; true if it did (also if it already had).
   * A connection the harness dropped on bytes it could not parse is inconclusive: the broker did not close it.
   */
  async waitClosed(ms: number): Promise<boolean> {
    return this.#seen(await this.waitUntil(() => false, ms)) === 'closed';
  }

  /** Why the harness dropped the connection, when it did so on bytes it could not parse. */
  get droppedOn(): Unparseable | undefined {
    return this.#connection.droppedUnparseable ? this.unparseable.at(-1) : undefined;
  }

  /**
   * `ended` as a broker-made ending; an inconclusive error when the harness dropped the connection on
   * bytes it could not parse (what the broker would have done next cannot be seen).
   */
  #seen<T>(ended: T | 'unparseable'): T {
    if (ended !== 'unparseable') return ended;
    throw unparseableEnding(this.droppedOn);
  }

  destroy(): void {
    this.#connection.destroy();
  }

  /** PacketListener: every packet is kept, in order, and goes into the transcript. */
  packetArrived(packet: Packet): void {
    this.received.push(packet);
    this.transcript.push(recordPacket('received', packet));
  }

  /** PacketListener: the harness dropped the connection on bytes it could not parse. */
  packetUnparseable(error: string, bytes: Buffer): void {
    const hex = [...bytes].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
    this.unparseable.push({ error, bytes: hex });
    this.transcript.push({
      at: Date.now(),
      direction: 'received',
      packet: 'unparseable',
      detail: { error, bytes: hex },
    });
  }

  /** PacketListener: the broker closed the connection (a `destroy()` is not recorded). */
  connectionClosed(): void {
    this.transcript.push({ at: Date.now(), direction: 'received', packet: 'connection closed', detail: {} });
  }

  #measured(started: number): void {
    this.#fastestRoundTripMs = Math.min(this.#fastestRoundTripMs, Date.now() - started);
  }

  /**
   * Resolves `true` once `condition` holds, else `closed` or `timeout` (after `ms`); inconclusive when
   * the harness dropped the connection on bytes it could not parse.
   */
  async waitUntilOrEnd(condition: () => boolean, ms = this.timeoutMs): Promise<true | 'closed' | 'timeout'> {
    return this.#seen(await this.waitUntil(condition, ms));
  }

  /** The first received packet matching `match`, else how the wait ended; inconclusive as waitUntilOrEnd. */
  async waitForPacket<T extends Packet>(match: (packet: Packet) => packet is T, ms = this.timeoutMs) {
    return this.#seen(await this.waitForPacketOrEnd(match, ms));
  }

  /**
   * As waitForPacket, but a connection dropped on unparseable bytes ends the wait as `unparseable`
   * instead of throwing: for the checks that judge what the harness could not parse.
   */
  async waitForPacketOrEnd<T extends Packet>(
    match: (packet: Packet) => packet is T,
    ms = this.timeoutMs,
  ): Promise<T | WaitEnd> {
    let found: T | undefined;
    const ended = await this.waitUntil(() => (found = this.received.find(match)) !== undefined, ms);
    return found ?? (ended as WaitEnd);
  }

  /** Resolves `true` once `condition` holds, else how the connection ended (`closed`, `unparseable`) or `timeout`. */
  private waitUntil(condition: () => boolean, ms = this.timeoutMs): Promise<true | WaitEnd> {
    const ended = (): WaitEnd | undefined =>
      this.#connection.droppedUnparseable ? 'unparseable' : this.closed ? 'closed' : undefined;
    return this.#connection.wait(() => (condition() ? true : ended()), ms);
  }
}

/** The inconclusive error of a check whose connection the harness dropped on bytes it could not parse. */
export function unparseableEnding(refused: Unparseable | undefined): Error {
  return preconditionFailed(
    `the harness dropped the connection because it could not parse what the broker sent (${refused ? `${refused.error}; bytes: ${refused.bytes}` : 'no record'}), so what the broker would have done next cannot be seen ([MQTT-2.2.2-1] judges such bytes)`,
  );
}
