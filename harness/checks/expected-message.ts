import type { MessageRecord } from '../client/message-record.ts';
import type { ScenarioNamespace } from '../client/namespace.ts';
import { SUBACK_FAILURE, type QoS } from '../connection/qos.ts';

/** A message a scenario expects (or forbids), its topic written relative to the scenario's namespace. */
export interface ExpectedMessage {
  topic: string;
  payload?: string;
  qos?: QoS;
  retain?: boolean;
}

/** Whether a PUBLISH as it crossed the wire is the expected one: topic, and payload, QoS, retain when named. */
export function matchesExpected(
  record: MessageRecord,
  expected: ExpectedMessage,
  namespace: ScenarioNamespace,
): boolean {
  return (
    record.topic === namespace.topic(expected.topic) &&
    (expected.payload === undefined || record.payload.toString('utf8') === expected.payload) &&
    (expected.qos === undefined || record.qos === expected.qos) &&
    (expected.retain === undefined || record.retain === expected.retain)
  );
}

/** `"hi" on "rooms/1" at QoS 1 with retain=true`, for failure messages. */
export function describeExpected(expected: ExpectedMessage): string {
  const parts = [
    expected.payload === undefined ? 'a message' : `"${expected.payload}"`,
    `on "${expected.topic}"`,
    expected.qos === undefined ? '' : `at QoS ${expected.qos}`,
    expected.retain === undefined ? '' : `with retain=${expected.retain}`,
  ];
  return parts.filter(Boolean).join(' ');
}

/** What a client received, as evidence: each payload, topic (relative), QoS and retain flag. */
export function describeReceived(received: readonly MessageRecord[], namespace: ScenarioNamespace): string {
  if (received.length === 0) return 'nothing';
  return received
    .map(
      (r) =>
        `"${r.payload.toString('utf8')}" on "${namespace.relative(r.topic)}" (QoS ${r.qos}, retain=${r.retain})`,
    )
    .join(', ');
}

/** A SUBACK return code as evidence: `QoS 1`, or `a failure (0x80)` [MQTT-3.9.3-2]. */
export function describeGrant(granted: number): string {
  return granted === SUBACK_FAILURE ? 'a failure (0x80)' : `QoS ${granted}`;
}
