/**
 * Switchable faults (mutants) of the reference broker. Each one breaks one rule on purpose; the
 * mutation run (`mqtt-harness mutants`, part of `npm test`) checks that the scenario suite catches it:
 * a fault whose rule still passes is a hole in the harness.
 */
export const FAULTS = {
  'accept-long-client-id': { rule: 'CID-2', does: 'accepts client IDs over the 64-character limit' },
  'count-client-id-bytes': {
    rule: 'CID-2',
    does: 'counts the client ID limit in UTF-8 bytes instead of characters',
  },
  'accept-invisible-client-id': { rule: 'CID-3', does: 'accepts client IDs with invisible characters' },
  'accept-malformed-client-id': { rule: 'CID-1', does: 'accepts client IDs without exactly one "@@@"' },
  'takeover-duplicate-id': {
    rule: 'CID-4',
    does: 'takes over an online client ID instead of refusing the second CONNECT',
  },
  'ignore-group-provisioning': { rule: 'CID-5', does: 'accepts clients of any Group ID' },
  'ignore-parent-provisioning': {
    rule: 'TOP-2',
    does: 'accepts publish and subscribe under any parent topic',
  },
  'accept-publish-unprovisioned-parent': {
    rule: 'TOP-2',
    does: 'refuses subscriptions under unknown parent topics but accepts publishes there (they reach the MQ side)',
  },
  'accept-long-topic': { rule: 'TOP-3', does: 'accepts topics over the 64-character limit' },
  'accept-large-payload': { rule: 'PUB-1', does: 'delivers payloads over 64 KB' },
  'unlimited-subscriptions': { rule: 'PUB-2', does: 'grants a 31st subscription' },
  'accept-reserved-characters': {
    rule: 'PUB-3',
    does: 'accepts ":", ",", "%" and "/" in client IDs and topic levels',
  },
  // Authentication (credentials.ts): only visible with auth on, so the mutation run gives it a login.
  'accept-any-signature': {
    rule: 'PUB-4',
    does: 'accepts a Signature login of a known AccessKeyId whatever its signature',
    needsAuth: 'signature',
  },
  // QoS × cleanSession (session-delivery.ts, qos2-persistent-session.ts)
  'drop-offline-qos1': {
    rule: 'QCS-2',
    does: 'drops QoS 1 messages for offline persistent sessions instead of queueing them',
  },
  'keep-offline-for-clean': {
    rule: 'QCS-2',
    does: 'keeps the session and offline messages of cleanSession=true clients',
  },
  'deliver-qos2-twice': {
    rule: 'QCS-1',
    does: 're-sends a released QoS 2 PUBLISH after a reconnect (delivered twice)',
  },
  'ignore-granted-qos': {
    rule: 'MQTT-3.8.4-6',
    does: 'delivers to a QoS 0 subscription at the published QoS',
  },
  // MQTT 3.1.1 QoS and CONNACK judgements (protocol-faults.ts)
  'puback-for-qos2': {
    rule: 'MQTT-3.3.4-1',
    does: 'answers a QoS 2 PUBLISH with PUBACK (handles it as QoS 1)',
  },
  'never-session-present': {
    rule: 'MQTT-3.2.2-2',
    does: 'sends CONNACK with session present = 0 although it resumes the stored session',
  },
  'grant-qos1-for-qos2': {
    rule: 'MQTT-3.9.3-1',
    does: 'grants QoS 1 to a QoS 2 SUBSCRIBE: lawful [MQTT-3.9.3], so every check must stay clean',
    lawful: '@MQTT-3.8.4-1 or @MQTT-3.9.3-1 or @MQTT-3.8.4-6 or @MQTT-3.3.4-1',
  },
  'keep-qos2-persistent-session': {
    rule: 'QCS-4',
    does: 'keeps QoS 2 subscriptions of cleanSession=false sessions',
  },
  // MQ mapping and P2P (mq-bridge.ts, native-p2p.ts)
  'lose-second-topic': {
    rule: 'MQM-5',
    does: 'drops mqttSecondTopic: uplinks lack it, downlinks go to the parent topic',
  },
  'default-qos-0': { rule: 'MQM-3', does: 'delivers MQ messages without qoslevel at QoS 0 instead of 1' },
  'utf8-payload': { rule: 'MQM-2', does: 're-encodes payloads as UTF-8 text between MQTT and MQ' },
  'p2p-to-all-subscribers': {
    rule: 'P2P-1',
    does: 'delivers P2P messages to every subscriber of the P2P topic too',
  },
  'p2p-receiver-clean-session': {
    rule: 'QCS-5',
    does: "keeps P2P messages for offline targets by the receiver's cleanSession, not the sender's",
  },
  // Robustness (ROB-1): shown by the limit detection's health checks, not by a scenario.
  'wedge-after-long-topic': {
    rule: 'ROB-1',
    does: 'after refusing a SUBSCRIBE to a topic over the length limit, refuses every later SUBSCRIBE (wedged)',
    shownBy: 'limit detection',
  },
  // SUBSCRIBE / UNSUBSCRIBE and topic matching, MQTT 3.1.1 §3.8-§3.10 and §4.7 (subscription-faults.ts)
  'accept-subscribe-flags': {
    rule: 'MQTT-3.8.1-1',
    does: 'handles a SUBSCRIBE whose fixed-header flags are not 0010 as a valid one',
  },
  'accept-unsubscribe-flags': {
    rule: 'MQTT-3.10.1-1',
    does: 'handles an UNSUBSCRIBE whose fixed-header flags are not 0010 as a valid one',
  },
  'ignore-empty-subscribe': {
    rule: 'MQTT-3.8.3-3',
    does: 'keeps the connection of a SUBSCRIBE with no topic filter (answers it with PINGRESP)',
  },
  'accept-subscribe-qos3': {
    rule: 'MQTT-3.8.3-4',
    does: 'reads a requested-QoS byte of 3 as QoS 2 and ignores its reserved bits',
  },
  'suback-id-low-byte': {
    rule: 'MQTT-3.8.4-2',
    does: 'answers a SUBSCRIBE with a SUBACK carrying only the low byte of its packet ID',
  },
  'keep-first-subscription': {
    rule: 'MQTT-3.8.4-3',
    does: 'keeps a subscription when the same filter is subscribed again (new QoS and retained re-send lost)',
  },
  'subscribe-first-filter-only': {
    rule: 'MQTT-3.8.4-4',
    does: 'grants every filter of a SUBSCRIBE but subscribes only the first',
  },
  'unsuback-wrong-id': {
    rule: 'MQTT-3.10.4-4',
    does: 'answers an UNSUBSCRIBE with an UNSUBACK of the next packet ID',
  },
  'no-unsuback-without-subscription': {
    rule: 'MQTT-3.10.4-5',
    does: 'sends no UNSUBACK (but a PINGRESP) when the UNSUBSCRIBE deletes no subscription',
  },
  'ignore-unsubscribe': {
    rule: 'MQTT-3.10.4-2',
    does: 'answers UNSUBSCRIBE with UNSUBACK but keeps the subscription',
  },
  'unsubscribe-by-matching': {
    rule: 'MQTT-3.10.4-1',
    does: 'also deletes subscriptions whose filter matches the UNSUBSCRIBE filter as a topic',
  },
  'unsubscribe-first-filter-only': {
    rule: 'MQTT-3.10.4-6',
    does: 'deletes only the first filter of an UNSUBSCRIBE of several',
  },
  'drop-inflight-on-unsubscribe': {
    rule: 'MQTT-3.10.4-3',
    does: 'ignores the PUBREC of a QoS 2 delivery once the client has unsubscribed (no PUBREL)',
  },
  'overlap-exact-filter-qos': {
    rule: 'MQTT-3.3.5-1',
    does: "sends a message matching an exact filter and a wildcard one at the exact filter's QoS (Aedes as it is)",
  },
  'accept-ill-formed-utf8': {
    rule: 'MQTT-1.5.3-1',
    does: 'reads ill-formed UTF-8 in a topic name or filter as U+FFFD instead of closing (Aedes as it is)',
  },
  'accept-empty-filter': { rule: 'MQTT-4.7.3-1', does: 'grants an empty topic filter' },
  'normalize-topics-nfc': {
    rule: 'MQTT-4.7.3-4',
    does: 'normalises topic names and filters to Unicode NFC before matching',
  },
  'strip-bom-in-topics': {
    rule: 'MQTT-1.5.3-3',
    does: 'strips U+FEFF from topic names and filters',
  },
  'retained-ignores-granted-qos': {
    rule: 'MQTT-3.8.4-6',
    does: 'sends a retained message at its own QoS to a wildcard subscription granted a lower one (Aedes as it is)',
  },
  'hash-excludes-parent': {
    rule: 'MQTT-4.5.0-1',
    does: 'lets "a/#" match only topics below "a", not "a" itself',
  },
} as const satisfies Record<string, FaultInfo>;

