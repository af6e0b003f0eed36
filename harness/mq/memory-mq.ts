import type { MqConsumer, MqEndpoint, MqHandler, MqMessage, MqProperties } from './mq-endpoint.ts';

/** How an MQ sender's message reaches MQTT: installed by the broker that owns the MQ. Throws MqRefusal to refuse. */
export type MqToMqtt = (mqTopic: string, body: Buffer, properties: MqProperties) => void | Promise<void>;

/**
 * An in-process MQ (the reference broker's own, `--mq memory`): single-level topics that hold the
 * recent messages put on them, and consumers that get each later message in order. The owning broker
 * puts MQTT → MQ messages on with `put()` and installs the MQ → MQTT direction with `bridgeTo()`.
 */
export class MemoryMq {
  readonly #consumers = new Map<string, Set<MqHandler>>();
  readonly #held = new Map<string, MqMessage[]>();
  #toMqtt: MqToMqtt | undefined;

  constructor(
    readonly name = 'memory',
    /** Messages kept per topic for inspection; the oldest go first. */
    private readonly holdPerTopic = 1_000,
  ) {}

  bridgeTo(toMqtt: MqToMqtt): void {
    this.#toMqtt = toMqtt;
  }

  /** The broker side: an MQTT → MQ message arrives on `mqTopic`. Consumers see it synchronously, in order. */
  put(mqTopic: string, body: Buffer, properties: MqProperties): void {
    const message: MqMessage = {
      topic: mqTopic,
      body: Buffer.from(body),
      properties: { ...properties },
      receivedAt: Date.now(),
      native: { mq: this.name, topic: mqTopic },
    };
    const held = this.#held.get(mqTopic) ?? [];
    held.push(message);
    if (held.length > this.holdPerTopic) held.shift();
    this.#held.set(mqTopic, held);
    for (const handler of this.#consumers.get(mqTopic) ?? []) {
      try {
        handler(message);
      } catch {
        // A consumer's bug must not stop the broker that feeds the MQ.
      }
    }
  }

  /** What `mqTopic` holds now (the most recent `holdPerTopic` messages). */
  held(mqTopic: string): readonly MqMessage[] {
    return this.#held.get(mqTopic) ?? [];
  }

  /** A client's view of this MQ: what services and scenarios use. */
  endpoint(): MqEndpoint {
    const consumers = this.#consumers;
    const mine = new Set<{ topic: string; handler: MqHandler }>();
    const remove = (entry: { topic: string; handler: MqHandler }) => {
      consumers.get(entry.topic)?.delete(entry.handler);
      mine.delete(entry);
    };
    return {
      kind: 'memory',
      description: `the reference broker's in-process MQ "${this.name}"`,
      send: async (mqTopic, body, properties = {}) => {
        if (!this.#toMqtt) throw new Error(`the MQ "${this.name}" has no MQTT side to deliver to`);
        await this.#toMqtt(mqTopic, Buffer.from(body), { ...properties });
      },
      consume: async (mqTopic, handler): Promise<MqConsumer> => {
        const entry = { topic: mqTopic, handler };
        if (!consumers.has(mqTopic)) consumers.set(mqTopic, new Set());
        consumers.get(mqTopic)?.add(handler);
        mine.add(entry);
        return { cancel: async () => remove(entry) };
      },
      close: async () => {
        for (const entry of [...mine]) remove(entry);
      },
    };
  }
}
