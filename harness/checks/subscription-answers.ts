import type { IPublishPacket, Packet } from 'mqtt-packet';
import { expectationFailed } from '../expectation.ts';
import type { WaitEnd } from '../connection/packet-connection.ts';
import type { AckKind, Answer } from '../probe/subscribe-packets.ts';

/**
 * [MQTT-3.8.1-1], [MQTT-3.10.1-1], [MQTT-3.8.3-3], [MQTT-3.8.3-4], [MQTT-3.10.3-2]: the server treats
 * the packet as malformed (or a protocol violation [MQTT-4.8.0-1]) and closes the connection. Answering
 * it and keeping the connection open is handling it as valid, and so is keeping the connection open past
 * the bound; an answer sent before the close is recorded, not judged (the statements require the close,
 * they do not forbid a packet before it). Returns the evidence line of a pass.
 */
export function judgeClosedUnanswered(c: {
  readonly rule: string;
  readonly actor: string;
  readonly sent: string;
  readonly ack: Answer;
  readonly answer: Packet | undefined;
  readonly closedAfterMs: number | undefined;
  readonly withinMs: number;
}): string {
  const what = `"${c.actor}" sent ${c.sent}`;
  if (c.closedAfterMs === undefined)
    throw expectationFailed(
      `[${c.rule}] ${what}; ` +
        (c.answer
          ? `the broker answered it with ${describeAck(c.answer)} and kept the connection open; `
          : `the connection was still open ${c.withinMs} ms later${c.ack === 'PUBACK' ? '' : `, with no ${c.ack}`}; `) +
        'the broker must treat the packet as malformed and close the connection',
    );
  if (c.answer)
    return `${what}; the broker answered with ${describeAck(c.answer)}, then closed the connection ${c.closedAfterMs} ms later (the answer is recorded, not judged)`;
  return `${what}; the broker closed the connection ${c.closedAfterMs} ms later${c.ack === 'PUBACK' ? '' : ` without a ${c.ack}`}`;
}

/**
 * [MQTT-3.8.4-2] a SUBACK, [MQTT-3.10.4-4] an UNSUBACK carries the packet ID of the packet it answers.
 * No answer at all breaks [MQTT-3.8.4-1] (SUBSCRIBE), [MQTT-3.10.4-4] (UNSUBSCRIBE that deleted a
 * subscription) or [MQTT-3.10.4-5] (UNSUBSCRIBE that deleted none). Returns the evidence line.
 */
export function judgeAckId(c: {
  readonly actor: string;
  readonly ack: AckKind;
  readonly sent: string;
  readonly packetId: number;
  readonly answer: Packet | Exclude<WaitEnd, 'unparseable'>;
  /** UNSUBSCRIBE only: whether one of its filters equals a subscription the client holds. */
  readonly deletes?: boolean;
}): string {
  const what = `"${c.actor}" sent ${c.sent} with packet ID ${c.packetId}`;
  if (typeof c.answer === 'string') {
    const rule =
      c.ack === 'SUBACK' ? 'MQTT-3.8.4-1' : c.deletes === false ? 'MQTT-3.10.4-5' : 'MQTT-3.10.4-4';
    const unmatched = c.deletes === false ? ' (even one that deletes no subscription)' : '';
    throw expectationFailed(
      `[${rule}] ${what}; no ${c.ack} came back (${c.answer === 'closed' ? 'the broker closed the connection' : 'nothing within the wait'}); ` +
        `the broker must answer every ${c.ack === 'SUBACK' ? 'SUBSCRIBE' : 'UNSUBSCRIBE'}${unmatched} with a ${c.ack}`,
    );
  }
  const got = 'messageId' in c.answer ? c.answer.messageId : undefined;
  if (got !== c.packetId)
    throw expectationFailed(
      `[${c.ack === 'SUBACK' ? 'MQTT-3.8.4-2' : 'MQTT-3.10.4-4'}] ${what}; the ${c.ack} carried packet ID ${got ?? 'none'}; ` +
        `it must carry the packet ID of the packet it answers (${c.packetId})`,
    );
  return `${what}; ${describeAck(c.answer)} came back`;
}

/**
 * A filter the server must not grant ([MQTT-4.7.3-1] an empty one): SUBACK 0x80 or closing the
 * connection [MQTT-4.8.0-1] both pass. A grant fails; no answer on an open connection breaks
 * [MQTT-3.8.4-1]. Returns the evidence line.
 */
export function judgeNotGranted(
  rule: string,
  actor: string,
  sent: string,
  answer: Packet | Exclude<WaitEnd, 'unparseable'>,
): string {
  const what = `"${actor}" sent ${sent}`;
  if (answer === 'closed') return `${what}; the broker closed the connection`;
  if (answer === 'timeout')
    throw expectationFailed(
      `[MQTT-3.8.4-1] ${what}; no SUBACK came back and the connection stayed open; the broker must answer ` +
        'with SUBACK (0x80 for a refused filter) or close the connection',
    );
  const code = answer.cmd === 'suback' ? answer.granted[0] : undefined;
  if (code === 0x80) return `${what}; the broker answered SUBACK 0x80`;
  throw expectationFailed(
    `[${rule}] ${what}; the broker granted it (SUBACK code ${code}); it must refuse it (SUBACK 0x80) or close the connection`,
  );
}

/** `\uXXXX` escapes in a feature's text, decoded: topics with combining or invisible characters stay readable. */
export function decodeEscapes(text: string): string {
  return text.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

/** A PUBLISH as the evidence shows it. */
export function describePublish(p: IPublishPacket): string {
  const payload = Buffer.isBuffer(p.payload) ? p.payload.toString('utf8') : String(p.payload);
  return `${JSON.stringify(payload)} on ${JSON.stringify(p.topic)} QoS ${p.qos}${p.retain ? ' RETAIN' : ''}${p.dup ? ' DUP' : ''}`;
}

export function payloadOf(p: IPublishPacket): string {
  return Buffer.isBuffer(p.payload) ? p.payload.toString('utf8') : String(p.payload);
}

function describeAck(p: Packet): string {
  const id = 'messageId' in p ? ` (packet ID ${p.messageId})` : '';
  const codes = p.cmd === 'suback' ? ` codes [${p.granted.join(', ')}]` : '';
  return `${p.cmd.toUpperCase()}${id}${codes}`;
}
