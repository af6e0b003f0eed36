import { remainingLength } from '../connection/encode-connect.ts';

/**
 * A PUBLISH whose QoS bits are both set (QoS 3), which mqtt-packet will not write: byte 1 is 0x36
 * (PUBLISH, QoS bits 11, DUP 0, RETAIN 0), then the topic, a packet ID and the payload as a QoS 1 or 2
 * PUBLISH would carry them. A receiver closes the connection [MQTT-3.3.1-4].
 */
export function qos3Publish(topic: string, payload: string, packetId = 1): Buffer {
  const name = Buffer.from(topic, 'utf8');
  const head = Buffer.alloc(2);
  head.writeUInt16BE(name.length);
  const id = Buffer.alloc(2);
  id.writeUInt16BE(packetId);
  const body = Buffer.concat([head, name, id, Buffer.from(payload, 'utf8')]);
  return Buffer.concat([Buffer.from([0x36]), remainingLength(body.length), body]);
}
