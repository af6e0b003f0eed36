import { createHash } from 'node:crypto';

/**
 * The MQ side of a broker: single-level MQ topics that carry what MQTT clients publish under a parent
 * topic, and that MQ senders use to reach MQTT clients (MQM-1). One small interface for every MQ the
 * harness speaks to — the reference broker's in-process MQ (`memory`) and RabbitMQ over AMQP (`amqp`) —
 * so simulated back-end services and the conformance scenarios never care which one a run has.
 *
 * Properties are plain strings, as MQ message properties are: the harness's codec (mq-properties.ts)
 * reads and writes the aliyun keys (`qoslevel`, `mqttSecondTopic` …), and an endpoint hands over
 * whatever the MQ carried, unchanged, so a check sees what the broker did (DESIGN: never mask it).
 */
export type MqProperties = Readonly<Record<string, string>>;

/** One message as an MQ consumer received it. */
export interface MqMessage {
  /** The MQ topic it arrived on: for `amqp`, the routing key on the exchange. */
  readonly topic: string;
  /** The body exactly as the MQ delivered it. */
  readonly body: Buffer;
  readonly properties: MqProperties;
  /** Milliseconds since the epoch when the consumer got it. */
  readonly receivedAt: number;
  /** The message in the MQ's own terms (AMQP exchange, routing key, headers …), for reports. */
  readonly native: Readonly<Record<string, unknown>>;
}

export type MqHandler = (message: MqMessage) => void;

/** A running consumer; `cancel()` stops it and is safe to call more than once. */
export interface MqConsumer {
  cancel(): Promise<void>;
}

export interface MqEndpoint {
  /** `memory` or `amqp`. */
  readonly kind: string;
  /** One line for reports: what the endpoint is and where (never a password). */
  readonly description: string;
  /**
   * Sends to an MQ topic. Rejects with MqRefusal when the MQ side refuses the message (an unknown
   * topic, a property it does not allow), and with another error when the MQ is unreachable.
   */
  send(mqTopic: string, body: Uint8Array, properties?: MqProperties): Promise<void>;
  /** Delivers every later message on `mqTopic` to `handler`; resolves once the consumer is in place. */
  consume(mqTopic: string, handler: MqHandler): Promise<MqConsumer>;
  close(): Promise<void>;
}

/** The MQ side refused a message (a rule said no), as opposed to being unreachable. */
export class MqRefusal extends Error {
  override readonly name = 'MqRefusal';
  constructor(
    /** The rule that refused it, e.g. `MQM-4`. */
    readonly rule: string,
    message: string,
  ) {
    super(`${rule}: ${message}`);
  }
}

/** A JSON-friendly view of a received MQ message for report attachments and failure messages. */
export function describeMqMessage(message: MqMessage): Record<string, unknown> {
  const text = message.body.toString('utf8');
  const printable = Buffer.from(text, 'utf8').equals(message.body) && !/\p{Cc}/u.test(text);
  const body =
    message.body.length > 256
      ? { bodyBytes: message.body.length, bodySha256Prefix: sha256Prefix(message.body) }
      : printable
        ? { body: text }
        : { bodyBase64: message.body.toString('base64') };
  return { topic: message.topic, properties: message.properties, ...body, native: message.native };
}

function sha256Prefix(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}
