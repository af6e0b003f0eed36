import type { QoS } from '../connection/qos.ts';
import { ruleApplies, type Profile } from './profile.ts';

/** How many times a message may reach the subscriber: `max` undefined = any number (QoS 1 duplicates). */
export interface CountRange {
  readonly min: number;
  readonly max?: number;
}

/**
 * One cell of Table 2-1 (sub QoS × cleanSession) as the profile expects a broker to behave, per aspect.
 * `undefined` for `sessionPresent` means the profile does not judge it (the report still shows it).
 */
export interface CellExpectation {
  readonly qos: QoS;
  readonly clean: boolean;
  /** Whether the broker keeps the session between connections (false for QoS 2/false under QCS-4). */
  readonly persistent: boolean;
  readonly granted: QoS;
  readonly online: CountRange;
  readonly offlineAfterDisconnect: CountRange;
  readonly offlineAfterSocketDeath: CountRange;
  readonly sessionPresent?: boolean;
  readonly subscriptionKept: boolean;
  /** Why the cell is what it is: the rule IDs and statements behind it. */
  readonly basis: readonly string[];
}

const ONCE: CountRange = { min: 1, max: 1 };
const AT_LEAST_ONCE: CountRange = { min: 1 };
const NEVER: CountRange = { min: 0, max: 0 };
const MAYBE_ONCE: CountRange = { min: 0, max: 1 };

/** Online delivery of one message on a healthy link [QCS-1, MQTT-4.3.1-1, MQTT-4.3.2-2, MQTT-4.3.3-2]. */
export function onlineDelivery(qos: QoS): CountRange {
  return qos === 1 ? AT_LEAST_ONCE : ONCE;
}

/**
 * Whether a subscription at `qos` with `clean` keeps its session across connections. QCS-4 (aliyun):
 * a QoS 2 subscription with cleanSession=false behaves as cleanSession=true.
 */
export function keepsSession(profile: Profile, qos: QoS, clean: boolean): boolean {
  if (clean) return false;
  return !(qos === 2 && ruleApplies(profile, 'QCS-4'));
}

/**
 * Offline delivery of a message published while a subscriber is away. QoS 0 is never queued where
 * Table 2-1 applies (QCS-6: "无离线消息"); MQTT 3.1.1 lets a server queue it [MQTT-3.1.2-5 "Optionally"].
 */
export function offlineDelivery(profile: Profile, qos: QoS, persistent: boolean): CountRange {
  if (!persistent) return NEVER; // [MQTT-3.1.2-6], QCS-2
  if (qos === 0) return ruleApplies(profile, 'QCS-6') ? NEVER : MAYBE_ONCE;
  return qos === 1 ? AT_LEAST_ONCE : ONCE; // [MQTT-3.1.2-5], QCS-6
}

/** What the profile says about one cell of Table 2-1 [QCS-6]. */
export function expectedCell(profile: Profile, qos: QoS, clean: boolean): CellExpectation {
  const persistent = keepsSession(profile, qos, clean);
  const offline = offlineDelivery(profile, qos, persistent);
  const qcs4 = !clean && qos === 2 && !persistent;
  const basis = [
    'QCS-1',
    'QCS-2',
    ...(ruleApplies(profile, 'QCS-6') ? ['QCS-6'] : []),
    ...(qcs4 ? ['QCS-4: QoS 2 with cleanSession=false behaves as cleanSession=true'] : []),
    clean ? 'MQTT-3.1.2-6' : 'MQTT-3.1.2-4',
  ];
  return {
    qos,
    clean,
    persistent,
    granted: qos,
    online: onlineDelivery(qos),
    offlineAfterDisconnect: offline,
    offlineAfterSocketDeath: offline,
    // [MQTT-3.2.2-1] clean → 0; [MQTT-3.2.2-2] a resumed session → 1. QCS-4 leaves the flag unsaid.
    ...(qcs4 ? {} : { sessionPresent: persistent }),
    subscriptionKept: persistent,
    basis,
  };
}

/**
 * The parts of a cell the feature judges separately, each by the rule it belongs to, so a broker is
 * named only under the rule it breaks: `online` (granted QoS, online delivery count and QoS) and
 * `across reconnects` (offline delivery after a DISCONNECT and after a socket death, the subscription
 * kept or lost, session present). QCS-6 is the table itself: every part of every cell.
 */
export type CellPart = 'online' | 'across reconnects';

/** The rule a part of a cell answers to under the profile that made the cell. */
export function partRule(cell: CellExpectation, part: CellPart): 'QCS-1' | 'QCS-2' | 'QCS-4' {
  if (part === 'online') return 'QCS-1';
  // QCS-4 (aliyun): QoS 2 with cleanSession=false is not a persistent session; elsewhere it is QCS-2's.
  return !cell.clean && cell.qos === 2 && !cell.persistent ? 'QCS-4' : 'QCS-2';
}

export function describeRange(range: CountRange): string {
  if (range.max === undefined) return range.min === 0 ? 'any number' : `at least ${range.min}`;
  if (range.min === range.max) return range.min === 0 ? 'none' : `exactly ${range.min}`;
  return `${range.min}–${range.max}`;
}

export function inRange(count: number, range: CountRange): boolean {
  return count >= range.min && (range.max === undefined || count <= range.max);
}
