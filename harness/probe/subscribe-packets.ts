import mqttPacket from 'mqtt-packet';
import { remainingLength } from '../connection/encode-connect.ts';

/** Which acknowledgement answers a SUBSCRIBE or an UNSUBSCRIBE. */
export type AckKind = 'SUBACK' | 'UNSUBACK';
/** Which answer a malformed packet must not get (a QoS 0 PUBLISH gets none anyway). */
export type Answer = AckKind | 'PUBACK' | 'PUBREC';

/** The packets a client must give a non-zero packet identifier [MQTT-2.3.1-1]. */
export type IdPacket = 'SUBSCRIBE' | 'UNSUBSCRIBE' | 'QoS 1 PUBLISH' | 'QoS 2 PUBLISH';

/**
 * SUBSCRIBE and UNSUBSCRIBE packets written byte by byte, for the checks of what a server must treat
 * as malformed: fixed-header flags other than 0010 [MQTT-3.8.1-1, MQTT-3.10.1-1], no topic filter at
 * all [MQTT-3.8.3-3, MQTT-3.10.3-2], a requested QoS of 3 [MQTT-3.8.3-4]. The well-formed ones carry a
 * packet ID chosen by the check [MQTT-3.8.4-2, MQTT-3.10.4-4].
 */

/** The fixed-header flags MQTT 3.1.1 requires for SUBSCRIBE and UNSUBSCRIBE: 0010. */
export const REQUIRED_FLAGS = 0b0010;

export function subscribePacket(
  packetId: number,
  subscriptions: readonly { filter: string; qos: number }[],
  flags = REQUIRED_FLAGS,
): Buffer {
  const body = Buffer.concat([
    id(packetId),
    ...subscriptions.map((s) => Buffer.concat([utf8(s.filter), Buffer.from([s.qos])])),
  ]);
  return packet(0x80 | flags, body);
}

export function unsubscribePacket(
  packetId: number,
  filters: readonly string[],
  flags = REQUIRED_FLAGS,
): Buffer {
  return packet(0xa0 | flags, Buffer.concat([id(packetId), ...filters.map(utf8)]));
}

/** A topic filter given as raw bytes (ill-formed UTF-8), with its length prefix. */
export function subscribeWithFilterBytes(packetId: number, filter: Buffer, qos = 0): Buffer {
  return packet(0x82, Buffer.concat([id(packetId), prefix(filter.length), filter, Buffer.from([qos])]));
}

/** An UNSUBSCRIBE of one topic filter given as raw bytes (ill-formed UTF-8), with its length prefix. */
export function unsubscribeWithFilterBytes(packetId: number, filter: Buffer): Buffer {
  return packet(0xa2, Buffer.concat([id(packetId), prefix(filter.length), filter]));
}

/** A QoS 0 PUBLISH whose topic name is the raw bytes given (ill-formed UTF-8). */
export function publishWithTopicBytes(topic: Buffer, payload: string): Buffer {
  return packet(0x30, Buffer.concat([prefix(topic.length), topic, Buffer.from(payload, 'utf8')]));
}

/** A PUBREC for `packetId`: the receiver's answer to a QoS 2 PUBLISH. */
export function pubrecPacket(packetId: number): Buffer {
  return packet(0x50, id(packetId));
}

/** A PUBCOMP for `packetId`: the end of a QoS 2 flow the receiver released. */
export function pubcompPacket(packetId: number): Buffer {
  return packet(0x70, id(packetId));
}

/** Whether mqtt-packet can parse `bytes` at all (used by the unit test to show they are what they claim). */
export function parses(bytes: Buffer): boolean {
  const parser = mqttPacket.parser({ protocolVersion: 4 });
  let ok = false;
  parser.on('packet', () => (ok = true));
  parser.on('error', () => (ok = false));
  parser.parse(bytes);
  return ok;
}

function packet(firstByte: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([firstByte]), remainingLength(body.length), body]);
}

function utf8(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([prefix(bytes.length), bytes]);
}

function id(packetId: number): Buffer {
  return prefix(packetId);
}

function prefix(length: number): Buffer {
  const bytes = Buffer.alloc(2);
  bytes.writeUInt16BE(length);
  return bytes;
}

