import type { Clock } from './clock.ts';

/**
 * The body every simulated device and service sends: a message ID for de-duplication and a sent-at
 * timestamp for timeliness checks (RTC-6, ESL-3), so neither relies on broker flags or arrival time.
 */
export interface SimMessage {
  readonly id: string;
  readonly type: string;
  /** Milliseconds since the epoch on the sender's (injectable) clock. */
  readonly sentAt: number;
  readonly data: Readonly<Record<string, unknown>>;
}

/** What a device made of a received message. */
export type Verdict = 'accepted' | 'duplicate' | 'stale' | 'malformed';

/** One message an actor sent or received, as the actor saw it; steps and invariants assert on these. */
export interface SimRecord {
  readonly at: number;
  readonly direction: 'sent' | 'received';
  readonly topic: string;
  /** Undefined when a received payload was not a message at all. */
  readonly message: SimMessage | undefined;
  /** Received messages only. */
  readonly verdict?: Verdict;
  /** The DUP flag as the broker sent it; informative only, de-duplication uses the message ID. */
  readonly dup?: boolean;
}

/** Numbers the messages of one sender; IDs are unique because client IDs are. */
export class Outbox {
  #sequence = 0;

  constructor(
    private readonly senderId: string,
    private readonly clock: Clock,
  ) {}

  next(type: string, data: Readonly<Record<string, unknown>> = {}): SimMessage {
    return { id: `${this.senderId}#${++this.#sequence}`, type, sentAt: this.clock.now(), data };
  }
}

export function encodeMessage(message: SimMessage): Buffer {
  return Buffer.from(JSON.stringify(message));
}

export function decodeMessage(payload: Buffer): SimMessage | undefined {
  try {
    const value: unknown = JSON.parse(payload.toString('utf8'));
    if (typeof value !== 'object' || value === null) return undefined;
    const { id, type, sentAt, data } = value as Record<string, unknown>;
    if (typeof id !== 'string' || typeof type !== 'string' || typeof sentAt !== 'number') return undefined;
    if (typeof data !== 'object' || data === null) return undefined;
    return { id, type, sentAt, data: data as Record<string, unknown> };
  } catch {
    return undefined;
  }
}

/** A string field of a message body; a missing one is a simulator defect, not a broker failure. */
export function field(message: SimMessage, key: string): string {
  const value = message.data[key];
  if (typeof value !== 'string')
    throw new Error(`message ${message.id} (${message.type}) has no "${key}" field`);
  return value;
}

/** A JSON-friendly view for report attachments. */
export function describeSimRecord(actor: string, record: SimRecord): Record<string, unknown> {
  return {
    at: new Date(record.at).toISOString(),
    actor,
    direction: record.direction,
    topic: record.topic,
    ...(record.verdict ? { verdict: record.verdict } : {}),
    ...(record.dup ? { dup: true } : {}),
    ...(record.message
      ? { type: record.message.type, id: record.message.id, data: record.message.data }
      : {}),
  };
}
