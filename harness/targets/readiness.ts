import mqtt from 'mqtt';
import { InfrastructureError } from '../errors.ts';
import { redactUrl } from '../net/redact-url.ts';

export { redactUrl };

/**
 * One real MQTT CONNECT → CONNACK round trip. Any CONNACK proves a broker is there and speaking MQTT —
 * a refusal too (a vendor broker may refuse this anonymous probe, or its client ID, while accepting the
 * run's own logins) — so it resolves on any CONNACK and rejects only when none arrives.
 */
export async function tryMqttConnect(url: string, timeoutMs: number): Promise<void> {
  const client = mqtt.connect(url, {
    clientId: `harness-ready-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    reconnectPeriod: 0,
    connectTimeout: timeoutMs,
    clean: true,
    rejectUnauthorized: false,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.on('packetreceive', (packet) => {
        if (packet.cmd === 'connack') resolve();
      });
      client.once('error', reject);
      client.once('close', () => reject(new Error('connection closed before CONNACK')));
    });
  } finally {
    client.end(true);
  }
}

export interface WaitForMqttOptions {
  timeoutMs: number;
  /** What is being waited for, for the error line ("mosquitto on port 40211"). */
  what: string;
  /** Gives up early (e.g. the broker process exited) with this reason. */
  abandoned?: () => string | undefined;
  /** What the user should do when it never becomes ready. */
  hint: string;
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
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  throw new InfrastructureError(
    `${options.what} not reachable at ${redactUrl(url)} within ${Math.round(options.timeoutMs / 1000)} s (${lastError}); ${options.hint}`,
  );
}

function describeConnectError(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string')
    return error.code;
  return error instanceof Error ? error.message : String(error);
}
