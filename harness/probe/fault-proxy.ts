import net from 'node:net';
import mqttPacket from 'mqtt-packet';
import { sameLoginAt } from '../connection/login.ts';

/** What the proxy does to the bytes of its links right now. */
export type LinkCondition =
  | { readonly kind: 'healthy' }
  /** Bytes are held back this long in each direction (order kept). */
  | { readonly kind: 'delayed'; readonly ms: number }
  /** Bytes vanish in both directions but no socket is closed: neither side learns of it (no FIN, no RST). */
  | { readonly kind: 'black-hole' };

const HEALTHY: LinkCondition = { kind: 'healthy' };

interface Link {
  readonly client: net.Socket;
  readonly broker: net.Socket;
}

/**
 * A TCP proxy between one MQTT client and a broker that the harness controls: it can cut every link in
 * both directions at once, black-hole them without closing (the network stays "up" for both ends), or
 * delay them. Clients connect to `url` instead of the broker's; the broker sees a normal connection.
 * Faults apply to the links open now and to those opened later, until `heal()`.
 */
export class FaultProxy implements AsyncDisposable {
  readonly #links = new Set<Link>();
  readonly #swallowed: string[] = [];
  #condition: LinkCondition = HEALTHY;

  readonly #server: net.Server;
  #url = '';

  private constructor(host: string, port: number) {
    this.#server = net.createServer((client) => this.accept(client, host, port));
  }

  /** Listens on a free loopback port and forwards to `brokerUrl` (mqtt://host:port; plain TCP only). */
  static async start(brokerUrl: string): Promise<FaultProxy> {
    const target = new URL(brokerUrl);
    if (target.protocol !== 'mqtt:') {
      throw new Error(`the fault proxy forwards plain TCP only; "${brokerUrl}" is not an mqtt:// URL`);
    }
    const proxy = new FaultProxy(target.hostname, Number(target.port || 1883));
    await new Promise<void>((resolve, reject) => {
      proxy.#server.once('error', reject);
      proxy.#server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = proxy.#server.address();
    // The broker's login goes through the proxy with the client: only the address changes.
    proxy.#url = sameLoginAt(
      brokerUrl,
      '127.0.0.1',
      typeof address === 'object' && address ? address.port : 0,
    );
    return proxy;
  }

  /** Where clients connect instead of the broker: the broker's URL, login included, at the proxy's port. */
  get url(): string {
    return this.#url;
  }

  get condition(): LinkCondition {
    return this.#condition;
  }

  /** How many client connections are open through the proxy. */
  get openLinks(): number {
    return this.#links.size;
  }

  /** The network dies for every open link: both sockets are destroyed at once (each end sees a reset). */
  cut(): void {
    for (const link of this.#links) this.drop(link);
  }

  /** Bytes vanish from now on; sockets stay open. Keep-alive timers are the only way out for either end. */
  blackHole(): void {
    this.#condition = { kind: 'black-hole' };
  }

  delay(ms: number): void {
    this.#condition = { kind: 'delayed', ms };
  }

  /** Bytes flow again (those a black hole swallowed stay lost). */
  heal(): void {
    this.#condition = HEALTHY;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /**
   * The payloads of the PUBLISH packets the broker sent into a black hole, in order: "sent, but lost by
   * the network" is then observed, not guessed (a later copy of one of them is a re-send).
   */
  get swallowedPublishes(): readonly string[] {
    return this.#swallowed;
  }

  private accept(client: net.Socket, host: string, port: number): void {
    const broker = net.connect({ host, port });
    const link: Link = { client, broker };
    this.#links.add(link);
    client.setNoDelay(true);
    broker.setNoDelay(true);
    this.pipe(client, broker);
    this.pipe(broker, client, this.swallowWatcher());
    for (const socket of [client, broker]) {
      socket.on('error', () => this.drop(link));
      socket.on('close', () => this.drop(link));
    }
  }

  /**
   * Reads the broker → client stream of one link as MQTT packets (a packet split over chunks is whole
   * only in the chunk that completes it) and records each PUBLISH completed in a swallowed chunk.
   */
  private swallowWatcher(): (chunk: Buffer, swallowed: boolean) => void {
    const parser = mqttPacket.parser({ protocolVersion: 4 });
    let swallowing = false;
    parser.on('packet', (packet) => {
      if (swallowing && packet.cmd === 'publish')
        this.#swallowed.push(Buffer.from(packet.payload).toString('utf8'));
    });
    parser.on('error', () => undefined); // what the proxy forwards is the client's to judge
    return (chunk, swallowed) => {
      swallowing = swallowed;
      parser.parse(chunk);
    };
  }

  /** Forwards `from` → `to` under the condition in force when each chunk arrives. */
  private pipe(from: net.Socket, to: net.Socket, watch?: (chunk: Buffer, swallowed: boolean) => void): void {
    let released = Promise.resolve();
    from.on('data', (chunk: Buffer) => {
      const condition = this.#condition;
      watch?.(chunk, condition.kind === 'black-hole');
      if (condition.kind === 'black-hole') return;
      if (condition.kind === 'healthy') {
        // Keep order behind chunks that are still being delayed.
        released = released.then(() => write(to, chunk));
        return;
      }
      const due = new Promise<void>((resolve) => setTimeout(resolve, condition.ms));
      released = Promise.all([released, due]).then(() => write(to, chunk));
    });
  }

  private drop(link: Link): void {
    if (!this.#links.delete(link)) return;
    // resetAndDestroy sends RST where it can: the network died, nobody said goodbye.
    for (const socket of [link.client, link.broker]) {
      if (socket.destroyed) continue;
      if (canReset(socket)) socket.resetAndDestroy();
      else socket.destroy();
    }
  }
}

/**
 * Whether an RST can be sent. Not once the socket has begun its own close: a socket whose peer sent FIN
 * ends its side too (allowHalfOpen is false), and libuv refuses to reset a stream that is shutting down
 * (uv_tcp_close_reset → EINVAL). Node then loses the handle half closed, and at exit its handle cleanup
 * spins for ever at 100 % CPU (the "run that does not end" of issue 11, seen whenever a broker closed a
 * proxied connection, e.g. after CONNACK 5). Such a socket is destroyed instead: its FIN is on its way.
 */
function canReset(socket: net.Socket): boolean {
  return (
    typeof socket.resetAndDestroy === 'function' &&
    socket.readyState !== 'opening' &&
    !socket.writableEnded &&
    !socket.readableEnded
  );
}

function write(socket: net.Socket, chunk: Buffer): void {
  if (!socket.destroyed && socket.writable) socket.write(chunk);
}
