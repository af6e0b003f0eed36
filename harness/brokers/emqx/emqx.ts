import { emqxAutoSubscribeTopics } from '../../p2p/emqx-auto-subscribe.ts';
import type { BrokerModule, ContainerPreset } from '../broker-module.ts';

const MQTT_PORT = 1883;
const IMAGE = 'emqx/emqx';
/** 5.8.x is the last Apache-2.0 EMQX line (5.9 moved to the BSL). */
const TAG = '5.8.6';

/**
 * P2P by broker-side auto-subscription: each client is subscribed to its own `<parent>/p2p/<clientId>`
 * as it connects (harness/p2p/emqx-auto-subscribe.ts; docker-compose.yml carries the same value).
 */
const image: ContainerPreset = {
  image: IMAGE,
  tag: TAG,
  mqttPort: MQTT_PORT,
  readyLog: /EMQX \S+ is running now/,
  startupTimeoutMs: 60_000,
  environment: { EMQX_AUTO_SUBSCRIBE__TOPICS: emqxAutoSubscribeTopics() },
};

/** The default container broker (the project brief's "EMQX image by default"). */
export const emqx: BrokerModule = {
  name: 'emqx',
  capabilities: { software: 'emqx', p2p: 'auto-subscribe' },
  containers: { emqx: image },
  composeService: 'emqx',
};
