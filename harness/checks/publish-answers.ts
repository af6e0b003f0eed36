import { expectationFailed, preconditionFailed } from '../expectation.ts';
import type { Qos2Answer, RawPublishOutcome } from '../connection/raw-client.ts';
import { SUBACK_FAILURE, type QoS } from '../connection/qos.ts';

/**
 * [MQTT-3.3.4-1] (Table 3.4) and [MQTT-4.3.3-2]: the receiver of a QoS 2 PUBLISH answers with PUBREC.
 * A PUBACK (the QoS 1 answer) breaks both. A closed connection is not judged: [MQTT-3.3.5-2] lets a
 * server close the connection of a PUBLISH it does not authorize, so nothing was learnt (inconclusive).
 * Returns the evidence line of a pass.
 */
export function judgeQos2Answer(actor: string, topic: string, a: Qos2Answer): string {
  const sent = `"${actor}" sent a QoS 2 PUBLISH (packet ID ${a.messageId}) to ${JSON.stringify(topic)}`;
  switch (a.answer) {
    case 'pubrec':
      return `${sent}; the broker answered PUBREC (packet ID ${a.messageId}), then ${a.pubcomp ? 'PUBCOMP to the PUBREL' : 'no PUBCOMP to the PUBREL'}`;
    case 'puback':
      throw expectationFailed(
        `[MQTT-3.3.4-1 MQTT-4.3.3-2] ${sent}; the broker answered PUBACK (the QoS 1 answer), where Table 3.4 and ` +
          `[MQTT-4.3.3-2] require PUBREC with packet ID ${a.messageId}`,
      );
    case 'connection closed':
      throw preconditionFailed(
        `${sent}; the broker closed the connection without answering. [MQTT-3.3.5-2] lets a server close ` +
          'the connection of a PUBLISH it does not authorize, so whether it answers QoS 2 with PUBREC is not known',
        'MQTT-3.3.4-1',
      );
    case 'no answer':
      throw expectationFailed(
        `[MQTT-3.3.4-1] ${sent}; the broker sent neither PUBREC nor anything else for packet ID ${a.messageId} ` +
          'and kept the connection open; Table 3.4 requires PUBREC',
      );
  }
}

/**
 * [MQTT-3.8.4-1] a SUBACK answers the SUBSCRIBE, and [MQTT-3.9.3-1] its return codes are in the order
 * of the filters. A code below the QoS asked for is a lawful downgrade [MQTT-3.9.3], 0x80 a lawful
 * refusal; a code above the one asked for at its position shows the codes are out of order. Returns
 * the evidence line of a pass.
 */
export function judgeSubackOrder(
  actor: string,
  asked: readonly { filter: string; qos: QoS }[],
  codes: readonly number[] | string,
): string {
  const sent = `"${actor}" subscribed to ${asked.map((a) => `${JSON.stringify(a.filter)} at QoS ${a.qos}`).join(', ')}`;
  if (typeof codes === 'string')
    throw expectationFailed(`[MQTT-3.8.4-1] ${sent} in one SUBSCRIBE; no SUBACK came back (${codes})`);
  const shown = `[${codes.map(describeCode).join(', ')}]`;
  if (codes.length !== asked.length)
    throw expectationFailed(
      `[MQTT-3.9.3-1] ${sent} in one SUBSCRIBE; the SUBACK carried ${codes.length} return codes ${shown}, expected one per filter (${asked.length})`,
    );
  const misplaced = codes.findIndex((code, i) => code !== SUBACK_FAILURE && code > (asked[i]?.qos ?? 0));
  if (misplaced >= 0)
    throw expectationFailed(
      `[MQTT-3.9.3-1] ${sent} in one SUBSCRIBE; the SUBACK's return codes ${shown} do not follow the filters: ` +
        `code ${misplaced + 1} grants QoS ${codes[misplaced]} to a filter that asked for QoS ${asked[misplaced]?.qos}`,
    );
  return `${sent} in one SUBSCRIBE; SUBACK return codes ${shown} (a code below the QoS asked is a lawful downgrade)`;
}

function describeCode(code: number): string {
  return code === SUBACK_FAILURE ? '0x80' : String(code);
}

/**
 * [MQTT-3.3.5-2]: a PUBLISH the server does not authorize is acknowledged as its QoS requires (PUBACK;
 * PUBREC, then PUBCOMP to the PUBREL), as if accepted, or answered by closing the connection. Silence
 * with the connection left open, or the other QoS's acknowledgement, breaks it. Returns the evidence line.
 */
export function judgeUnauthorizedAnswer(
  actor: string,
  topic: string,
  qos: 1 | 2,
  answer: RawPublishOutcome | Qos2Answer,
  closed: boolean,
): string {
  const sent = `"${actor}" sent a QoS ${qos} PUBLISH to ${JSON.stringify(topic)}, which the broker does not authorize`;
  const seen = typeof answer === 'string' ? answer : qos2Seen(answer);
  if (seen === 'acknowledged') return `${sent}; the broker acknowledged it as its QoS requires (lawful)`;
  if (seen === 'connection closed' || closed) return `${sent}; the broker closed the connection (lawful)`;
  throw expectationFailed(
    `[MQTT-3.3.5-2] ${sent}; the broker answered with ${seen === 'no acknowledgement' ? 'nothing, leaving the connection open' : seen}. ` +
      'It acknowledges the PUBLISH as its QoS requires (PUBACK; PUBREC, then PUBCOMP) or closes the network connection',
  );
}

function qos2Seen(a: Qos2Answer): string {
  if (a.answer === 'connection closed') return 'connection closed';
  if (a.answer === 'pubrec') return a.pubcomp ? 'acknowledged' : 'PUBREC, then no PUBCOMP to the PUBREL';
  if (a.answer === 'puback') return 'PUBACK (the QoS 1 answer)';
  return 'nothing, leaving the connection open';
}
