import type { BrokerCapabilities } from '../targets/broker-target.ts';

/**
 * Everything the harness knows about one broker, in one place (after testcontainers-node's modules):
 * how to run it as our own process, which container images run it, its docker-compose.yml service,
 * what it can do (capabilities) and where it knowingly deviates from the rules. The targets under
 * harness/targets are generic; they read these modules from harness/brokers/registry.ts.
 */
export interface BrokerModule {
  /** `mosquitto`, `nats`, … — the name after `process:` and the default compose service name. */
  readonly name: string;
  /** Software name and P2P mode wherever the harness runs it (process, container, compose). */
  readonly capabilities: BrokerCapabilities;
  /** `process:<name>`: the local binary with a config the harness generates. */
  readonly process?: ProcessRecipe;
  /** `container:<preset>[:tag]` presets, by preset name (`mosquitto`, `local/mosquitto`, …). */
  readonly containers?: Readonly<Record<string, ContainerPreset>>;
  /** Its service in docker-compose.yml, for `compose:<service>`. */
  readonly composeService?: string;
  /** A known-deviations file (harness/report/known-deviations.ts) for `run --known-deviations`. */
  readonly knownDeviations?: string;
}

/** How to run one broker binary as our own process: its config, its ports, its way of stopping. */
export interface ProcessRecipe {
  /** Executable names or absolute paths, first found wins. */
  readonly executables: readonly string[];
  /** The Debian package that provides it, for the "install it" hint. */
  readonly debianPackage: string;
  readonly readyTimeoutMs: number;
  /** Writes config into `dir` and returns how to start the broker and where MQTT listens. */
  prepare(dir: string, executable: string): Promise<PreparedBroker>;
}

export interface PreparedBroker {
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly mqttPort: number;
  /** A graceful stop before the PID is killed (e.g. `rabbitmqctl stop`). */
  readonly gracefulStop?: () => Promise<void>;
  /** Extra processes to kill by PID after the broker (e.g. RabbitMQ's own epmd). */
  readonly afterStop?: () => Promise<void>;
  /** Other endpoints the broker serves, passed on as `StartedBrokerTarget.endpoints` (e.g. `amqp`). */
  readonly extra?: Readonly<Record<string, string>>;
  /** What this run's own config adds to the module's capabilities (e.g. a `deniedPublishTopic` from its ACL). */
  readonly capabilities?: Partial<BrokerCapabilities>;
  /**
   * Other TCP ports, by endpoint name, that must accept connections before the broker is ready: the
   * MQTT port alone is not enough where a plugin opens its listener later (RabbitMQ's web_mqtt).
   */
  readonly readyPorts?: Readonly<Record<string, number>>;
}

/** How to run one broker image (testcontainers' GenericContainer with the harness's defaults). */
export interface ContainerPreset {
  /** The repository, e.g. `emqx/emqx` or `mqtt-harness/mosquitto`. */
  readonly image: string;
  /** Pinned, so that a report names the version it judged; `container:NAME:TAG` overrides it. */
  readonly tag: string;
  readonly mqttPort: number;
  /**
   * The broker's wait strategy: its own "started" log line when it prints one reliably; without it
   * the harness polls a real MQTT CONNECT on the mapped port. Both end with a real CONNECT.
   */
  readonly readyLog?: RegExp;
  /** Covers the wait for readiness only; pulling the image is not counted. */
  readonly startupTimeoutMs: number;
  readonly environment?: Readonly<Record<string, string>>;
  /** Files under the repository's docker/ directory → path in the container. */
  readonly files?: Readonly<Record<string, string>>;
  readonly tmpFs?: Readonly<Record<string, string>>;
  /**
   * Where the image comes from when it is missing: a registry (`pull`, the default) or a local
   * build (`build`: the command that builds it, e.g. `npx mqtt-harness images build mosquitto`).
   */
  readonly build?: string;
}
