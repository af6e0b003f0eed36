import type { Duplex } from 'node:stream';
import mqttPacket, { type Packet } from 'mqtt-packet';
import { openTransport } from './transport.ts';
import { Waiters } from './waiters.ts';

/** What a packet-level client is told about its connection; one object per client, no closure per packet. */
export interface PacketListener {
  /** A packet arrived on the `connection`-th socket of this client (1 = the first). */
  packetArrived(packet: Packet, connection: number): void;
  /** The broker (or the network) closed the socket: not called for `destroy()`. */
  connectionClosed(): void;
  /** What the broker sent could not be parsed (the connection is then dropped): the parser's error and the read's first bytes. */
  packetUnparseable?(error: string, bytes: Buffer): void;
}

/**
 * How a bounded wait ended without its condition: the broker (or the network) closed the socket, the
 * time ran out, or the harness itself dropped the socket because it could not parse what the broker
 * sent — not a close by the broker, so no check may read it as one.
 */
export type WaitEnd = 'closed' | 'timeout' | 'unparseable';

/**
 * One MQTT 3.1.1 connection at the packet level, on mqtt-packet over the harness's one transport
 * (transport.ts): socket, parser, event-driven bounded waits, packet IDs, and a hook for the packets it
 * sends. RawClient and SessionProbe are thin views on it; it can be opened again after a close (a
 * SessionProbe's reconnect), and its packet IDs continue across sockets as a client's session would.
 */
export class PacketConnection {
  #socket: Duplex | undefined;
  #state: 'idle' | 'open' | 'closed' | 'unparseable' = 'idle';
  #connections = 0;
  #nextId = 1;
  /** Made on the first wait: a device session never waits here, and a fleet holds tens of thousands. */
  #waiters: Waiters | undefined;

  constructor(
    readonly url: string,
    readonly timeoutMs: number,
    private readonly listener: PacketListener,
    /** Told of every packet written (before it is written), e.g. for a transcript. */
    private readonly onSend?: (packet: Packet) => void,
  ) {}

  /** Open and not closed since: packets can be written. */
  get isOpen(): boolean {
    return this.#state === 'open' && this.#socket?.destroyed === false;
  }

  /** Closed (by either side, or destroyed) and not opened again since. */
  get isClosed(): boolean {
    return this.#state === 'closed' || this.#state === 'unparseable';
  }

  /** Dropped by the harness on bytes it could not parse (and not opened again since): the broker did not close it. */
  get droppedUnparseable(): boolean {
    return this.#state === 'unparseable';
  }

  /** Opens a new socket (closing any open one); an unreachable broker is an InfrastructureError. */
  async open(): Promise<number> {
    if (this.#socket) this.destroy();
    const socket = await openTransport(this.url, this.timeoutMs);
    this.#socket = socket;
    this.#state = 'open';
    this.#connections += 1;
    const connection = this.#connections;
    const parser = mqttPacket.parser({ protocolVersion: 4 });
    parser.on('packet', (packet: Packet) => {
      this.listener.packetArrived(packet, connection);
      this.wake();
    });
    parser.on('error', (error: Error) => {
      if (this.#socket !== socket) return;
      // The parser's buffer holds what it had not consumed: the refused packet from its first byte for a
      // fixed-header error; for an error in the rest, from its variable header (the fixed header is consumed).
      const list = (parser as unknown as { _list?: { slice(a: number, b: number): Buffer; length: number } })
        ._list;
      this.listener.packetUnparseable?.(
        error.message,
        list ? list.slice(0, Math.min(16, list.length)) : Buffer.alloc(0),
      );
      this.drop('unparseable');
    });
    socket.on('data', (chunk: Buffer) => parser.parse(chunk));
    socket.on('close', () => {
      if (this.#socket !== socket) return; // an old socket, already replaced or destroyed
      this.#socket = undefined;
      this.#state = 'closed';
      this.listener.connectionClosed();
      this.wake();
    });
    return connection;
  }

  /**
   * Encodes and writes `packet` when the socket is open (silently nothing otherwise); false when the
   * socket's buffer is full and the writer should wait for `drained()`.
   */
  send(packet: Packet): boolean {
    if (!this.isOpen) return true;
    this.onSend?.(packet);
    return this.write(mqttPacket.generate(packet));
  }

  /** Writes `bytes` exactly as given (hand-written or malformed packets); false as for `send`. */
  write(bytes: Buffer): boolean {
    const socket = this.#socket;
    if (this.#state === 'open' && socket && !socket.destroyed && socket.writable) return socket.write(bytes);
    return true;
  }

  /** Resolves once the socket's write buffer has drained, or the socket is gone. */
  drained(): Promise<void> {
    const socket = this.#socket;
    if (!socket?.writableNeedDrain || socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        socket.off('drain', done);
        socket.off('close', done);
        resolve();
      };
      socket.once('drain', done);
      socket.once('close', done);
    });
  }

  /** The next packet ID, 1 … 65535 and round again [MQTT-2.3.1-1]. */
  nextPacketId(): number {
    const id = this.#nextId;
    this.#nextId = (this.#nextId % 65_535) + 1;
    return id;
  }

  /** Ends the socket after what is written (DISCONNECT then FIN); the broker's close ends it fully. */
  end(): void {
    this.#socket?.end();
  }

  /** The socket dies at once, without DISCONNECT. */
  destroy(): void {
    this.drop('closed');
  }

  private drop(state: 'closed' | 'unparseable'): void {
    const socket = this.#socket;
    this.#socket = undefined;
    this.#state = state;
    socket?.destroy();
    this.wake();
  }

  /** Resolves with what `poll` returns once it returns something, re-polled on each packet and close; `timeout` after `ms`. */
  wait<T>(poll: () => T | undefined, ms = this.timeoutMs): Promise<T | 'timeout'> {
    return (this.#waiters ??= new Waiters()).wait(poll, ms);
  }

  private wake(): void {
    this.#waiters?.wake();
  }
}
