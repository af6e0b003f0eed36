import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import WebSocket, { createWebSocketStream } from 'ws';
import { InfrastructureError } from '../errors.ts';
import { redactUrl } from '../net/redact-url.ts';
import { brokerEndpoint, type BrokerEndpoint } from './broker-url.ts';

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
  const opening = openSocket(brokerEndpoint(url), timeoutMs);
  await settle(opening, url, timeoutMs);
  return opening.stream;
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
    const socket = new WebSocket(endpoint.webSocketUrl, 'mqtt', {
      rejectUnauthorized: false,
      handshakeTimeout: timeoutMs,
    });
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
        rejectUnauthorized: false,
        ...(endpoint.servername === undefined ? {} : { servername: endpoint.servername }),
      })
    : net.connect({ host, port });
  socket.setNoDelay(true);
  socket.on('error', ignore);
  const ready = endpoint.secure ? 'secureConnect' : 'connect';
  return { stream: socket, emitter: socket, ready, abort: () => socket.destroy() };
}

/** Resolves on `ready`; rejects with an InfrastructureError on an error or after `timeoutMs`. */
function settle({ emitter, ready, abort }: Opening, url: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      cleanup();
      abort();
      reject(new InfrastructureError(`cannot reach ${redactUrl(url)}: ${why}`));
    };
    const onReady = () => {
      cleanup();
      resolve();
    };
    const onError = (error: Error) => fail(error.message);
    const onClose = () => fail('the connection closed before it was open');
    const timer = setTimeout(() => fail(`no connection within ${timeoutMs} ms`), timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      emitter.off(ready, onReady);
      emitter.off('error', onError);
      emitter.off('close', onClose);
    };
    emitter.once(ready, onReady);
    emitter.once('error', onError);
    emitter.once('close', onClose);
  });
}
