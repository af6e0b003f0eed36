import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import WebSocket, { createWebSocketStream } from 'ws';
import { runLogin } from '../auth/run-login.ts';
import { InfrastructureError, UsageError } from '../errors.ts';
import { redactUrl } from '../net/redact-url.ts';

/** The schemes a broker URL may use, with their default ports (as MQTT.js reads them). */
const DEFAULT_PORTS: Readonly<Record<string, number>> = {
  'mqtt:': 1883,
  'tcp:': 1883,
  'mqtts:': 8883,
  'ssl:': 8883,
  'ws:': 80,
  'wss:': 443,
};

/**
 * The byte stream under every raw probe (RawClient, SessionProbe): one place that reads a broker URL
 * the way the harness's MQTT.js clients do, so a probe talks to the same listener as TestClient:
 * `mqtt://` / `tcp://` plain TCP, `mqtts://` / `ssl://` TLS (certificates not verified, as TestClient),
 * `ws://` / `wss://` MQTT over WebSocket (subprotocol `mqtt`, the URL's path kept). Resolves once the
 * stream is open; an unreachable broker is an InfrastructureError saying so, never a verdict.
 */
export async function openProbeSocket(url: string, timeoutMs = 5_000): Promise<Duplex> {
  const parsed = parseBrokerUrl(url);
  const secure = parsed.protocol === 'mqtts:' || parsed.protocol === 'ssl:' || parsed.protocol === 'wss:';
  const port = Number(parsed.port || DEFAULT_PORTS[parsed.protocol]);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (parsed.protocol === 'ws:' || parsed.protocol === 'wss:') {
    const target = new URL(parsed.href);
    target.username = ''; // the login goes in CONNECT (probeLogin), not in the HTTP upgrade
    target.password = '';
    const socket = new WebSocket(target.href, 'mqtt', {
      rejectUnauthorized: false,
      handshakeTimeout: timeoutMs,
    });
    const stream = createWebSocketStream(socket);
    stream.on('error', () => undefined); // the owner sees the end as 'close'
    // The stream only ends when the broker closes the WebSocket; destroying it then emits 'close', as a TCP socket does.
    stream.on('end', () => stream.destroy());
    await settle(socket, 'open', url, timeoutMs, () => socket.terminate());
    return stream;
  }
  const socket = secure
    ? tls.connect({ host, port, rejectUnauthorized: false, ...(net.isIP(host) ? {} : { servername: host }) })
    : net.connect({ host, port });
  socket.setNoDelay(true);
  socket.on('error', () => undefined); // the owner sees the end as 'close'
  await settle(socket, secure ? 'secureConnect' : 'connect', url, timeoutMs, () => socket.destroy());
  return socket;
}

/**
 * The login a probe sends when it is given none: the run's (profile config, PUB-4) first, else the
 * user and password written in the broker URL (`mqtt://user:pass@host`), as MQTT.js would send them.
 */
export function probeLogin(url: string, clientId: string): { username?: string; password?: Buffer } {
  const login = runLogin(clientId);
  if (login) return login;
  const parsed = parseBrokerUrl(url);
  return {
    ...(parsed.username ? { username: decodeUrlPart(parsed.username, url) } : {}),
    ...(parsed.password ? { password: Buffer.from(decodeUrlPart(parsed.password, url), 'utf8') } : {}),
  };
}

function decodeUrlPart(part: string, url: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new UsageError(
      `the user or password in ${redactUrl(url)} has an invalid %-escape: percent-encode it (e.g. %25 for "%")`,
    );
  }
}

function parseBrokerUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`"${redactUrl(url)}" is not a broker URL: write it as mqtt://host:port`);
  }
  if (DEFAULT_PORTS[parsed.protocol] === undefined)
    throw new UsageError(
      `the raw probe cannot speak ${parsed.protocol}// (${redactUrl(url)}): use mqtt://, mqtts://, ws:// or wss://`,
    );
  return parsed;
}

/** Resolves on `ready`; rejects with an InfrastructureError on an error or after `timeoutMs`. */
function settle(
  emitter: NodeJS.EventEmitter,
  ready: string,
  url: string,
  timeoutMs: number,
  abort: () => void,
): Promise<void> {
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
