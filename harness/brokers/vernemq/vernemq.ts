import type { BrokerModule, ContainerPreset } from '../broker-module.ts';

const MQTT_PORT = 1883;
const IMAGE = 'vernemq/vernemq';
const TAG = '2.0.1';

/**
 * The official images need the EULA accepted (fine for testing; see the docker-vernemq README) and
 * anonymous clients switched on. Readiness by a real CONNECT: the Erlang boot log varies by version.
 */
const image: ContainerPreset = {
  image: IMAGE,
  tag: TAG,
  mqttPort: MQTT_PORT,
  startupTimeoutMs: 90_000,
  environment: { DOCKER_VERNEMQ_ACCEPT_EULA: 'yes', DOCKER_VERNEMQ_ALLOW_ANONYMOUS: 'on' },
};

export const vernemq: BrokerModule = {
  name: 'vernemq',
  capabilities: { software: 'vernemq', p2p: 'none' },
  containers: { vernemq: image },
  composeService: 'vernemq',
};
