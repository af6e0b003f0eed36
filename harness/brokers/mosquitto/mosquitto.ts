import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { distinctFreePorts } from '../../net/free-port.ts';
import { HARNESS_DENIED_PUBLISH_TOPIC, WEBSOCKET_ENDPOINT } from '../../targets/broker-target.ts';
import { localImagePreset } from '../../images/broker-images.ts';
import type { BrokerModule, ContainerPreset, ProcessRecipe } from '../broker-module.ts';

const MQTT_PORT = 1883;
const VENDOR_IMAGE = 'eclipse-mosquitto';
const VENDOR_TAG = '2.0.22';
/** The broker prints this once its listeners are open. */
const READY_LOG = /mosquitto version \S+ running/;

/**
 * Mosquitto 2.x as our own process: loopback, anonymous, in-memory persistence; with `webSocketPort`
 * also MQTT over WebSocket there (Debian's 2.0.11 is built with websockets), for the chapter 6 scenarios;
 * with `aclFile` that ACL (mosquittoAcl).
 */
export function mosquittoConfig(port: number, webSocketPort?: number, aclFile?: string): string {
  return [
    'per_listener_settings false',
    `listener ${port} 127.0.0.1`,
    ...(webSocketPort === undefined ? [] : [`listener ${webSocketPort} 127.0.0.1`, 'protocol websockets']),
    'allow_anonymous true',
    ...(aclFile === undefined ? [] : [`acl_file ${aclFile}`]),
    'persistence false',
    'log_dest stdout',
    // Large enough for the payload-limit probes of later issues; Mosquitto's default is 256 MB anyway.
    '',
  ].join('\n');
}

/**
 * The ACL of `process:mosquitto` (Mosquitto 2.0 acl_file syntax): anonymous clients (the lines before any
 * `user`) may read and write everything but `denied`, so [MQTT-3.3.5-2] has a topic the broker does not
 * authorize. A `deny` line wins over every grant, for reading too: Mosquitto acknowledges a PUBLISH
 * there as if accepted and delivers it to nobody, and grants a SUBSCRIBE to it but sends nothing.
 * `#` matches no topic starting with `$` in an ACL either, so the `$` topics the harness uses (its
 * `$ops` namespace, [MQTT-4.7.2-1]) and `$SYS` are granted by name, as without an ACL.
 */
export function mosquittoAcl(denied: string): string {
  return [
    `topic deny ${denied}`,
    'topic readwrite #',
    'topic readwrite $ops/#',
    'topic read $SYS/#',
    '',
  ].join('\n');
}

const processRecipe: ProcessRecipe = {
  executables: ['mosquitto'],
  debianPackage: 'mosquitto',
  readyTimeoutMs: 10_000,
  async prepare(dir) {
    const nextPort = distinctFreePorts();
    const port = await nextPort();
    const webSocketPort = await nextPort();
    const file = path.join(dir, 'mosquitto.conf');
    const aclFile = path.join(dir, 'mosquitto.acl');
    // Started as root, Mosquitto drops to the user "mosquitto" before it reads the ACL: it must be able to.
    await chmod(dir, 0o711);
    await writeFile(aclFile, mosquittoAcl(HARNESS_DENIED_PUBLISH_TOPIC), { mode: 0o644 });
    await writeFile(file, mosquittoConfig(port, webSocketPort, aclFile));
    return {
      args: ['-c', file],
      mqttPort: port,
      extra: { [WEBSOCKET_ENDPOINT]: `ws://127.0.0.1:${webSocketPort}` },
      capabilities: { deniedPublishTopic: HARNESS_DENIED_PUBLISH_TOPIC },
    };
  },
};

/** Mosquitto 2 listens on loopback only and refuses anonymous clients unless configured (docker/mosquitto). */
const vendorImage: ContainerPreset = {
  image: VENDOR_IMAGE,
  tag: VENDOR_TAG,
  mqttPort: MQTT_PORT,
  readyLog: READY_LOG,
  startupTimeoutMs: 30_000,
  files: { 'mosquitto/mosquitto.conf': '/mosquitto/config/mosquitto.conf' },
};

/** The same Debian version as `process:mosquitto`, so both must reach the same verdicts. */
const localImage = localImagePreset('mosquitto', 30_000);

export const mosquitto: BrokerModule = {
  name: 'mosquitto',
  capabilities: { software: 'mosquitto', p2p: 'none' },
  process: processRecipe,
  containers: { mosquitto: vendorImage, 'local/mosquitto': localImage },
  composeService: 'mosquitto',
  knownDeviations: fileURLToPath(new URL('known-deviations.json', import.meta.url)),
};
