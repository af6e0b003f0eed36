import type { BrokerModule, ContainerPreset } from '../broker-module.ts';

const MQTT_PORT = 1883;
const IMAGE = 'hivemq/hivemq-ce';
const TAG = '2025.5';

/**
 * A plain GenericContainer: @testcontainers/hivemq has no v11 release and its v12 needs Node 22.
 * Log line, tmpfs and timeout as in that module. Anonymous by default.
 */
const image: ContainerPreset = {
  image: IMAGE,
  tag: TAG,
  mqttPort: MQTT_PORT,
  readyLog: /Started HiveMQ in/i,
  startupTimeoutMs: 120_000,
  tmpFs: { '/opt/hivemq/log': 'rw', '/opt/hivemq/data': 'rw' },
};

export const hivemq: BrokerModule = {
  name: 'hivemq',
  capabilities: { software: 'hivemq', p2p: 'none' },
  containers: { hivemq: image },
  composeService: 'hivemq',
};
