import type { QoS } from '../connection/qos.ts';
import type { MqProperties } from './mq-endpoint.ts';

/**
 * The MQTT ↔ MQ property mapping as the harness reads it (seed 004, 属性字段映射; REQUIREMENTS MQM-1..7).
 * This is the oracle side: scenarios and property tests judge a broker with it; the reference broker
 * writes its properties with its own code (harness/reference/mq-bridge.ts), so a mistake here shows up
 * as a disagreement instead of being copied into both.
 *
 * The exact form (see README.md): the MQ topic is the MQTT parent topic (the first level), and
 * `mqttSecondTopic` is **everything after it, leading `/` included**, so `parent + mqttSecondTopic`
 * rebuilds the MQTT topic exactly: `harness/a/b` → `harness` + `/a/b`; `harness` → `harness` + ``;
 * `harness/` → `harness` + `/`. Values are strings: `qoslevel` `0|1|2`, `cleansessionflag` `true|false`.
 */
export const MQ_PROPERTY = {
  /** MQM-3 */ qos: 'qoslevel',
  /** MQM-4 */ cleanSession: 'cleansessionflag',
  /** MQM-1, MQM-5 */ secondTopic: 'mqttSecondTopic',
  /** MQM-6 */ realTopic: 'mqttRealTopic',
  /** MQM-7 */ clientId: 'clientId',
} as const;

/** MQM-3: what an MQ sender gets when it does not set `qoslevel`. */
export const DEFAULT_DOWNLINK_QOS: QoS = 1;
/** MQM-4 / P2P-3: what a P2P message from MQ gets when it does not set `cleansessionflag`. */
export const DEFAULT_P2P_CLEAN_SESSION = true;

/** MQM-1: `harness/a/b` → MQ topic `harness`, mqttSecondTopic `/a/b`. */
export function splitTopic(topic: string): { mqTopic: string; secondTopic: string } {
  const slash = topic.indexOf('/');
  return slash < 0
    ? { mqTopic: topic, secondTopic: '' }
    : { mqTopic: topic.slice(0, slash), secondTopic: topic.slice(slash) };
}

/**
 * MQM-5 / MQM-6: the MQTT topic an MQ sender's subtopic names. The documented form has the leading
 * `/`; a value without one is read as if it had it (`a/b` ≡ `/a/b`), an empty one is the parent itself.
 */
export function joinTopic(mqTopic: string, subtopic: string | undefined): string {
  if (!subtopic) return mqTopic;
  return subtopic.startsWith('/') ? `${mqTopic}${subtopic}` : `${mqTopic}/${subtopic}`;
}

/** What an MQTT client published, as far as the MQ side can know it. */
export interface UplinkFacts {
  readonly topic: string;
  readonly qos: QoS;
  readonly cleanSession: boolean;
  readonly clientId: string;
}

/** The MQ topic and properties an uplink must arrive with (MQM-1, MQM-3, MQM-4, MQM-5, MQM-7). */
export function expectedUplink(facts: UplinkFacts): { mqTopic: string; properties: Record<string, string> } {
  const { mqTopic, secondTopic } = splitTopic(facts.topic);
  return {
    mqTopic,
    properties: {
      [MQ_PROPERTY.qos]: String(facts.qos),
      [MQ_PROPERTY.cleanSession]: String(facts.cleanSession),
      [MQ_PROPERTY.secondTopic]: secondTopic,
      [MQ_PROPERTY.clientId]: facts.clientId,
    },
  };
}

/** One way an MQ message differs from what the rules say, filed under the rule it breaks. */
export interface Mismatch {
  readonly rule: string;
  readonly what: string;
}

const RULE_OF_PROPERTY: Readonly<Record<string, string>> = {
  [MQ_PROPERTY.qos]: 'MQM-3',
  [MQ_PROPERTY.cleanSession]: 'MQM-4',
  [MQ_PROPERTY.secondTopic]: 'MQM-5',
  [MQ_PROPERTY.clientId]: 'MQM-7',
};

/**
 * Every difference between an uplink as it arrived on the MQ side and as the rules map it. Extra
 * properties are allowed (a real MQ adds its own keys); `mqttRealTopic` is not (MQM-6).
 */
export function uplinkMismatches(
  facts: UplinkFacts,
  arrived: { readonly topic: string; readonly properties: MqProperties; readonly body: Buffer },
  payload: Uint8Array,
): Mismatch[] {
  const expected = expectedUplink(facts);
  const found: Mismatch[] = [];
  if (arrived.topic !== expected.mqTopic) {
    found.push({
      rule: 'MQM-1',
      what: `MQ topic ${JSON.stringify(arrived.topic)}, expected the parent topic ${JSON.stringify(expected.mqTopic)}`,
    });
  }
  for (const [key, value] of Object.entries(expected.properties)) {
    const actual = arrived.properties[key];
    if (actual !== value) {
      found.push({
        rule: RULE_OF_PROPERTY[key] ?? 'MQM-1',
        what: `${key} ${actual === undefined ? 'is missing' : `is ${JSON.stringify(actual)}`}, expected ${JSON.stringify(value)}`,
      });
    }
  }
  if (MQ_PROPERTY.realTopic in arrived.properties) {
    found.push({
      rule: 'MQM-6',
      what: `an MQTT → MQ message carries ${MQ_PROPERTY.realTopic}=${JSON.stringify(arrived.properties[MQ_PROPERTY.realTopic])}`,
    });
  }
  if (!arrived.body.equals(Buffer.from(payload))) {
    found.push({
      rule: 'MQM-2',
      what: `the body differs from the payload: ${describeBytes(arrived.body)} vs ${describeBytes(Buffer.from(payload))}`,
    });
  }
  return found;
}

/** A short, exact description of bytes: length plus hex (cut) for evidence. */
export function describeBytes(bytes: Buffer): string {
  const hex = bytes.subarray(0, 24).toString('hex');
  return `${bytes.length} bytes [${hex}${bytes.length > 24 ? '…' : ''}]`;
}

/** What an MQ sender sets on a message to MQTT; absent fields are not set (the defaults apply). */
export interface DownlinkSettings {
  readonly qos?: QoS | string;
  readonly cleanSession?: boolean | string;
  readonly secondTopic?: string;
  readonly realTopic?: string;
}

/** The property map an MQ sender puts on a message (MQM-3..6). */
export function downlinkProperties(settings: DownlinkSettings): Record<string, string> {
  return {
    ...(settings.qos === undefined ? {} : { [MQ_PROPERTY.qos]: String(settings.qos) }),
    ...(settings.cleanSession === undefined
      ? {}
      : { [MQ_PROPERTY.cleanSession]: String(settings.cleanSession) }),
    ...(settings.secondTopic === undefined ? {} : { [MQ_PROPERTY.secondTopic]: settings.secondTopic }),
    ...(settings.realTopic === undefined ? {} : { [MQ_PROPERTY.realTopic]: settings.realTopic }),
  };
}
