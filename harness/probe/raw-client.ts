import net from 'node:net';
import tls from 'node:tls';
import { runLogin } from '../auth/run-login.ts';
import { encodeConnect } from './encode-connect.ts';
import mqttPacket, {
  type IConnackPacket,
  type IPublishPacket,
  type ISubackPacket,
  type Packet,
} from 'mqtt-packet';

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
  /** With neither username nor password, the run's login is sent when it has one (PUB-4, run-login.ts). */
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
  #socket: net.Socket | undefined;
  #closed = false;
  #nextId = 1;
  readonly #waiters = new Set<() => void>();

  constructor(
    readonly url: string,
    readonly timeoutMs = 5_000,
  ) {}

  get closed(): boolean {
    return this.#closed;
  }

  get publishes(): IPublishPacket[] {
    return this.received.filter((packet): packet is IPublishPacket => packet.cmd === 'publish');
  }

  async connect(options: RawConnectOptions): Promise<RawConnectOutcome> {
    const login =
      options.username === undefined && options.password === undefined
        ? runLogin(options.clientId)
        : undefined;
    return this.connectWithBytes(encodeConnect(login ? { ...options, ...login } : options));
  }

  /** Opens the socket, writes `bytes` as the CONNECT (well-formed or not) and reports what came back. */
  async connectWithBytes(bytes: Buffer): Promise<RawConnectOutcome> {
    await this.open();
    this.write(bytes);
    const connack = await this.waitForPacket((p): p is IConnackPacket => p.cmd === 'connack');
    if (connack === 'closed' || connack === 'timeout') return { accepted: false, noConnack: connack };
    const returnCode = connack.returnCode ?? 0;
    return { accepted: returnCode === 0, returnCode, sessionPresent: connack.sessionPresent };
  }

  /** One SUBSCRIBE; the granted QoS or 0x80 per filter, or how the exchange ended. */
  async subscribe(filters: readonly string[], qos: 0 | 1 | 2 = 1): Promise<number[] | 'closed' | 'timeout'> {
    const messageId = this.nextMessageId();
    this.send({ cmd: 'subscribe', messageId, subscriptions: filters.map((topic) => ({ topic, qos })) });
    const suback = await this.waitForPacket(
      (p): p is ISubackPacket => p.cmd === 'suback' && p.messageId === messageId,
    );
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
    const puback = await this.waitUntil(() =>
      this.received.some((p) => p.cmd === 'puback' && p.messageId === messageId),
    );
    if (puback === 'closed') return 'connection closed';
    return puback === 'timeout' ? 'no acknowledgement' : 'acknowledged';
  }

  /** Writes `bytes` exactly as given, for packets mqtt-packet will not generate (malformed-packets.ts). */
  sendBytes(bytes: Buffer): void {
    this.write(bytes);
  }

  /** PINGREQ → PINGRESP: the connection is alive and the broker answers on it. */
  async ping(): Promise<boolean> {
    if (this.#closed) return false;
    const before = this.received.filter((p) => p.cmd === 'pingresp').length;
    this.send({ cmd: 'pingreq' });
    const answer = await this.waitUntil(
      () => this.received.filter((p) => p.cmd === 'pingresp').length > before,
    );
    return answer !== 'closed' && answer !== 'timeout';
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
    const url = new URL(this.url);
    const secure = url.protocol === 'mqtts:';
    const port = Number(url.port || (secure ? 8883 : 1883));
    const socket = secure
      ? tls.connect({ host: url.hostname, port, rejectUnauthorized: false })
      : net.connect({ host: url.hostname, port });
    this.#socket = socket;
    const parser = mqttPacket.parser({ protocolVersion: 4 });
    parser.on('packet', (packet) => {
      this.received.push(packet);
      this.wake();
    });
    parser.on('error', () => this.destroy());
    socket.on('data', (chunk) => parser.parse(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.#closed = true;
      this.wake();
    });
    await new Promise<void>((resolve, reject) => {
      socket.once(secure ? 'secureConnect' : 'connect', () => resolve());
      socket.once('error', reject);
    });
  }

  private send(packet: Packet): void {
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
    for (const waiter of this.#waiters) waiter();
  }

  /** The first received packet matching `match`, else how the wait ended. */
  private async waitForPacket<T extends Packet>(match: (packet: Packet) => packet is T, ms = this.timeoutMs) {
    let found: T | undefined;
    const ended = await this.waitUntil(() => (found = this.received.find(match)) !== undefined, ms);
    return found ?? (ended as 'closed' | 'timeout');
  }

  /** Resolves `true` once `condition` holds, else `closed` when the socket closes or `timeout`. */
  private waitUntil(condition: () => boolean, ms = this.timeoutMs): Promise<true | 'closed' | 'timeout'> {
    return new Promise((resolve) => {
      const check = () => {
        if (condition()) finish(true);
        else if (this.#closed) finish('closed');
      };
      const finish = (value: true | 'closed' | 'timeout') => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(value);
      };
      const timer = setTimeout(() => finish('timeout'), ms);
      this.#waiters.add(check);
      check();
    });
  }
}
