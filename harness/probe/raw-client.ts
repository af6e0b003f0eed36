import type { Duplex } from 'node:stream';
import { Waiters } from './waiters.ts';
import mqttPacket, {
  type IConnackPacket,
  type IPublishPacket,
  type ISubackPacket,
  type Packet,
} from 'mqtt-packet';
import { encodeConnect } from './encode-connect.ts';
import { openProbeSocket, probeLogin } from './probe-socket.ts';
import { recordPacket, type RawPacketRecord } from './raw-transcript.ts';

/** What a CONNECT led to, exactly as it came back on the wire. */
export interface RawConnectOutcome {
  readonly accepted: boolean;
  /** CONNACK return code; undefined when the broker closed the socket or stayed silent. */
  readonly returnCode?: number;
  readonly sessionPresent?: boolean;
  /** Set when there was no CONNACK: "closed" or "timeout". */
  readonly noConnack?: 'closed' | 'timeout';
}

/** What a PUBLISH led to for the sender. */
export type RawPublishOutcome = 'acknowledged' | 'sent' | 'connection closed' | 'no acknowledgement';

export interface RawConnectOptions {
  readonly clientId: string;
  readonly clean?: boolean;
  readonly keepalive?: number;
  /**
   * With neither username nor password, the run's login is sent when it has one (PUB-4, run-login.ts),
   * else the user and password of the broker URL (probe-socket.ts probeLogin).
   */
  readonly username?: string;
  readonly password?: Buffer;
}

/**
 * One MQTT 3.1.1 connection written with mqtt-packet over a bare socket: it sends whatever it is told
 * (over-long client IDs and topics, invisible characters, wildcards in a PUBLISH topic) where MQTT.js
 * would refuse or "fix" it, and records every packet the broker sends back, so a check sees what the
 * broker did and not what a client library made of it.
 */
export class RawClient {
  readonly received: Packet[] = [];
  /** Every packet sent and received, in order, for the scenario's report. */
  readonly transcript: RawPacketRecord[] = [];
  #socket: Duplex | undefined;
  #closed = false;
  #nextId = 1;
  #fastestRoundTripMs = Number.POSITIVE_INFINITY;
  readonly #waiters = new Waiters();

  constructor(
    readonly url: string,
    readonly timeoutMs = 5_000,
  ) {}

  get closed(): boolean {
    return this.#closed;
  }

  /** The fastest request → answer seen on this connection (CONNACK, SUBACK, PUBACK, PINGRESP); Infinity before any. */
  get fastestRoundTripMs(): number {
    return this.#fastestRoundTripMs;
  }

  get publishes(): IPublishPacket[] {
    return this.received.filter((packet): packet is IPublishPacket => packet.cmd === 'publish');
  }

