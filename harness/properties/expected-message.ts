import type { QoS } from '../connection/qos.ts';
import type { Ack } from '../connection/session-probe.ts';
import type { CountRange } from '../profiles/session-table.ts';

/** What the model says about one published message for the subscriber. */
export interface ExpectedMessage {
  readonly payload: string;
  readonly published: QoS;
  /** min(published, granted) at the time it was routed [MQTT-3.8.4-6]; undefined when not routed. */
  effective: QoS | undefined;
  /** Application deliveries allowed: `min` must be reached, `max` never exceeded. */
  deliveries: CountRange;
  /** Where the expectation comes from, for the failure message and the rule it files under. */
  rule: string;
  why: string;
  /** Routed while the subscriber was away: delivered when the session resumes. */
  queued: boolean;
  /** Sent on the connection that ended, its flow not finished (an ack was withheld). */
  inFlight: Ack | undefined;
  /**
   * Whether the broker has certainly routed it (see SessionModel.settle). Until then a change of the
   * subscriber's state races with it, and the outcome the standard leaves open is "either".
   */
  settled: boolean;
  /** Set when such a race happened: every QoS it may arrive at; delivery is then 0 or more, capped. */
  open: QoS[] | undefined;
}

export const NEVER: CountRange = { min: 0, max: 0 };
export const ONCE: CountRange = { min: 1, max: 1 };
export const AT_LEAST_ONCE: CountRange = { min: 1 };

/** Online on a healthy link: QoS 0 tried once (and arrives on loopback), QoS 1 at least once, QoS 2 once. */
export function online(effective: QoS): CountRange {
  return effective === 1 ? AT_LEAST_ONCE : ONCE;
}

/** The model does not see the wire; a message in flight was delivered once when it went out. */
export function countDelivered(m: ExpectedMessage): number {
  return m.deliveries.min > 0 ? 1 : 0;
}

export function message(
  payload: string,
  published: QoS,
  effective: QoS | undefined,
  deliveries: CountRange,
  rule: string,
  why: string,
): ExpectedMessage {
  return {
    payload,
    published,
    effective,
    deliveries,
    rule,
    why,
    queued: false,
    inFlight: undefined,
    settled: false,
    open: undefined,
  };
}

/** The model's payloads are m1, m2, … in publishing order (nextPayload). */
export function payloadIndex(payload: string): number {
  return /^m(\d+)$/.exec(payload) ? Number(payload.slice(1)) : 0;
}

export function isQos(q: QoS | undefined): q is QoS {
  return q !== undefined;
}