/** A malformed SUBSCRIBE or UNSUBSCRIBE the harness can write (subscribe-packets.ts). */
export type MalformedKind =
  | { readonly kind: 'utf8 filter'; readonly bytes: Buffer; readonly filter: string }
  | { readonly kind: 'utf8 unsubscribe'; readonly bytes: Buffer; readonly filter: string }
  | { readonly kind: 'utf8 topic'; readonly bytes: Buffer; readonly topic: string }
  | { readonly kind: 'flags'; readonly ack: AckKind; readonly flags: number; readonly filter: string }
  | { readonly kind: 'no filter'; readonly ack: AckKind }
  | { readonly kind: 'options'; readonly options: number; readonly filter: string }
  | { readonly kind: 'zero id'; readonly packet: IdPacket; readonly filter: string };

/** The bytes of a malformed packet, how the evidence names it, and the answer it must not get. */
export function malformedPacket(
  m: MalformedKind,
  id: number,
  topic: (relative: string) => string,
): [Buffer, string, Answer] {
  switch (m.kind) {
    case 'flags': {
      const flags = m.flags.toString(2).padStart(4, '0');
      const bytes =
        m.ack === 'SUBACK'
          ? subscribePacket(id, [{ filter: topic(m.filter), qos: 0 }], m.flags)
          : unsubscribePacket(id, [topic(m.filter)], m.flags);
      return [
        bytes,
        `${m.ack === 'SUBACK' ? 'a SUBSCRIBE' : 'an UNSUBSCRIBE'} with the fixed-header flags ${flags}`,
        m.ack,
      ];
    }
    case 'no filter':
      return m.ack === 'SUBACK'
        ? [subscribePacket(id, []), 'a SUBSCRIBE with no topic filter', 'SUBACK']
        : [unsubscribePacket(id, []), 'an UNSUBSCRIBE with no topic filter', 'UNSUBACK'];
    case 'utf8 filter':
      return [
        subscribeWithFilterBytes(id, Buffer.concat([Buffer.from(`${topic(m.filter)}/`), m.bytes])),
        `a SUBSCRIBE to ${JSON.stringify(m.filter)}/ + the bytes ${hex(m.bytes)}`,
        'SUBACK',
      ];
    case 'utf8 unsubscribe':
      return [
        unsubscribeWithFilterBytes(id, Buffer.concat([Buffer.from(`${topic(m.filter)}/`), m.bytes])),
        `an UNSUBSCRIBE of ${JSON.stringify(m.filter)}/ + the bytes ${hex(m.bytes)}`,
        'UNSUBACK',
      ];
    case 'utf8 topic':
      return [
        publishWithTopicBytes(Buffer.concat([Buffer.from(`${topic(m.topic)}/`), m.bytes]), 'm'),
        `a QoS 0 PUBLISH to ${JSON.stringify(m.topic)}/ + the bytes ${hex(m.bytes)}`,
        'PUBACK',
      ];
    case 'zero id':
      return [
        zeroIdPacket(m.packet, topic(m.filter)),
        `a ${m.packet} with packet identifier 0, which breaks [MQTT-2.3.1-1]`,
        ZERO_ID_ANSWER[m.packet],
      ];
    case 'options':
      return [
        subscribePacket(id, [{ filter: topic(m.filter), qos: m.options }]),
        `a SUBSCRIBE whose requested-QoS byte is 0x${m.options.toString(16).padStart(2, '0')}`,
        'SUBACK',
      ];
  }
}

const ZERO_ID_ANSWER: Record<IdPacket, Answer> = {
  SUBSCRIBE: 'SUBACK',
  UNSUBSCRIBE: 'UNSUBACK',
  'QoS 1 PUBLISH': 'PUBACK',
  'QoS 2 PUBLISH': 'PUBREC',
};

/** `name` with packet identifier 0, which [MQTT-2.3.1-1] forbids. */
function zeroIdPacket(name: IdPacket, filter: string): Buffer {
  if (name === 'SUBSCRIBE') return subscribePacket(0, [{ filter, qos: 1 }]);
  if (name === 'UNSUBSCRIBE') return unsubscribePacket(0, [filter]);
  const qos = name === 'QoS 1 PUBLISH' ? 1 : 2;
  return packet(0x30 | (qos << 1), Buffer.concat([utf8(filter), id(0), Buffer.from('id 0', 'utf8')]));
}

function hex(bytes: Buffer): string {
  return [...bytes].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}
