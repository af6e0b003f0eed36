import type { IPublishPacket, Packet } from 'mqtt-packet';
import type { WaitEnd } from '../connection/packet-connection.ts';
import type { Unparseable } from '../connection/raw-client.ts';
import { SUBACK_FAILURE } from '../connection/qos.ts';
import { expectationFailed, preconditionFailed } from '../expectation.ts';
import { isValidFilter } from './topic-filter.ts';

/** The SUBACK return codes MQTT 3.1.1 defines; the others are reserved [MQTT-3.9.3-2]. */
const SUBACK_CODES = new Set([0x00, 0x01, 0x02, SUBACK_FAILURE]);

/** mqtt-packet's error for a SUBACK return code MQTT 3.1.1 does not define [MQTT-3.9.3-2]. */
const RESERVED_SUBACK_CODE = /^Invalid suback (QoS|code)/;

/**
 * The SUBACK answering a SUBSCRIBE of `filters` — its codes, or a SUBACK the harness's parser refused
 * (it refuses reserved codes) — or why there is none to judge (an invalid filter may close).
 */
function subackOf(
  what: string,
  filters: readonly string[],
  answer: Packet | WaitEnd,
  unparseable: readonly Unparseable[],
): number[] | Unparseable | string {
  if (typeof answer !== 'string' && answer.cmd === 'suback')
    return answer.granted.map((g) => (typeof g === 'number' ? g : SUBACK_FAILURE));
  const refused = unparseable.find((u) => RESERVED_SUBACK_CODE.test(u.error));
  if (refused) return refused;
  if (answer === 'unparseable')
    throw preconditionFailed(
      `${what}; the harness dropped the connection on bytes it could not parse (${unparseable.map((u) => `${u.error}; bytes: ${u.bytes}`).join('; ')}), not a SUBACK code it refuses, so there is nothing to judge ([MQTT-2.2.2-1] judges such bytes)`,
    );
  if (answer === 'closed' && !filters.every(isValidFilter))
    return `${what}; the broker closed the connection (a filter is not valid: a protocol violation it may close on)`;
  throw preconditionFailed(
    `${what}; no SUBACK came back (${answer === 'closed' ? 'the broker closed the connection' : 'nothing within the wait'}), so there is nothing to judge ([MQTT-3.8.4-1] judges that)`,
  );
}

/** [MQTT-3.8.4-5]: the SUBACK has exactly one return code per filter of the SUBSCRIBE. */
export function judgeCodePerFilter(
  what: string,
  filters: readonly string[],
  answer: Packet | WaitEnd,
  unparseable: readonly Unparseable[] = [],
): string {
  const codes = subackOf(what, filters, answer, unparseable);
  if (typeof codes === 'string') return codes;
  if (!Array.isArray(codes))
    return `${what}; the SUBACK could not be parsed (${codes.error}; bytes where the parser stopped: ${codes.bytes}): its codes are judged next`;
  if (codes.length === filters.length) return `${what}; SUBACK codes [${hexCodes(codes)}], one per filter`;
  throw expectationFailed(
    `[MQTT-3.8.4-5] ${what} (${filters.length} filters); the SUBACK carried ${codes.length} return codes [${hexCodes(codes)}]; it must carry one per filter`,
  );
}

/** [MQTT-3.9.3-2]: each SUBACK return code is 0x00, 0x01, 0x02 or 0x80. */
export function judgeSubackCodes(
  what: string,
  filters: readonly string[],
  answer: Packet | WaitEnd,
  unparseable: readonly Unparseable[] = [],
): string {
  const codes = subackOf(what, filters, answer, unparseable);
  if (typeof codes === 'string') return codes;
  if (!Array.isArray(codes))
    throw expectationFailed(
      `[MQTT-3.9.3-2] ${what}; the broker answered with a SUBACK the harness's parser refuses (${codes.error}; bytes where the parser stopped: ${codes.bytes}); only the codes 0x00, 0x01, 0x02 and 0x80 may be sent`,
    );
  const reserved = codes.filter((c) => !SUBACK_CODES.has(c));
  if (reserved.length === 0) return `${what}; SUBACK codes [${hexCodes(codes)}], all defined by MQTT 3.1.1`;
  throw expectationFailed(
    `[MQTT-3.9.3-2] ${what}; the SUBACK carried the return code(s) ${hexCodes(reserved)} (all: [${hexCodes(codes)}]); only 0x00, 0x01, 0x02 and 0x80 may be sent`,
  );
}

