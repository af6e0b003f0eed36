import { localImagePreset } from '../../images/broker-images.ts';
import type { BrokerModule, ContainerPreset } from '../broker-module.ts';
import { rabbitmqProcess } from './rabbitmq-process.ts';

const MQTT_PORT = 1883;
const VENDOR_IMAGE = 'rabbitmq';
const VENDOR_TAG = '3.13.7-management';
/** Boot takes 12-15 s: the MQTT plugin waits for the leader election of its client-ID registry. */
const STARTUP_TIMEOUT_MS = 90_000;

/** The vendor image with the MQTT plugin and anonymous "guest" clients from docker/rabbitmq. */
const vendorImage: ContainerPreset = {
  image: VENDOR_IMAGE,
  tag: VENDOR_TAG,
  mqttPort: MQTT_PORT,
  // Printed once every plugin (MQTT included) has started.
  readyLog: /Server startup complete/,
  startupTimeoutMs: STARTUP_TIMEOUT_MS,
  files: {
    'rabbitmq/enabled_plugins': '/etc/rabbitmq/enabled_plugins',
    'rabbitmq/rabbitmq.conf': '/etc/rabbitmq/conf.d/90-harness.conf',
  },
};

const localImage = localImagePreset('rabbitmq', STARTUP_TIMEOUT_MS);

/** MQTT through RabbitMQ's plugin; messages appear on `amq.topic` with `/` turned into `.`. */
export const rabbitmq: BrokerModule = {
  name: 'rabbitmq',
  capabilities: { software: 'rabbitmq', p2p: 'none' },
  process: rabbitmqProcess,
  containers: { rabbitmq: vendorImage, 'local/rabbitmq': localImage },
  composeService: 'rabbitmq',
};
