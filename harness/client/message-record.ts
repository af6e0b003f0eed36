import type { QoS } from '../connection/qos.ts';

/** One PUBLISH as it crossed the wire, seen from one client. Steps and invariants assert on these. */
export interface MessageRecord {
  /** Milliseconds since the epoch when the client sent or received it. */
  readonly at: number;
  readonly direction: 'sent' | 'received';
  /** The client that sent or received it (its actor name in the scenario). */
  readonly actor: string;
  readonly topic: string;
  readonly payload: Buffer;
  readonly qos: QoS;
  readonly retain: boolean;
  /** The DUP flag exactly as it was on the wire; no de-duplication happens in the harness. */
  readonly dup: boolean;
  readonly packetId?: number;
}

/** A JSON-friendly view for report attachments (payload as text when printable, else base64). */
export function describeRecord(record: MessageRecord): Record<string, unknown> {
  const text = record.payload.toString('utf8');
  const printable =
    Buffer.from(text, 'utf8').equals(record.payload) && !/\p{Cc}/u.test(text.replace(/[\t\n\r]/g, ''));
  return {
    at: new Date(record.at).toISOString(),
    direction: record.direction,
    actor: record.actor,
    topic: record.topic,
    qos: record.qos,
    retain: record.retain,
    dup: record.dup,
    ...(record.packetId === undefined ? {} : { packetId: record.packetId }),
    ...(printable ? { payload: text } : { payloadBase64: record.payload.toString('base64') }),
  };
}
