import type { IClientOptions } from 'mqtt';

/**
 * mqtt.js options every harness connection shares: MQTT 3.1.1, and no reconnecting or re-subscribing
 * on its own — reconnects are explicit steps, so the broker's session handling is what gets observed.
 * Certificates are not verified: the harness tests brokers, often with self-signed test certificates.
 */
export function harnessConnectOptions(
  clientId: string,
  clean: boolean,
  keepaliveSeconds: number,
  connectTimeoutMs: number,
): IClientOptions {
  return {
    clientId,
    protocolVersion: 4,
    clean,
    keepalive: keepaliveSeconds,
    reconnectPeriod: 0,
    connectTimeout: connectTimeoutMs,
    resubscribe: false,
    rejectUnauthorized: false,
  };
}
