import type { Packet } from 'mqtt-packet';

/**
 * One packet a raw probe sent or received, as it was on the wire, for the scenario's report
 * (DESIGN: the World attaches the scenario's message transcript). Never carries a password: a
 * CONNECT only says whether a login was sent.
 */
export interface RawPacketRecord {
  /** Milliseconds since the epoch. */
  readonly at: number;
  readonly direction: 'sent' | 'received';
  /** The packet type (`connect`, `publish`, `suback` …), or `connection closed`, or `bytes` for hand-written packets. */
  readonly packet: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

/** What the report shows of a packet: its type and the fields a check looks at. */
export function recordPacket(direction: RawPacketRecord['direction'], packet: Packet): RawPacketRecord {
  return { at: Date.now(), direction, packet: packet.cmd, detail: packetDetail(packet) };
}

function packetDetail(packet: Packet): Record<string, unknown> {
  switch (packet.cmd) {
    case 'connack':
      return { returnCode: packet.returnCode ?? 0, sessionPresent: packet.sessionPresent };
    case 'publish':
      return {
        topic: packet.topic,
        qos: packet.qos,
        dup: packet.dup,
        retain: packet.retain,
        ...(packet.messageId === undefined ? {} : { messageId: packet.messageId }),
        ...describePayload(Buffer.from(packet.payload)),
      };
    case 'subscribe':
      return {
        messageId: packet.messageId,
        filters: packet.subscriptions.map((s) => ({ topic: s.topic, qos: s.qos })),
      };
    case 'suback':
      return {
        messageId: packet.messageId,
        granted: packet.granted.map((g) => (typeof g === 'number' ? g : 0x80)),
      };
    case 'puback':
    case 'pubrec':
    case 'pubrel':
    case 'pubcomp':
    case 'unsuback':
      return { messageId: packet.messageId };
    default:
      return {};
  }
}

/** Short printable payloads as text; anything else by size only (a 64 KB payload is not a report). */
export function describePayload(payload: Buffer): Record<string, unknown> {
  const text = payload.toString('utf8');
  const printable =
    payload.length <= 64 && Buffer.from(text, 'utf8').equals(payload) && !/\p{Cc}/u.test(text);
  return printable ? { payload: text } : { payloadBytes: payload.length };
}