/**
 * [MQTT-2.3.1-7]: SUBSCRIBEs and UNSUBSCRIBEs written back to back are answered each with its own
 * packet ID: the SUBACK IDs are the SUBSCRIBE IDs, the UNSUBACK IDs the UNSUBSCRIBE IDs (in any order).
 */
export function judgeOwnIds(
  what: string,
  sent: { readonly suback: readonly number[]; readonly unsuback: readonly number[] },
  received: readonly Packet[],
  ended: true | WaitEnd,
): string {
  const ids = (cmd: 'suback' | 'unsuback') =>
    received.filter((p) => p.cmd === cmd).map((p) => ('messageId' in p ? (p.messageId ?? 0) : 0));
  const got = { suback: ids('suback'), unsuback: ids('unsuback') };
  const same = (a: readonly number[], b: readonly number[]) =>
    a.length === b.length && [...a].sort().join() === [...b].sort().join();
  const seen = `SUBACK IDs [${got.suback.join(', ')}], UNSUBACK IDs [${got.unsuback.join(', ')}]`;
  if (same(got.suback, sent.suback) && same(got.unsuback, sent.unsuback)) return `${what}; ${seen}`;
  const wrong = [
    ...got.suback.filter((id) => !sent.suback.includes(id)),
    ...got.unsuback.filter((id) => !sent.unsuback.includes(id)),
  ];
  const twice = (list: readonly number[]) => list.some((id, i) => list.indexOf(id) !== i);
  if (wrong.length === 0 && !twice(got.suback) && !twice(got.unsuback))
    throw preconditionFailed(
      `${what}; only ${seen} came back (${ended === true ? 'all' : ended}): answers are missing, which [MQTT-3.8.4-1] and [MQTT-3.10.4-4] judge`,
    );
  throw expectationFailed(
    `[MQTT-2.3.1-7] ${what}; ${seen}; each acknowledgement must carry the packet ID of the packet it answers`,
  );
}

/**
 * [MQTT-2.3.1-4]: QoS 1 PUBLISH packets in flight to a client that has acknowledged none of them carry
 * packet IDs that differ (an ID is not reused while its flow is unfinished); [MQTT-2.3.1-1]: none is 0.
 * Copies of one message (a re-send) are one message; different messages need different IDs.
 * Fewer than two messages sent is inconclusive (a server may hold messages back until earlier ones are
 * acknowledged).
 */
export function judgeInflightIds(
  what: string,
  publishes: readonly IPublishPacket[],
  expected: number,
): string {
  const ids = publishes.map((p) => p.messageId ?? 0);
  const seen = `packet IDs [${ids.join(', ')}]`;
  if (ids.includes(0))
    throw expectationFailed(
      `[MQTT-2.3.1-1] ${what}; ${seen}; a QoS > 0 PUBLISH must carry a non-zero packet ID`,
    );
  const messages = new Set(publishes.map((p) => Buffer.from(p.payload).toString('hex')));
  if (messages.size < 2)
    throw preconditionFailed(
      `${what}; ${messages.size} of ${expected} messages were sent before any acknowledgement (a server may hold them back), so no two IDs can be compared`,
    );
  // Copies of one message (a re-send) may share its ID; an ID carried by two messages is reused.
  const messagesOf = new Map<number, Set<string>>();
  for (const p of publishes)
    messagesOf.set(
      p.messageId ?? 0,
      (messagesOf.get(p.messageId ?? 0) ?? new Set()).add(Buffer.from(p.payload).toString('hex')),
    );
  const reused = [...messagesOf].filter(([, of]) => of.size > 1).map(([id]) => id);
  if (reused.length === 0)
    return `${what}; ${messages.size} of ${expected} messages sent unacknowledged, each with its own ID (${seen})`;
  throw expectationFailed(
    `[MQTT-2.3.1-4] ${what}; ${publishes.length} unacknowledged QoS 1 PUBLISH packets of ${messages.size} messages carried ${seen}: ID(s) ${reused.join(', ')} on more than one message; an ID must not be used for another message while its flow is unfinished`,
  );
}