  async connect(options: RawConnectOptions): Promise<RawConnectOutcome> {
    const login =
      options.username === undefined && options.password === undefined
        ? probeLogin(this.url, options.clientId)
        : {};
    const connect = { ...options, ...login };
    return this.#connect(encodeConnect(connect), {
      clientId: connect.clientId,
      clean: connect.clean ?? true,
      login: connect.username !== undefined || connect.password !== undefined,
    });
  }

  /** Opens the socket, writes `bytes` as the CONNECT (well-formed or not) and reports what came back. */
  async connectWithBytes(bytes: Buffer): Promise<RawConnectOutcome> {
    return this.#connect(bytes, { bytes: bytes.length, handWritten: true });
  }

  async #connect(bytes: Buffer, detail: Record<string, unknown>): Promise<RawConnectOutcome> {
    await this.open();
    this.transcript.push({ at: Date.now(), direction: 'sent', packet: 'connect', detail });
    const started = Date.now();
    this.write(bytes);
    const connack = await this.waitForPacket((p): p is IConnackPacket => p.cmd === 'connack');
    if (typeof connack !== 'string') this.#measured(started);
    if (connack === 'closed' || connack === 'timeout') return { accepted: false, noConnack: connack };
    const returnCode = connack.returnCode ?? 0;
    return { accepted: returnCode === 0, returnCode, sessionPresent: connack.sessionPresent };
  }

  /** One SUBSCRIBE; the granted QoS or 0x80 per filter, or how the exchange ended. */
  async subscribe(filters: readonly string[], qos: 0 | 1 | 2 = 1): Promise<number[] | 'closed' | 'timeout'> {
    const messageId = this.nextMessageId();
    const started = Date.now();
    this.send({ cmd: 'subscribe', messageId, subscriptions: filters.map((topic) => ({ topic, qos })) });
    const suback = await this.waitForPacket(
      (p): p is ISubackPacket => p.cmd === 'suback' && p.messageId === messageId,
    );
    if (typeof suback !== 'string') this.#measured(started);
    return typeof suback === 'string'
      ? suback
      : suback.granted.map((g) => (typeof g === 'number' ? g : 0x80));
  }

  async publish(topic: string, payload: Buffer | string, qos: 0 | 1 = 1): Promise<RawPublishOutcome> {
    const messageId = qos > 0 ? this.nextMessageId() : undefined;
    this.send({
      cmd: 'publish',
      topic,
      payload,
      qos,
      retain: false,
      dup: false,
      ...(messageId ? { messageId } : {}),
    });
    if (qos === 0) return this.#closed ? 'connection closed' : 'sent';
    const started = Date.now();
    const puback = await this.waitUntil(() =>
      this.received.some((p) => p.cmd === 'puback' && p.messageId === messageId),
    );
    if (puback === true) this.#measured(started);
    if (puback === 'closed') return 'connection closed';
    return puback === 'timeout' ? 'no acknowledgement' : 'acknowledged';
  }

  /** Writes `bytes` exactly as given, for packets mqtt-packet will not generate (malformed-packets.ts). */
  sendBytes(bytes: Buffer): void {
    const detail = { bytes: bytes.length, firstByte: `0x${(bytes[0] ?? 0).toString(16).padStart(2, '0')}` };
    this.transcript.push({ at: Date.now(), direction: 'sent', packet: 'bytes', detail });
    this.write(bytes);
  }

  /** Waits up to `ms` for a PUBLISH matching `match`; true once one arrived (also if it already had). */
  async waitForPublish(match: (publish: IPublishPacket) => boolean, ms: number): Promise<boolean> {
    // A closed connection ends the wait: nothing more can arrive on it.
    const found = await this.waitForPacket((p): p is IPublishPacket => p.cmd === 'publish' && match(p), ms);
    return typeof found !== 'string';
  }

  /** PINGREQ → PINGRESP: the connection is alive and the broker answers on it. */
  async ping(): Promise<boolean> {
    if (this.#closed) return false;
    const before = this.received.filter((p) => p.cmd === 'pingresp').length;
    const started = Date.now();
    this.send({ cmd: 'pingreq' });
    const answer = await this.waitUntil(
      () => this.received.filter((p) => p.cmd === 'pingresp').length > before,
    );
    if (answer === true) this.#measured(started);
    return answer === true;
  }

  /** DISCONNECT, then wait until the broker has closed the socket (it has unregistered the client by then). */
  async disconnect(): Promise<void> {
    if (this.#closed) return;
    this.send({ cmd: 'disconnect' });
    await this.waitUntil(() => false);
    this.destroy();
  }

  /** Waits up to `ms` for the broker to close the connection; true if it did. */
  async waitClosed(ms: number): Promise<boolean> {
    return (await this.waitUntil(() => false, ms)) === 'closed';
  }

  destroy(): void {
    this.#socket?.destroy();
    this.#closed = true;
  }

  private async open(): Promise<void> {
    const socket = await openProbeSocket(this.url, this.timeoutMs);
    this.#socket = socket;
    const parser = mqttPacket.parser({ protocolVersion: 4 });
    parser.on('packet', (packet) => {
      this.received.push(packet);
      this.transcript.push(recordPacket('received', packet));
      this.wake();
    });
    parser.on('error', () => this.destroy());
    socket.on('data', (chunk: Buffer) => parser.parse(chunk));
    socket.on('close', () => {
      if (!this.#closed)
        this.transcript.push({
          at: Date.now(),
          direction: 'received',
          packet: 'connection closed',
          detail: {},
        });
      this.#closed = true;
      this.wake();
    });
  }

  #measured(started: number): void {
    this.#fastestRoundTripMs = Math.min(this.#fastestRoundTripMs, Date.now() - started);
  }

  private send(packet: Packet): void {
    if (!this.#closed) this.transcript.push(recordPacket('sent', packet));
    this.write(mqttPacket.generate(packet));
  }

  private write(bytes: Buffer): void {
    if (this.#closed || !this.#socket) return;
    this.#socket.write(bytes);
  }

  private nextMessageId(): number {
    const id = this.#nextId;
    this.#nextId = (this.#nextId % 65_535) + 1;
    return id;
  }

  private wake() {
    this.#waiters.wake();
  }

  /** The first received packet matching `match`, else how the wait ended. */
  private async waitForPacket<T extends Packet>(match: (packet: Packet) => packet is T, ms = this.timeoutMs) {
    let found: T | undefined;
    const ended = await this.waitUntil(() => (found = this.received.find(match)) !== undefined, ms);
    return found ?? (ended as 'closed' | 'timeout');
  }

  /** Resolves `true` once `condition` holds, else `closed` when the socket closes or `timeout`. */
  private waitUntil(condition: () => boolean, ms = this.timeoutMs): Promise<true | 'closed' | 'timeout'> {
    return this.#waiters.wait(() => (condition() ? true : this.#closed ? 'closed' : undefined), ms);
  }
}
