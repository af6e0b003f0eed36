import { fileURLToPath } from 'node:url';
import type { ContainerPreset } from '../brokers/broker-module.ts';
import { UsageError } from '../errors.ts';

/** Where the Dockerfiles live: docker/images/<name>/ at the repository root. */
export const IMAGES_DIR = fileURLToPath(new URL('../../docker/images/', import.meta.url));

/**
 * The Debian base every broker image starts FROM. No registry is reachable on the harness's own
 * machines, so it is made from Debian's packages by `base/build-base.sh` (debootstrap + docker import);
 * where a registry is reachable, `debian:bookworm-slim` would do (`BuildOptions.base`).
 */
export const BASE_IMAGE = {
  tag: 'mqtt-harness/debian:bookworm',
  script: fileURLToPath(new URL('../../docker/images/base/build-base.sh', import.meta.url)),
} as const;

export interface BrokerImage {
  /** What a user types: `mqtt-harness images build mosquitto`. */
  readonly name: string;
  /** Fixed: the `local/<name>` container presets run exactly this tag. */
  readonly tag: string;
  /** The build context, holding the Dockerfile and the broker's config. */
  readonly contextDir: string;
  /** The broker version the image pins (its `org.opencontainers.image.version` label). */
  readonly version: string;
  /** The MQTT port inside the container. */
  readonly mqttPort: number;
  /** A log line (stdout or stderr) that appears once MQTT clients are accepted. */
  readonly readyLog: RegExp;
  /** Typical start-up time here, for a wait's bound: RabbitMQ's MQTT plugin waits for a leader election. */
  readonly typicalStartSeconds: number;
}

/** The one table of images the harness builds itself. */
export const BROKER_IMAGES: readonly BrokerImage[] = [
  {
    name: 'mosquitto',
    tag: 'mqtt-harness/mosquitto:local',
    contextDir: `${IMAGES_DIR}mosquitto`,
    version: '2.0.11',
    mqttPort: 1883,
    readyLog: /mosquitto version \S+ running/,
    typicalStartSeconds: 1,
  },
  {
    name: 'nats',
    tag: 'mqtt-harness/nats:local',
    contextDir: `${IMAGES_DIR}nats`,
    version: '2.9.10',
    mqttPort: 1883,
    // nats-server logs "Listening for MQTT clients" first and "Server is ready" after every listener.
    readyLog: /Server is ready/,
    typicalStartSeconds: 1,
  },
  {
    name: 'rabbitmq',
    tag: 'mqtt-harness/rabbitmq:local',
    contextDir: `${IMAGES_DIR}rabbitmq`,
    version: '3.10.8',
    mqttPort: 1883,
    // Logged after the MQTT listener started ("started MQTT TCP listener on [::]:1883").
    readyLog: /Server startup complete/,
    typicalStartSeconds: 20,
  },
];

/** The images named, in table order; none named means all. An unknown name is a usage error. */
export function selectBrokerImages(names: readonly string[] = []): BrokerImage[] {
  const unknown = names.filter((name) => !BROKER_IMAGES.some((image) => image.name === name));
  if (unknown.length > 0) {
    throw new UsageError(
      `unknown image ${unknown.map((name) => `"${name}"`).join(', ')} (known: ${BROKER_IMAGES.map((image) => image.name).join(', ')})`,
    );
  }
  return BROKER_IMAGES.filter((image) => names.length === 0 || names.includes(image.name));
}

/**
 * The `local/<name>` container preset of a broker module: the image's tag and port come from this table
 * (the one home of what the harness builds), and a missing image says how to build it. Readiness is a
 * real MQTT CONNECT on the mapped port (some of these brokers log their "ready" line on stderr).
 */
export function localImagePreset(name: string, startupTimeoutMs: number): ContainerPreset {
  const [image] = selectBrokerImages([name]);
  if (!image) throw new Error(`no broker image "${name}"`);
  const [repository = image.tag, tag = 'latest'] = image.tag.split(':');
  return {
    image: repository,
    tag,
    mqttPort: image.mqttPort,
    startupTimeoutMs,
    build: `npx mqtt-harness images build ${image.name}`,
  };
}
