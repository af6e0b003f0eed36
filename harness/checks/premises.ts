import { preconditionFailed } from '../expectation.ts';
import { SUBACK_FAILURE } from '../connection/qos.ts';

/**
 * Preconditions shared by delivery checks (issue 11 item 2): when one does not hold, nothing was
 * learnt about the rule, so the check is inconclusive — preconditionFailed, never a pass or a failure.
 */

function describeGrants(granted: readonly number[]): string {
  return granted.map((g) => (g === SUBACK_FAILURE ? '0x80' : `QoS ${g}`)).join(', ');
}

/**
 * Every subscription of `subscriber` was granted at least the QoS asked for (`asked[i]` for the i-th
 * grant). A lower grant or a refusal is lawful [MQTT-3.9.3], so it is recorded, never failed.
 */
export function requireGrantedAsAsked(
  subscriber: string,
  asked: readonly number[],
  granted: readonly number[],
  rule?: string,
): void {
  if (granted.some((g, i) => g === SUBACK_FAILURE || g < (asked[i] ?? 0)))
    throw preconditionFailed(
      `"${subscriber}" asked for QoS ${asked.join(', ')} and was granted ${describeGrants(granted)}; the check ` +
        'needs the subscription at the QoS asked for, and a server may grant less [MQTT-3.9.3]',
      rule,
    );
}

/**
 * A delivery check that failed while the publisher's QoS flow had not completed (`outcome` other than
 * `completed`: the broker closed the connection or never acknowledged) proves nothing about delivery:
 * the broker may never have taken the message on. Returns the error to throw instead, if so.
 */
export function unpublishedPremise(
  payload: string,
  sent: { qos: number; outcome: string } | undefined,
  failure: unknown,
): Error | undefined {
  if (!sent || sent.outcome === 'completed') return undefined;
  const why = failure instanceof Error ? failure.message.split('\n')[0] : String(failure);
  return preconditionFailed(
    `the publisher's QoS ${sent.qos} flow for "${payload}" ended: ${sent.outcome}, so the broker may never have taken it on (${why})`,
  );
}