interface FaultInfo {
  readonly rule: string;
  readonly does: string;
  /**
   * Lawful behaviour, not a fault: the scenarios of this tag expression must stay clean (no failure,
   * no error), proving a check does not fail what the standard allows. `rule` is the one it once broke.
   */
  readonly lawful?: string;
  /** The fault shows only when the broker authenticates clients this way (PUB-4). */
  readonly needsAuth?: 'signature' | 'token';
  /** The fault shows in the limit detection (certify), not in a scenario: the mutation run probes for it. */
  readonly shownBy?: 'limit detection';
}

/** The login mode a fault needs switched on to show, if any. */
export function faultNeedsAuth(fault: Fault): 'signature' | 'token' | undefined {
  const info: FaultInfo = FAULTS[fault];
  return info.needsAuth;
}

/** Whether the fault shows in the limit detection rather than in the scenarios. */
export function faultShownByLimits(fault: Fault): boolean {
  const info: FaultInfo = FAULTS[fault];
  return info.shownBy === 'limit detection';
}

/** The tag expression a lawful mutant must pass, if it is one. */
export function faultIsLawful(fault: Fault): string | undefined {
  const info: FaultInfo = FAULTS[fault];
  return info.lawful;
}

export type Fault = keyof typeof FAULTS;

export function isFault(name: string): name is Fault {
  return Object.hasOwn(FAULTS, name);
}