/**
 * [MQTT-2.3.1-5]: a QoS 0 PUBLISH has no packet identifier: its bytes after the topic name are the
 * payload and nothing else. A copy whose payload is the one sent with 2 bytes in front carries an ID.
 */
export function judgeQos0Bytes(what: string, sentPayload: Buffer, copies: readonly IPublishPacket[]): string {
  const qos0 = copies.filter((p) => p.qos === 0);
  if (qos0.length === 0)
    throw preconditionFailed(
      `${what}; no QoS 0 copy arrived (${copies.length} copies at other QoS), so there is nothing to judge`,
    );
  const bad = qos0.find((p) => !Buffer.from(p.payload).equals(sentPayload));
  if (!bad)
    return `${what}; ${qos0.length} QoS 0 copy(ies) whose bytes after the topic are exactly the payload`;
  const got = Buffer.from(bad.payload);
  const prefixed = got.length === sentPayload.length + 2 && got.subarray(2).equals(sentPayload);
  throw expectationFailed(
    `[MQTT-2.3.1-5] ${what}; the QoS 0 PUBLISH carried ${prefixed ? `2 bytes (0x${got.subarray(0, 2).toString('hex')}) between the topic name and the payload: a packet identifier` : `the bytes ${got.toString('hex')} after the topic name where the payload ${sentPayload.toString('hex')} belongs`}; a QoS 0 PUBLISH has no packet identifier`,
  );
}

/**
 * The packets a broker sends in the exchange of [MQTT-2.2.2-1]; PUBREL only when it granted the QoS 2
 * subscription at QoS 2 (a lower grant is lawful [MQTT-3.9.3], and then no QoS 2 delivery is owed).
 */
export function exchangeKinds(grantedQos2: boolean): string[] {
  return [
    'SUBACK',
    'PUBACK',
    'PUBREC',
    'PUBCOMP',
    'PUBLISH',
    ...(grantedQos2 ? ['PUBREL'] : []),
    'UNSUBACK',
    'PINGRESP',
  ];
}

/**
 * [MQTT-2.2.2-1]: every packet the broker sent carries the fixed-header flags Table 2.2 gives (the
 * harness's parser refuses any other, and records what it refused). A kind never sent is inconclusive.
 */
export function judgeHeaderFlags(
  what: string,
  actors: readonly {
    name: string;
    unparseable: readonly Unparseable[];
    received: readonly Packet[];
  }[],
  /** The kinds the broker owes in the exchange (exchangeKinds): one never sent is inconclusive. */
  expected: readonly string[] = [],
): string {
  const flagged = actors.flatMap((a) =>
    a.unparseable
      .filter((u) => /header flag/i.test(u.error))
      .map((u) => `to "${a.name}": ${u.bytes} (${u.error})`),
  );
  if (flagged.length > 0)
    throw expectationFailed(
      `[MQTT-2.2.2-1] ${what}; the broker sent a packet whose reserved fixed-header flags differ from Table 2.2: ${flagged.join('; ')}`,
    );
  const kinds = [...new Set(actors.flatMap((a) => a.received.map((p) => p.cmd.toUpperCase())))];
  const missing = expected.filter((kind) => !kinds.includes(kind));
  if (missing.length > 0)
    throw preconditionFailed(
      `${what}; the broker never sent ${missing.join(', ')} (only ${kinds.join(', ') || 'nothing'}, all with the flags of Table 2.2), so their flags cannot be judged`,
    );
  return `${what}; every packet the broker sent (${kinds.join(', ')}) carried the flags of Table 2.2`;
}

function hexCodes(codes: readonly number[]): string {
  return codes.map((c) => `0x${c.toString(16).padStart(2, '0')}`).join(', ');
}
