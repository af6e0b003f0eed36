import type { BrokerModule, ContainerPreset } from '../broker-module.ts';

const MQTT_PORT = 1883;
const IMAGE = 'emqx/nanomq';
const TAG = '0.22.10';

/** Anonymous on 0.0.0.0:1883 by default; readiness by a real CONNECT (no log line relied upon). */
const image: ContainerPreset = {
  image: IMAGE,
  tag: TAG,
  mqttPort: MQTT_PORT,
  startupTimeoutMs: 30_000,
};

export const nanomq: BrokerModule = {
  name: 'nanomq',
  capabilities: { software: 'nanomq', p2p: 'none' },
  containers: { nanomq: image },
  composeService: 'nanomq',
};
