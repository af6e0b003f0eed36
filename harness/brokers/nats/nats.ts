import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { distinctFreePorts } from '../../net/free-port.ts';
import { WEBSOCKET_ENDPOINT } from '../../targets/broker-target.ts';
import { localImagePreset } from '../../images/broker-images.ts';
import type { BrokerModule, ProcessRecipe } from '../broker-module.ts';

/**
 * nats-server 2.9 with its MQTT gateway on loopback (harness/brokers/README.md). MQTT sessions and
 * QoS1 live in JetStream, which needs a server name; the store sits in the fresh temp dir, because a
 * store left over from an earlier run can make every later QoS1 publish fail.
 */
const processRecipe: ProcessRecipe = {
  executables: ['nats-server'],
  debianPackage: 'nats-server',
  readyTimeoutMs: 15_000,
  async prepare(dir) {
    const nextPort = distinctFreePorts();
    const clientPort = await nextPort();
    const mqttPort = await nextPort();
    const webSocketPort = await nextPort();
    const file = path.join(dir, 'nats.conf');
    await writeFile(
      file,
      natsConfig({
        serverName: `harness_nats_${process.pid}_${randomBytes(4).toString('hex')}`,
        clientPort,
        mqttPort,
        webSocketPort,
        storeDir: path.join(dir, 'js'),
      }),
    );
    // Its WebSocket listener serves MQTT on the path /mqtt (since nats-server 2.7).
    return {
      args: ['-c', file],
      mqttPort,
      extra: { [WEBSOCKET_ENDPOINT]: `ws://127.0.0.1:${webSocketPort}/mqtt` },
    };
  },
};

export interface NatsConfigOptions {
  serverName: string;
  clientPort: number;
  mqttPort: number;
  /** Plain (no TLS) WebSocket on loopback: NATS serves MQTT over it on the path /mqtt. */
  webSocketPort?: number;
  storeDir: string;
}

export function natsConfig(options: NatsConfigOptions): string {
  return [
    `server_name: ${options.serverName}`,
    'host: 127.0.0.1',
    // Its own client port: the system nats-server holds 4222.
    `port: ${options.clientPort}`,
    `jetstream { store_dir: ${JSON.stringify(options.storeDir)} }`,
    `mqtt { listen: "127.0.0.1:${options.mqttPort}" }`,
    ...(options.webSocketPort === undefined
      ? []
      : [`websocket { listen: "127.0.0.1:${options.webSocketPort}", no_tls: true }`]),
    '',
  ].join('\n');
}

/** The image carries its own JetStream + MQTT config; readiness is a real CONNECT (no reliable log line). */
const localImage = localImagePreset('nats', 30_000);

export const nats: BrokerModule = {
  name: 'nats',
  capabilities: { software: 'nats', p2p: 'none' },
  process: processRecipe,
  containers: { 'local/nats': localImage },
};
