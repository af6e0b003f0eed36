import http from 'node:http';
import { Duplex, Transform } from 'node:stream';
import { WebSocketServer, createWebSocketStream, type WebSocket } from 'ws';
import type { Fault } from './faults.ts';

const MQTT_SUBPROTOCOL = 'mqtt';
/** RFC 6455 close code 1003: the endpoint received a type of data it cannot accept. */
const UNSUPPORTED_DATA = 1003;

/** An HTTP server that serves MQTT over WebSocket on any path, and closes every connection on `close`. */
export interface WebSocketListener {
  readonly server: http.Server;
  /** Ends every WebSocket connection (server.close() alone waits for them). */
  closeConnections(): void;
}

/**
 * MQTT over WebSocket (MQTT 3.1.1 chapter 6) in front of `handle` (Aedes' connection handler): the
 * subprotocol "mqtt" selected [MQTT-6.0.0-4], a text frame closes the connection [MQTT-6.0.0-1], and
 * the binary frames are one byte stream, so packets need not line up with frames [MQTT-6.0.0-2]. The
 * `websocket-*` faults break each of the three.
 */
export function webSocketListener(
  handle: (stream: Duplex) => void,
  faults: readonly Fault[],
): WebSocketListener {
  const has = (fault: Fault) => faults.includes(fault);
  const server = http.createServer((_request, response) => {
    response.writeHead(426, { Upgrade: 'websocket' }).end('MQTT over WebSocket only\n');
  });
  // noServer: with `server` the WebSocketServer re-emits the HTTP server's errors (a taken port) as
  // its own, and with no listener there they crash the process instead of failing the listen.
  const webSockets = new WebSocketServer({
    noServer: true,
    // No "mqtt" offered: no subprotocol returned (a client that offered another sees the mismatch).
    handleProtocols: (offered) =>
      !has('websocket-no-subprotocol') && offered.has(MQTT_SUBPROTOCOL) ? MQTT_SUBPROTOCOL : false,
  });
  server.on('upgrade', (request, socket, head) =>
    webSockets.handleUpgrade(request, socket, head, (webSocket) => handle(mqttStream(webSocket, faults))),
  );
  return {
    server,
    closeConnections() {
      for (const socket of webSockets.clients) socket.terminate();
      webSockets.close();
    },
  };
}

function mqttStream(socket: WebSocket, faults: readonly Fault[]): Duplex {
  const stream = createWebSocketStream(socket);
  if (!faults.includes('websocket-text-as-binary')) {
    // Put before the stream's own listener, so the text frame's bytes never reach the MQTT parser.
    socket.prependListener('message', (_data: unknown, isBinary: boolean) => {
      if (isBinary) return;
      socket.close(UNSUPPORTED_DATA, 'MQTT travels in binary frames [MQTT-6.0.0-1]');
      stream.destroy();
    });
  }
  return faults.includes('websocket-one-packet-per-frame') ? onePacketPerFrame(stream) : stream;
}

/**
 * Fault websocket-one-packet-per-frame: each frame (each chunk the stream reads, one per frame) is
 * taken as one whole packet — a frame holding part of a packet is dropped, anything after a frame's
 * first packet ignored — breaking [MQTT-6.0.0-2].
 */
function onePacketPerFrame(stream: Duplex): Duplex {
  const firstPackets = new Transform({
    transform(frame: Buffer, _encoding, done) {
      const length = wholePacketLength(frame);
      done(null, length === undefined ? undefined : frame.subarray(0, length));
    },
  });
  stream.pipe(firstPackets);
  const faulty = Duplex.from({ readable: firstPackets, writable: stream });
  stream.once('close', () => faulty.destroy());
  return faulty;
}

/** The length of the packet at the start of `bytes` (fixed header + remaining length), if it is all there. */
function wholePacketLength(bytes: Buffer): number | undefined {
  let remaining = 0;
  for (let index = 1, shift = 0; index < bytes.length && index <= 4; index += 1, shift += 7) {
    const byte = bytes[index] ?? 0;
    remaining += (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) {
      const length = index + 1 + remaining;
      return length <= bytes.length ? length : undefined;
    }
  }
  return undefined;
}
