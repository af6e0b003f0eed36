import type { Aedes, AedesPublishPacket, PublishPacket } from 'aedes';
import type { QoS } from '../connection/qos.ts';
import { MemoryMq } from '../mq/memory-mq.ts';
import { MqRefusal, type MqProperties } from '../mq/mq-endpoint.ts';
import type { NativeP2p } from './native-p2p.ts';
import type { ReferenceBrokerOptions } from './reference-options.ts';

/**
 * The reference broker's MQ side (MQM-1..8, P2P-3), written with its own code rather than the
 * harness's codec (harness/mq/mq-properties.ts is the oracle). Documented in README.md:
 *
 * MQTT → MQ: every message a client publishes under a provisioned parent (P2P messages excepted: they
 * go to one client) is put, in arrival order (MQM-8), on the MQ topic named like the parent (MQM-1)
 * with the payload's bytes (MQM-2) and the properties `qoslevel`, `cleansessionflag` (the publisher's
 * CONNECT flag), `mqttSecondTopic` (the rest of the topic after the parent, leading `/` kept: `""` for
 * the parent itself) and `clientId` (MQM-3, 4, 5, 7). Never `mqttRealTopic` (MQM-6).
 *
 * MQ → MQTT: the MQ topic must be a provisioned parent (TOP-2); `clientId` cannot be set (MQM-7);
 * `qoslevel` defaults to 1 (MQM-3); `mqttSecondTopic` names the subtopic (with or without its leading
 * `/`; absent: the parent itself) (MQM-5). A subtopic that is a P2P topic makes a P2P message: sent to
 * that client alone, on `parent + mqttRealTopic` when set (MQM-6), kept for an offline target when
 * `cleansessionflag` (default true) is false (P2P-3, QCS-5). Elsewhere `cleansessionflag` is refused
 * (MQM-4) and `mqttRealTopic` ignored: a subscriber must see a topic its filter matches.
 */
export class ReferenceMq {
  readonly mq = new MemoryMq('reference');

  constructor(
    private readonly broker: Aedes,
    private readonly options: ReferenceBrokerOptions,
    private readonly p2p: NativeP2p,
    /** Whether the broker delivers this message at all (TOP-2, PUB-1): what it discards, MQ never sees. */
    private readonly delivers: (packet: AedesPublishPacket) => boolean,
  ) {
    broker.on('publish', (packet, client) => {
      if (!client || !this.delivers(packet)) return;
      const target = p2p.targetOf(packet.topic);
      const payload = this.#bytes(packet.payload);
      if (target !== undefined)
        return p2p.send(target, { topic: packet.topic, payload, qos: packet.qos }, client.clean);
      this.#toMq(packet.topic, payload, packet.qos, client.clean, client.id);
    });
    this.mq.bridgeTo((mqTopic, body, properties) => this.#toMqtt(mqTopic, body, properties));
  }

  #toMq(topic: string, payload: Buffer, qos: QoS, clean: boolean, clientId: string): void {
    const slash = topic.indexOf('/');
    const parent = slash < 0 ? topic : topic.slice(0, slash);
    const second = topic.slice(parent.length);
    this.mq.put(parent, payload, {
      qoslevel: `${qos}`,
      cleansessionflag: clean ? 'true' : 'false',
      ...(this.#has('lose-second-topic') ? {} : { mqttSecondTopic: second }),
      clientId,
    });
  }

  async #toMqtt(mqTopic: string, body: Buffer, properties: MqProperties): Promise<void> {
    if (!this.options.parentTopics.includes(mqTopic))
      throw new MqRefusal('TOP-2', `MQ topic "${mqTopic}" is not a provisioned parent topic`);
    if (properties.clientId !== undefined)
      throw new MqRefusal('MQM-7', 'clientId is set by the broker, never by an MQ sender');
    const qos = this.#qos(properties.qoslevel);
    const clean = properties.cleansessionflag;
    if (clean !== undefined && clean !== 'true' && clean !== 'false')
      throw new MqRefusal('MQM-4', `cleansessionflag "${clean}" is not true or false`);
    const second = this.#has('lose-second-topic') ? undefined : properties.mqttSecondTopic;
    const topic = this.#subtopic(mqTopic, second);
    const payload = this.#bytes(body);
    const target = this.p2p.targetOf(topic);
    if (target !== undefined) {
      const seen = properties.mqttRealTopic ? this.#subtopic(mqTopic, properties.mqttRealTopic) : topic;
      return this.p2p.send(target, { topic: seen, payload, qos }, clean !== 'false');
    }
    // Standard mode has no native P2P (targetOf is undefined): the message goes to the topic's subscribers,
    // and the sender's cleansessionflag means nothing there, as for an MQTT sender.
    if (clean !== undefined && this.options.mode !== 'standard')
      throw new MqRefusal('MQM-4', 'cleansessionflag may only be set on P2P messages');
    const packet: PublishPacket = { cmd: 'publish', topic, payload, qos, retain: false, dup: false };
    await new Promise<void>((resolve, reject) =>
      this.broker.publish(packet, (error) => (error ? reject(error) : resolve())),
    );
  }

  #qos(text: string | undefined): QoS {
    if (text === undefined) return this.#has('default-qos-0') ? 0 : 1;
    if (text === '0' || text === '1' || text === '2') return Number(text) as QoS;
    throw new MqRefusal('MQM-3', `qoslevel "${text}" is not 0, 1 or 2`);
  }

  #subtopic(parent: string, sub: string | undefined): string {
    if (!sub) return parent;
    return sub.startsWith('/') ? parent + sub : `${parent}/${sub}`;
  }

  /** MQM-2: the bytes as they are — unless the fault re-encodes them as UTF-8 text. */
  #bytes(payload: string | Buffer): Buffer {
    const bytes = Buffer.from(payload);
    return this.#has('utf8-payload') ? Buffer.from(bytes.toString('utf8'), 'utf8') : bytes;
  }

  #has(fault: string): boolean {
    return this.options.faults?.some((f) => f === fault) ?? false;
  }
}
