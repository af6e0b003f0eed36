import type { MqChoice } from '../mq/mq-choice.ts';
import type { MqConsumer, MqMessage } from '../mq/mq-endpoint.ts';
import { runMqEndpoint } from '../mq/run-mq.ts';
import { describePayload, type RawPacketRecord } from '../connection/raw-transcript.ts';

/**
 * An MQ consumer on the MQ topic named like a parent topic (MQM-1: what MQTT clients publish under a
 * parent goes to that MQ topic): the one observer left for a PUBLISH under an *unprovisioned* parent on
 * a broker that, as TOP-2 requires, refuses every MQTT subscription there. A broker that accepted the
 * PUBLISH anyway may hand it to its MQ side; nothing else could see it.
 */
export class MqWatch {
  readonly since = Date.now();

  private constructor(
    readonly mqTopic: string,
    readonly description: string,
    private readonly consumer: MqConsumer,
    /** Every message the consumer got, filled as they arrive. */
    readonly received: readonly MqMessage[],
  ) {}

  /** The watch, or why there can be none (no MQ side, or the MQ refused the consumer). */
  static async start(choice: MqChoice, mqTopic: string): Promise<MqWatch | string> {
    if (choice.kind === 'none') return `the run has no MQ side (${choice.reason})`;
    try {
      const endpoint = await runMqEndpoint(choice);
      const received: MqMessage[] = [];
      const consumer = await endpoint.consume(mqTopic, (message) => received.push(message));
      return new MqWatch(
        mqTopic,
        `the MQ side (${endpoint.kind}) on MQ topic "${mqTopic}"`,
        consumer,
        received,
      );
    } catch (error) {
      return `the MQ side refused a consumer on MQ topic "${mqTopic}" (${error instanceof Error ? error.message : String(error)})`;
    }
  }

  /** Whether the MQ side got a message the sender published to `topic` (its parent is this MQ topic). */
  saw(topic: string): boolean {
    return topic.split('/')[0] === this.mqTopic && this.received.length > 0;
  }

  /** The consumer's start (so a pass shows who watched) and every message it got. */
  transcript(): RawPacketRecord[] {
    const start: RawPacketRecord = {
      at: this.since,
      direction: 'sent',
      packet: 'mq consume',
      detail: { mqTopic: this.mqTopic },
    };
    return [
      start,
      ...this.received.map((m): RawPacketRecord => ({
        at: m.receivedAt,
        direction: 'received',
        packet: 'mq message',
        detail: { mqTopic: m.topic, properties: m.properties, ...describePayload(m.body) },
      })),
    ];
  }

  async stop(): Promise<void> {
    await this.consumer.cancel();
  }
}
