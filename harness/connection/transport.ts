import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import WebSocket, { createWebSocketStream } from 'ws';
import { InfrastructureError } from '../errors.ts';
import { afterPendingIo } from '../net/quiet-window.ts';
import { redactUrl } from '../net/redact-url.ts';
import { brokerEndpoint, type BrokerEndpoint } from './broker-url.ts';

/** The subprotocol an MQTT client offers and a server must select [MQTT-6.0.0-3], [MQTT-6.0.0-4]. */
export const MQTT_SUBPROTOCOL = 'mqtt';

/**
 * The options of every harness WebSocket (this transport and the frame-level WebSocketProbe):
 * certificates not verified (test brokers often have self-signed ones), the handshake bounded.
 */
export function webSocketOptions(timeoutMs: number): WebSocket.ClientOptions {
  return { rejectUnauthorized: false, handshakeTimeout: timeoutMs };
}

/** Nothing to do: a connection's end is seen as 'close' by its owner. Shared, so no closure per socket. */
function ignore(): void {}

/** Ends a WebSocket stream when the broker ends it, so that it emits 'close' as a TCP socket does. */
function destroyOnEnd(this: Duplex): void {
  this.destroy();
}

/**
 * The byte stream under every harness connection, opened at once (writes wait until it is open):
 * plain TCP, TLS (certificates not verified: the harness tests brokers, often with self-signed test
 * certificates) or MQTT over WebSocket (subprotocol `mqtt`, the URL's path kept). MQTT.js takes it as
 * its stream builder (mqtt-connection.ts) and the packet-level connection through `openTransport`, so
 * all four clients reach the same listener the same way.
 */
export function openStream(endpoint: BrokerEndpoint, timeoutMs: number): Duplex {
  return openSocket(endpoint, timeoutMs).stream;
}

/**
 * Opens the stream for a broker URL and resolves once it is open; an unreachable broker is an
 * InfrastructureError saying so ("cannot reach …"), never a verdict.
 */
export async function openTransport(url: string, timeoutMs = 5_000): Promise<Duplex> {
  const endpoint = brokerEndpoint(url);
  for (;;) {
    const opening = openSocket(endpoint, timeoutMs);
    try {
      await settle(opening, url, timeoutMs);
      return opening.stream;
    } catch (error) {
      if (!(outOfPorts(error) && nextLoopbackSource(endpoint))) throw error;
    }
  }
}

/**
 * The source address of TCP connections to a loopback broker: 127.0.0.1 (the kernel's choice) until
 * its ephemeral ports run out (EADDRNOTAVAIL, ≈ 28,000 per destination), then 127.0.0.2, .3 … — the
 * whole 127/8 is loopback, so a fleet on one machine is not capped by one address's port range.
 */
let loopbackSource = 1;
const LAST_LOOPBACK_SOURCE = 254;

function isLoopback(host: string): boolean {
  return host.startsWith('127.');
}

function localAddressFor(host: string): { localAddress?: string } {
  return loopbackSource > 1 && isLoopback(host) ? { localAddress: `127.0.0.${loopbackSource}` } : {};
}

function outOfPorts(error: unknown): boolean {
  return (
    error instanceof Error && (error.cause as NodeJS.ErrnoException | undefined)?.code === 'EADDRNOTAVAIL'
  );
}

/** Moves on to the next loopback source address; false when there is none (or the broker is not local). */
function nextLoopbackSource(endpoint: BrokerEndpoint): boolean {
  if (endpoint.webSocketUrl !== undefined || !isLoopback(endpoint.host)) return false;
  if (loopbackSource >= LAST_LOOPBACK_SOURCE) return false;
  loopbackSource += 1;
  return true;
}

interface Opening {
  readonly stream: Duplex;
  /** What emits `ready` once the stream is open (the WebSocket, or the socket itself). */
  readonly emitter: NodeJS.EventEmitter;
  readonly ready: string;
  readonly abort: () => void;
}

function openSocket(endpoint: BrokerEndpoint, timeoutMs: number): Opening {
  if (endpoint.webSocketUrl !== undefined) {
    const socket = new WebSocket(endpoint.webSocketUrl, MQTT_SUBPROTOCOL, webSocketOptions(timeoutMs));
    const stream = createWebSocketStream(socket);
    stream.on('error', ignore);
    stream.on('end', destroyOnEnd);
    return { stream, emitter: socket, ready: 'open', abort: () => socket.terminate() };
  }
  const { host, port } = endpoint;
  const socket = endpoint.secure
    ? tls.connect({
        host,
        port,
        ...localAddressFor(host),
        rejectUnauthorized: false,
        ...(endpoint.servername === undefined ? {} : { servername: endpoint.servername }),
      })
    : net.connect({ host, port, ...localAddressFor(host) });
  socket.setNoDelay(true);
  socket.on('error', ignore);
  const ready = endpoint.secure ? 'secureConnect' : 'connect';
  return { stream: socket, emitter: socket, ready, abort: () => socket.destroy() };
}

/** Resolves on `ready`; rejects with an InfrastructureError on an error or after `timeoutMs`. */
function settle({ emitter, ready, abort }: Opening, url: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (why: string, cause?: Error) => {
      cleanup();
      abort();
      reject(new InfrastructureError(`cannot reach ${redactUrl(url)}: ${why}`, { cause }));
    };
    const onReady = () => {
      cleanup();
      resolve();
    };
    const onError = (error: Error) => fail(error.message, error);
    const onClose = () => fail('the connection closed before it was open');
    const cancelTimeout = afterPendingIo(() => fail(`no connection within ${timeoutMs} ms`), timeoutMs);
    const cleanup = () => {
      cancelTimeout();
      emitter.off(ready, onReady);
      emitter.off('error', onError);
      emitter.off('close', onClose);
    };
    emitter.once(ready, onReady);
    emitter.once('error', onError);
    emitter.once('close', onClose);
  });
}
