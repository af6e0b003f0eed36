import mqttPacket from 'mqtt-packet';
import { remainingLength } from '../connection/encode-connect.ts';

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

/** A QoS 0 PUBLISH whose topic name is the raw bytes given (ill-formed UTF-8). */
export function publishWithTopicBytes(topic: Buffer, payload: string): Buffer {
  return packet(0x30, Buffer.concat([prefix(topic.length), topic, Buffer.from(payload, 'utf8')]));
}

/** A PUBREC for `packetId`: the receiver's answer to a QoS 2 PUBLISH. */
export function pubrecPacket(packetId: number): Buffer {
  return packet(0x50, id(packetId));
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
