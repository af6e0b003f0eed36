import net from 'node:net';
import { UsageError } from '../errors.ts';
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

/** Where a broker URL says to connect, and how: the one reading every harness connection shares. */
export interface BrokerEndpoint {
  readonly host: string;
  readonly port: number;
  /** TLS (mqtts, ssl, wss); certificates are not verified: test brokers often use self-signed ones. */
  readonly secure: boolean;
  /** The WebSocket URL (path kept, login removed) for ws and wss; undefined for a TCP listener. */
  readonly webSocketUrl?: string;
  /** The SNI name for TLS: the host, unless it is an IP address. */
  readonly servername?: string;
}

/**
 * `mqtt://` / `tcp://` plain TCP, `mqtts://` / `ssl://` TLS, `ws://` / `wss://` MQTT over WebSocket.
 * A malformed URL or another scheme is a UsageError naming the URL (redacted).
 */
export function brokerEndpoint(url: string): BrokerEndpoint {
  const parsed = parseBrokerUrl(url);
  const secure = parsed.protocol === 'mqtts:' || parsed.protocol === 'ssl:' || parsed.protocol === 'wss:';
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(parsed.port || DEFAULT_PORTS[parsed.protocol]);
  let webSocketUrl: string | undefined;
  if (parsed.protocol === 'ws:' || parsed.protocol === 'wss:') {
    const target = new URL(parsed.href);
    target.username = ''; // the login goes in CONNECT, not in the HTTP upgrade
    target.password = '';
    webSocketUrl = target.href;
  }
  return {
    host,
    port,
    secure,
    ...(webSocketUrl === undefined ? {} : { webSocketUrl }),
    ...(net.isIP(host) ? {} : { servername: host }),
  };
}

/** The user and password written in the broker URL (`mqtt://user:pass@host`), percent-decoded. */
export function urlLogin(url: string): { username?: string; password?: Buffer } {
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
      `the harness cannot speak ${parsed.protocol}// (${redactUrl(url)}): use mqtt://, mqtts://, ws:// or wss://`,
    );
  return parsed;
}
