import { remainingLength } from '../connection/encode-connect.ts';

/**
 * Packets no client library will write, encoded byte by byte so the raw probe can send them: a string
 * whose 16-bit length prefix runs past the end of its packet (the "remaining length" of the fixed
 * header [MQTT-2.2.3]). A broker must treat the packet as malformed and close the connection
 * [MQTT-4.8.0-1]; for a CONNECT without sending a CONNACK [MQTT-3.1.4-1].
 */

/** How far past the end of the packet the bad length prefix claims the string goes. */
const OVERRUN = 100;

/** A CONNECT (MQTT 3.1.1, clean session, no credentials) whose client ID length prefix exceeds the packet. */
export function connectWithOverlongClientId(clientId: string): Buffer {
  const id = Buffer.from(clientId, 'utf8');
  const body = Buffer.concat([
    lengthPrefixed(Buffer.from('MQTT')),
    Buffer.from([4, 0x02, 0, 30]), // protocol level 4, cleanSession, keepalive 30 s
    prefix(id.length + OVERRUN),
    id,
  ]);
  return packet(0x10, body);
}

/** A QoS 1 PUBLISH whose topic length prefix exceeds the packet; the topic and payload follow as usual. */
export function publishWithOverlongTopic(topic: string, packetId: number, payload: string): Buffer {
  const name = Buffer.from(topic, 'utf8');
  const id = Buffer.alloc(2);
  id.writeUInt16BE(packetId);
  const body = Buffer.concat([prefix(name.length + OVERRUN), name, id, Buffer.from(payload, 'utf8')]);
  return packet(0x32, body); // PUBLISH, QoS 1
}

function packet(firstByte: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([firstByte]), remainingLength(body.length), body]);
}

function lengthPrefixed(bytes: Buffer): Buffer {
  return Buffer.concat([prefix(bytes.length), bytes]);
}

function prefix(length: number): Buffer {
  const bytes = Buffer.alloc(2);
  bytes.writeUInt16BE(length);
  return bytes;
}
