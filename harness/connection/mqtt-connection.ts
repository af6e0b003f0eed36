import { MqttClient, type IClientOptions } from 'mqtt';
import { brokerEndpoint } from './broker-url.ts';
import { chooseLogin, type LoginRequest } from './login.ts';
import type { QoS } from './qos.ts';
import { openStream } from './transport.ts';

/** What an MQTT.js-based harness connection (TestClient) says about its CONNECT. */
export interface MqttConnectRequest extends LoginRequest {
  readonly clientId: string;
  readonly clean: boolean;
  readonly keepaliveSeconds: number;
  readonly connectTimeoutMs: number;
  readonly will?: { topic: string; payload: string | Buffer; qos?: QoS; retain?: boolean };
}

/** Later errors (the broker closing the socket) end a connection; they are read from close events. */
function ignore(): void {}

/**
 * An MQTT.js client on the harness's one transport (transport.ts: mqtt, mqtts, ws, wss as the raw
 * probes read them) with the one login decision (login.ts), connecting at once. MQTT 3.1.1, and no
 * reconnecting or re-subscribing on its own: reconnects are explicit steps, so the broker's session
 * handling is what gets observed.
 */
export function connectMqttClient(url: string, request: MqttConnectRequest): MqttClient {
  const endpoint = brokerEndpoint(url);
  const timeoutMs = request.connectTimeoutMs;
  const client = new MqttClient(() => openStream(endpoint, timeoutMs), mqttOptions(url, request));
  client.on('error', ignore); // as mqtt.connect does: outcomes are read from packets and close events
  return client;
}

function mqttOptions(url: string, request: MqttConnectRequest): IClientOptions {
  const { will } = request;
  return {
    ...chooseLogin(url, request.clientId, request),
    clientId: request.clientId,
    protocolId: 'MQTT',
    protocolVersion: 4,
    clean: request.clean,
    keepalive: request.keepaliveSeconds,
    reconnectPeriod: 0,
    connectTimeout: request.connectTimeoutMs,
    resubscribe: false,
    ...(will
      ? {
          will: {
            topic: will.topic,
            payload: Buffer.from(will.payload),
            qos: will.qos ?? 0,
            retain: will.retain ?? false,
          },
        }
      : {}),
  };
}

/**
 * One real MQTT CONNECT → CONNACK round trip on the harness's transport and login (readiness, and
 * "has the broker gone away?"). Any CONNACK proves a broker is there and speaking MQTT — a refusal too
 * (a vendor broker may refuse this client ID while accepting the run's own) — so it resolves on any
 * CONNACK and rejects only when none arrives: with the socket error (its `code`, e.g. ECONNREFUSED)
 * when there is one. The client is always ended, so no socket or timer outlives the probe.
 */
export async function tryMqttConnect(url: string, timeoutMs: number): Promise<void> {
  const client = connectMqttClient(url, {
    clientId: `harness-ready-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    clean: true,
    keepaliveSeconds: 0,
    connectTimeoutMs: timeoutMs,
  });
  try {
    await new Promise<void>((resolve, reject) => {
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
