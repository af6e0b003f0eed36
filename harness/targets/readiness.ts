import net from 'node:net';
import { tryMqttConnect } from '../connection/mqtt-connection.ts';
import { InfrastructureError } from '../errors.ts';
import { redactUrl } from '../net/redact-url.ts';

export { redactUrl, tryMqttConnect };

export interface WaitForMqttOptions {
  timeoutMs: number;
  /** What is being waited for, for the error line ("mosquitto on port 40211"). */
  what: string;
  /** Gives up early (e.g. the broker process exited) with this reason. */
  abandoned?: () => string | undefined;
  /** What the user should do when it never becomes ready. */
  hint: string;
  /**
   * Socket error codes that end the wait at once. A broker somebody else runs (a URL target) is up or
   * not: ECONNREFUSED there means nothing listens, and waiting longer only delays the error. A broker
   * the harness starts (process, container) refuses connections while it boots, so it is polled.
   */
  finalErrors?: readonly string[];
}

/** Polls with real CONNECTs until the broker answers or the deadline passes (readiness, not a fixed wait). */
export async function waitForMqtt(url: string, options: WaitForMqttOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError = 'no answer';
  while (Date.now() < deadline) {
    const abandoned = options.abandoned?.();
    if (abandoned) throw new InfrastructureError(`${options.what} ${abandoned}; ${options.hint}`);
    try {
      await tryMqttConnect(url, Math.max(500, Math.min(3000, deadline - Date.now())));
      return;
    } catch (error) {
      lastError = describeConnectError(error);
      if (options.finalErrors?.includes(lastError))
        throw new InfrastructureError(
          `${options.what} not reachable at ${redactUrl(url)} (${lastError}${EXPLAINED[lastError] ?? ''}); ${options.hint}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  throw new InfrastructureError(
    `${options.what} not reachable at ${redactUrl(url)} within ${Math.round(options.timeoutMs / 1000)} s (${lastError}); ${options.hint}`,
  );
}

/**
 * Polls TCP connects to 127.0.0.1:`port` until one is accepted or the deadline passes: readiness of
 * a listener that speaks no plain MQTT and may open after the MQTT one (a WebSocket endpoint).
 */
export async function waitForTcp(
  port: number,
  options: Pick<WaitForMqttOptions, 'timeoutMs' | 'what' | 'abandoned' | 'hint'>,
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const abandoned = options.abandoned?.();
    if (abandoned) throw new InfrastructureError(`${options.what} ${abandoned}; ${options.hint}`);
    if (await acceptsTcp(port)) return;
    if (Date.now() > deadline)
      throw new InfrastructureError(
        `${options.what} did not accept connections on 127.0.0.1:${port} within ${Math.round(options.timeoutMs / 1000)} s; ${options.hint}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** True when a TCP connection to 127.0.0.1:`port` is accepted (and closed again at once). */
export function acceptsTcp(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** What a final socket error means, for the one-line error. */
const EXPLAINED: Readonly<Record<string, string>> = {
  ECONNREFUSED: ': connection refused, nothing listens on that port',
  ENOTFOUND: ': no such host',
};

function describeConnectError(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string')
    return error.code;
  return error instanceof Error ? error.message : String(error);
}
