import { fileURLToPath } from 'node:url';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { InfrastructureError, UsageError } from '../errors.ts';
import { emqxAutoSubscribeTopics } from '../p2p/emqx-auto-subscribe.ts';
import { startedTarget, type BrokerCapabilities, type BrokerTarget } from './broker-target.ts';
import { requireContainerRuntime } from './container-runtime.ts';
import { waitForMqtt } from './readiness.ts';

const MQTT_PORT = 1883;
/** After the broker's own "started" line, a real CONNECT should succeed almost at once. */
const MQTT_READY_TIMEOUT_MS = 20_000;
/** Config files shared with docker-compose.yml, so both ways of running a broker agree. */
const DOCKER_DIR = fileURLToPath(new URL('../../docker/', import.meta.url));
/** Docker's tag grammar. */
const TAG_PATTERN = /^[\w][\w.-]{0,127}$/;

/** How to run one broker image under testcontainers (after the testcontainers-node modules). */
export interface ContainerBroker {
  readonly software: string;
  readonly image: string;
  /** Pinned, so that a report names the version it judged; `container:NAME:TAG` overrides it. */
  readonly tag: string;
  readonly mqttPort: number;
  /** The broker's own "started" log line; the harness then checks a real CONNECT (waitForMqtt). */
  readonly readyLog: RegExp;
  /** Covers the wait for readyLog only; pulling the image is not counted. */
  readonly startupTimeoutMs: number;
  readonly p2p: BrokerCapabilities['p2p'];
  readonly environment?: Readonly<Record<string, string>>;
  /** Files under the repository's docker/ directory → path in the container. */
  readonly files?: Readonly<Record<string, string>>;
  readonly tmpFs?: Readonly<Record<string, string>>;
}

export const CONTAINER_BROKERS: Readonly<Record<string, ContainerBroker>> = {
  // 5.8.x is the last Apache-2.0 EMQX. P2P by auto_subscribe: each client is subscribed to its own
  // `<parent>/p2p/<clientId>` as it connects (harness/p2p/emqx-auto-subscribe.ts).
  emqx: {
    software: 'emqx',
    image: 'emqx/emqx',
    tag: '5.8.6',
    mqttPort: MQTT_PORT,
    readyLog: /EMQX \S+ is running now/,
    startupTimeoutMs: 60_000,
    p2p: 'auto-subscribe',
    environment: { EMQX_AUTO_SUBSCRIBE__TOPICS: emqxAutoSubscribeTopics() },
  },
  // Mosquitto 2 listens on loopback only and refuses anonymous clients unless configured.
  mosquitto: {
    software: 'mosquitto',
    image: 'eclipse-mosquitto',
    tag: '2.0.22',
    mqttPort: MQTT_PORT,
    readyLog: /mosquitto version \S+ running/,
    startupTimeoutMs: 30_000,
    p2p: 'none',
    files: { 'mosquitto/mosquitto.conf': '/mosquitto/config/mosquitto.conf' },
  },
  // Plain GenericContainer: @testcontainers/hivemq has no v11 release and its v12 needs Node 22.
  // Log line, tmpfs and timeout as in that module.
  hivemq: {
    software: 'hivemq',
    image: 'hivemq/hivemq-ce',
    tag: '2025.5',
    mqttPort: MQTT_PORT,
    readyLog: /Started HiveMQ in/i,
    startupTimeoutMs: 120_000,
    p2p: 'none',
    tmpFs: { '/opt/hivemq/log': 'rw', '/opt/hivemq/data': 'rw' },
  },
};

/** Everything `container:NAME[:TAG]` will run, resolved without touching Docker (for tests and messages). */
export interface ContainerConfig {
  readonly spec: string;
  readonly image: string;
  readonly exposedPorts: readonly number[];
  readonly mqttPort: number;
  /** What start() waits for, in words. */
  readonly waitStrategy: string;
  readonly readyLog: RegExp;
  readonly startupTimeoutMs: number;
  readonly capabilities: BrokerCapabilities;
  readonly environment: Readonly<Record<string, string>>;
  readonly files: readonly { source: string; target: string }[];
  readonly tmpFs: Readonly<Record<string, string>>;
}

export function containerConfig(name: string, tag?: string): ContainerConfig {
  const broker = Object.hasOwn(CONTAINER_BROKERS, name) ? CONTAINER_BROKERS[name] : undefined;
  if (!broker) {
    throw new UsageError(
      `unknown container broker "${name}"; use one of ${Object.keys(CONTAINER_BROKERS)
        .map((known) => `container:${known}`)
        .join(', ')}`,
    );
  }
  if (tag !== undefined && !TAG_PATTERN.test(tag)) {
    throw new UsageError(`"${tag}" is not a Docker image tag; write it as container:${name}:${broker.tag}`);
  }
  const image = `${broker.image}:${tag ?? broker.tag}`;
  return {
    spec: tag === undefined ? `container:${name}` : `container:${name}:${tag}`,
    image,
    exposedPorts: [broker.mqttPort],
    mqttPort: broker.mqttPort,
    waitStrategy: `log ${String(broker.readyLog)} within ${broker.startupTimeoutMs / 1000} s, then an MQTT CONNECT`,
    readyLog: broker.readyLog,
    startupTimeoutMs: broker.startupTimeoutMs,
    capabilities: { software: broker.software, p2p: broker.p2p },
    environment: broker.environment ?? {},
    files: Object.entries(broker.files ?? {}).map(([source, target]) => ({
      source: DOCKER_DIR + source,
      target,
    })),
    tmpFs: broker.tmpFs ?? {},
  };
}

/**
 * `container:NAME[:TAG]` — a fresh container per run on an ephemeral host port. testcontainers' reaper
 * (Ryuk) removes it even when the run is killed before stop().
 */
export function containerTarget(name: string, tag?: string): BrokerTarget {
  const config = containerConfig(name, tag);
  return {
    spec: config.spec,
    async start() {
      await requireContainerRuntime(config.spec);
      const container = await startContainer(config);
      try {
        const url = `mqtt://${container.getHost()}:${container.getMappedPort(config.mqttPort)}`;
        await waitForMqtt(url, {
          timeoutMs: MQTT_READY_TIMEOUT_MS,
          what: config.image,
          // The container is removed on failure, so point at a run whose log stays visible.
          hint: `it started but takes no anonymous CONNECT; "docker run --rm -p 1883 ${config.image}" shows its log`,
        });
        return startedTarget(config.spec, url, config.capabilities, async () => {
          await container.stop();
        });
      } catch (error) {
        await container.stop().catch(() => undefined);
        throw error;
      }
    },
  };
}

async function startContainer(config: ContainerConfig): Promise<StartedTestContainer> {
  try {
    return await new GenericContainer(config.image)
      .withExposedPorts(...config.exposedPorts)
      .withEnvironment({ ...config.environment })
      .withCopyFilesToContainer([...config.files])
      .withTmpFs({ ...config.tmpFs })
      .withWaitStrategy(Wait.forLogMessage(config.readyLog))
      .withStartupTimeout(config.startupTimeoutMs)
      .start();
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new InfrastructureError(
      `${config.spec} could not start ${config.image}: ${cause}; check that the image tag exists ` +
        `("docker pull ${config.image}") and that Docker can reach the registry`,
      { cause: error },
    );
  }
}
