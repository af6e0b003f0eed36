/** What a target can do beyond plain MQTT; later issues add P2P modes, MQ endpoints and auth. */
export interface BrokerCapabilities {
  /** The software behind the target, for reports: "aedes", "mosquitto", "emqx" … */
  readonly software: string;
  /**
   * How P2P messages reach a client (P2P-1): natively, by broker-side auto-subscription, by the
   * harness's own emulation (`client`: each device subscribes to its own P2P topic, `--p2p client`),
   * or not at all.
   */
  readonly p2p: 'native' | 'auto-subscribe' | 'client' | 'none';
  /** The profile the broker implements natively (the reference broker: `aliyun`); runs without one use it. */
  readonly profile?: string;
  /**
   * [MQTT-3.3.5-2]: a topic this target's own configuration does not let the harness's clients publish
   * to (the reference broker in standard mode, process:mosquitto's ACL); a profile config's
   * `deniedPublishTopic` names one for any other target.
   */
  readonly deniedPublishTopic?: string;
}

/**
 * The topic the targets the harness configures itself deny publishing to [MQTT-3.3.5-2]: a namespace of
 * its own (no scenario publishes or subscribes under it), so the denial changes no other check.
 */
export const HARNESS_DENIED_PUBLISH_TOPIC = 'mqtt-harness-denied/publish';

/** A broker that is running and reachable at `url` (testcontainers' StartedX split). */
export interface StartedBrokerTarget extends AsyncDisposable {
  /** The target spec it was started from, e.g. `process:mosquitto`. */
  readonly spec: string;
  readonly url: string;
  readonly capabilities: BrokerCapabilities;
  /**
   * Every node's URL when the target names several (`process:mosquitto*3`, multi-node.ts); `url` is
   * the first of them. Read it with `nodeUrls`.
   */
  readonly nodes?: readonly string[];
  /** Other endpoints of the same broker by kind, e.g. `{ amqp: 'amqp://127.0.0.1:40123' }`. */
  readonly endpoints?: Readonly<Record<string, string>>;
  /** Stops what this target started; safe to call more than once. */
  stop(): Promise<void>;
}

/** A broker the harness can start (or reach). `start()` rejects with InfrastructureError when it cannot. */
export interface BrokerTarget {
  readonly spec: string;
  start(): Promise<StartedBrokerTarget>;
}

/** Builds the StartedBrokerTarget boilerplate around a stop function that may be called more than once. */
export function startedTarget(
  spec: string,
  url: string,
  capabilities: BrokerCapabilities,
  stopOnce: () => Promise<void>,
): StartedBrokerTarget {
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= stopOnce());
  return { spec, url, capabilities, stop, [Symbol.asyncDispose]: stop };
}

/** The `endpoints` key of a target's MQTT-over-WebSocket listener (MQTT 3.1.1 chapter 6). */
export const WEBSOCKET_ENDPOINT = 'websocket';

/**
 * Where the target serves MQTT over WebSocket: a `ws://` or `wss://` target's own URL, else its
 * `websocket` endpoint (the reference broker; Mosquitto, NATS and RabbitMQ as processes), else none.
 */
export function webSocketEndpoint(target: {
  readonly url: string;
  readonly endpoints?: Readonly<Record<string, string>>;
}): string | undefined {
  if (/^wss?:\/\//i.test(target.url)) return target.url;
  return target.endpoints?.[WEBSOCKET_ENDPOINT];
}
