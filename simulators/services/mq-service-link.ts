import type { MqChoice } from '../../harness/mq/mq-choice.ts';
import type { MqConsumer, MqEndpoint, MqMessage, MqProperties } from '../../harness/mq/mq-endpoint.ts';
import { downlinkProperties, joinTopic, MQ_PROPERTY, splitTopic } from '../../harness/mq/mq-properties.ts';
import { runMqEndpoint } from '../../harness/mq/run-mq.ts';
import { filterMatches } from '../../harness/checks/topic-filter.ts';
import type { QoS } from '../../harness/connection/qos.ts';
import type { Clock } from '../clock.ts';
import { decodeMessage, encodeMessage, type SimMessage, type SimRecord } from '../message.ts';
import type { P2pRoute } from '../p2p.ts';
import type { ServiceHandler, ServiceLink } from './service-link.ts';

/**
 * How an MQTT topic is addressed on the run's MQ. `memory` (the reference broker's MQ) speaks the
 * aliyun mapping: the MQ topic is the parent, the rest travels in `mqttSecondTopic`, and QoS and the
 * P2P cleanSession in `qoslevel` / `cleansessionflag` (MQM-1, MQM-3, MQM-4, P2P-3). `amqp` (RabbitMQ's
 * MQTT plugin on `amq.topic`) maps topic levels to routing-key words (`a/b/c` ↔ `a.b.c`) and carries
 * no such properties: RabbitMQ has no broker-side P2P, so its devices subscribe to their P2P topics.
 */
interface MqAddressing {
  /** The MQ topic to consume for a filter's parent. */
  consumeTopic(parent: string): string;
  /** The MQTT topic a received message was published on. */
  mqttTopic(message: MqMessage): string;
  /** Where to send a message for `topic`, and with which properties. */
  outgoing(
    topic: string,
    settings: { qos: QoS; cleanSession?: boolean },
  ): { mqTopic: string; properties: MqProperties };
}

const ALIYUN_MAPPING: MqAddressing = {
  consumeTopic: (parent) => parent,
  mqttTopic: (message) => joinTopic(message.topic, message.properties[MQ_PROPERTY.secondTopic]),
  outgoing(topic, { qos, cleanSession }) {
    const { mqTopic, secondTopic } = splitTopic(topic);
    return {
      mqTopic,
      properties: downlinkProperties({
        qos,
        ...(secondTopic ? { secondTopic } : {}),
        ...(cleanSession === undefined ? {} : { cleanSession }),
      }),
    };
  },
};

const ROUTING_KEYS: MqAddressing = {
  consumeTopic: (parent) => parent,
  mqttTopic: (message) => message.topic.replaceAll('.', '/'),
  outgoing: (topic) => ({ mqTopic: topic.replaceAll('/', '.'), properties: {} }),
};

/**
 * A service on the MQ side of the broker, as the product runs it (RTC-1, ESL-2, CSG-2): it consumes
 * the uplink parents' MQ topics (keeping what falls under its filters) and sends downlinks and P2P
 * messages from MQ. Its session flag becomes `cleansessionflag` on P2P messages, which decides offline
 * handling where the broker does P2P itself (QCS-5, P2P-3): RTC keeps them, the others do not.
 */
export class MqServiceLink implements ServiceLink {
  readonly path = 'mq' as const;
  readonly records: SimRecord[] = [];
  readonly errors: string[] = [];
  readonly #addressing: MqAddressing;
  readonly #consumers: MqConsumer[] = [];
  #endpoint: MqEndpoint | undefined;

  constructor(
    /** The name the service goes by (it has no MQTT client ID of its own over MQ). */
    readonly clientId: string,
    private readonly choice: Exclude<MqChoice, { kind: 'none' }>,
    private readonly clean: boolean,
    private readonly p2p: P2pRoute,
    private readonly clock: Clock,
    private readonly qos: QoS = 1,
  ) {
    this.#addressing = choice.kind === 'memory' ? ALIYUN_MAPPING : ROUTING_KEYS;
  }

  get description(): string {
    return `via MQ (${this.choice.kind}) as ${this.clientId}; ${this.p2p.describe()}`;
  }

  async start(filters: readonly string[], handler: ServiceHandler): Promise<void> {
    this.#endpoint = await runMqEndpoint(this.choice);
    const parents = [...new Set(filters.map((filter) => filter.split('/')[0] ?? filter))];
    for (const parent of parents) {
      const consumer = await this.#endpoint.consume(this.#addressing.consumeTopic(parent), (m) => {
        const topic = this.#addressing.mqttTopic(m);
        if (!filters.some((filter) => filterMatches(filter, topic))) return;
        const message = decodeMessage(m.body);
        this.records.push({ at: this.clock.now(), direction: 'received', topic, message });
        if (message) handler.onServiceMessage(topic, message);
      });
      this.#consumers.push(consumer);
    }
  }

  async send(topic: string, message: SimMessage): Promise<void> {
    await this.#send(topic, message);
  }

  async sendP2p(parent: string, clientId: string, message: SimMessage): Promise<void> {
    await this.#send(this.p2p.topic(parent, clientId), message, this.clean);
  }

  async #send(topic: string, message: SimMessage, cleanSession?: boolean): Promise<void> {
    if (!this.#endpoint) throw new Error(`${this.clientId}: send before start (simulator defect)`);
    this.records.push({ at: this.clock.now(), direction: 'sent', topic, message });
    const { mqTopic, properties } = this.#addressing.outgoing(topic, {
      qos: this.qos,
      ...(cleanSession === undefined ? {} : { cleanSession }),
    });
    await this.#endpoint.send(mqTopic, encodeMessage(message), properties);
  }

  /** Stops consuming; the endpoint itself is the run's and closed after the run (harness/mq/run-mq.ts). */
  async close(): Promise<void> {
    await Promise.all(this.#consumers.splice(0).map((consumer) => consumer.cancel()));
  }
}
