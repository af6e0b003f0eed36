import net from 'node:net';
import mqttPacket, { type Packet } from 'mqtt-packet';

/**
 * The benchmark's yardstick: an MQTT 3.1.1 client written directly on mqtt-packet over a net socket,
 * with nothing a simulated device has (no login decision, no transport choice, no message body, no
 * records). It does exactly what the bench asks of it: CONNECT, SUBSCRIBE, PUBLISH at QoS 0 / 1 and
 * counting what arrives.
 */
export class BaselineClient {
  #socket: net.Socket | undefined;
  #nextId = 1;
  #waiting: Map<number, () => void> | undefined;
  #connack: ((accepted: boolean) => void) | undefined;
  /** PUBLISHes received, and when the last one arrived. */
  received = 0;
  lastReceivedAt = 0;

  constructor(
    readonly host: string,
    readonly port: number,
    readonly clientId: string,
  ) {}

  connect(): Promise<boolean> {
    const socket = net.connect({ host: this.host, port: this.port });
    socket.setNoDelay(true);
    const parser = mqttPacket.parser({ protocolVersion: 4 });
    parser.on('packet', (packet: Packet) => this.#arrived(packet));
    socket.on('data', (chunk: Buffer) => parser.parse(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => this.#closed());
    this.#socket = socket;
    this.#write({
      cmd: 'connect',
      protocolId: 'MQTT',
      protocolVersion: 4,
      clientId: this.clientId,
      clean: true,
      keepalive: 300,
    });
    return new Promise((resolve) => (this.#connack = resolve));
  }

  subscribe(topic: string, qos: 0 | 1): Promise<void> {
    const messageId = this.#id();
    const done = this.#await(messageId);
    this.#write({ cmd: 'subscribe', messageId, subscriptions: [{ topic, qos }] });
    return done;
  }

  /** QoS 0: resolves once the socket takes it (waits for 'drain' when full); QoS 1: on the PUBACK. */
  publish(topic: string, payload: Buffer, qos: 0 | 1): Promise<void> {
    if (qos === 0) {
      if (this.#write({ cmd: 'publish', topic, payload, qos: 0, retain: false, dup: false }))
        return Promise.resolve();
      return new Promise((resolve) => this.#socket?.once('drain', resolve));
    }
    const messageId = this.#id();
    const done = this.#await(messageId);
    this.#write({ cmd: 'publish', topic, payload, qos: 1, messageId, retain: false, dup: false });
    return done;
  }

  disconnect(): void {
    this.#write({ cmd: 'disconnect' });
    this.#socket?.end();
  }

  #arrived(packet: Packet): void {
    switch (packet.cmd) {
      case 'connack':
        this.#connack?.(packet.returnCode === 0);
        this.#connack = undefined;
        return;
      case 'publish':
        this.received += 1;
        this.lastReceivedAt = Date.now();
        if (packet.qos === 1) this.#write({ cmd: 'puback', messageId: packet.messageId ?? 0 });
        return;
      case 'puback':
      case 'suback': {
        const done = this.#waiting?.get(packet.messageId ?? 0);
        this.#waiting?.delete(packet.messageId ?? 0);
        done?.();
        return;
      }
      default:
    }
  }

  #closed(): void {
    this.#connack?.(false);
    this.#connack = undefined;
    for (const done of this.#waiting?.values() ?? []) done();
    this.#waiting = undefined;
  }

  #await(messageId: number): Promise<void> {
    return new Promise((resolve) => (this.#waiting ??= new Map()).set(messageId, resolve));
  }

  #id(): number {
    const id = this.#nextId;
    this.#nextId = (id % 65_535) + 1;
    return id;
  }

  #write(packet: Packet): boolean {
    const socket = this.#socket;
    if (!socket || socket.destroyed) return true;
    return socket.write(mqttPacket.generate(packet));
  }
}
