import amqp, { type ChannelModel, type ConfirmChannel, type ConsumeMessage } from 'amqplib';
import { InfrastructureError } from '../errors.ts';
import type { MqConsumer, MqEndpoint, MqHandler, MqProperties } from './mq-endpoint.ts';
import { redactUrl } from '../net/redact-url.ts';

/** RabbitMQ's MQTT plugin publishes MQTT messages here (harness/brokers/README.md: `mqtt.exchange = amq.topic`). */
export const MQTT_EXCHANGE = 'amq.topic';

/**
 * An MQ endpoint on AMQP 0-9-1 (RabbitMQ via amqplib, `--mq amqp`). It speaks AMQP as an MQ client
 * would and translates nothing: sending publishes to the MQTT exchange with the MQ topic as routing
 * key and the properties as headers; consuming binds a private queue to `<topic>` and `<topic>.#` and
 * hands over each delivery with its routing key as the topic and its headers as properties. So what
 * the checks see is RabbitMQ's own mapping (routing keys, `x-mqtt-publish-qos` …), measured, not fixed.
 */
export async function connectAmqpMq(url: string, exchange = MQTT_EXCHANGE): Promise<MqEndpoint> {
  const where = redactUrl(url);
  let model: ChannelModel;
  let channel: ConfirmChannel;
  try {
    model = await amqp.connect(url);
    channel = await model.createConfirmChannel();
  } catch (error) {
    throw new InfrastructureError(
      `cannot open AMQP ${where}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let failure: string | undefined;
  model.on('error', (error: Error) => (failure = error.message));
  channel.on('error', (error: Error) => (failure = error.message));
  const alive = () => {
    if (failure) throw new InfrastructureError(`the AMQP connection to ${where} failed: ${failure}`);
  };
  const consumers = new Set<string>();
  let closed = false;

  return {
    kind: 'amqp',
    description: `AMQP ${where}, exchange ${exchange}`,
    async send(mqTopic: string, body: Uint8Array, properties: MqProperties = {}) {
      alive();
      channel.publish(exchange, mqTopic, Buffer.from(body), { headers: { ...properties } });
      await channel.waitForConfirms();
    },
    async consume(mqTopic: string, handler: MqHandler): Promise<MqConsumer> {
      alive();
      const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
      for (const pattern of [mqTopic, `${mqTopic}.#`]) await channel.bindQueue(queue, exchange, pattern);
      const { consumerTag } = await channel.consume(
        queue,
        (delivery) => delivery && handler(toMessage(delivery)),
        { noAck: true },
      );
      consumers.add(consumerTag);
      return {
        cancel: async () => {
          if (!consumers.delete(consumerTag) || closed) return;
          await channel.cancel(consumerTag).catch(() => undefined);
        },
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      await model.close().catch(() => undefined);
    },
  };
}

function toMessage(delivery: ConsumeMessage) {
  const headers = (delivery.properties.headers ?? {}) as Record<string, unknown>;
  const properties = Object.fromEntries(
    Object.entries(headers).map(([key, value]) => [key, headerText(value)]),
  );
  const { exchange, routingKey, redelivered } = delivery.fields;
  const { contentType, contentEncoding, deliveryMode, messageId, timestamp } = delivery.properties;
  const amqpProperties = Object.fromEntries(
    Object.entries({ contentType, contentEncoding, deliveryMode, messageId, timestamp }).filter(
      ([, v]) => v !== undefined,
    ),
  );
  return {
    topic: routingKey,
    body: Buffer.from(delivery.content),
    properties,
    receivedAt: Date.now(),
    native: {
      protocol: 'AMQP 0-9-1',
      exchange,
      routingKey,
      redelivered,
      headers,
      properties: amqpProperties,
      bodyBytes: delivery.content.length,
    },
  };
}

/** AMQP header values are typed (byte, long string, table …); MQ properties are strings. */
function headerText(value: unknown): string {
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}
