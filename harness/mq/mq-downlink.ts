import type { QoS } from '../connection/qos.ts';
import type { MqProperties } from './mq-endpoint.ts';
import { DEFAULT_DOWNLINK_QOS, DEFAULT_P2P_CLEAN_SESSION, joinTopic, MQ_PROPERTY } from './mq-properties.ts';

/**
 * The oracle for MQ → MQTT (MQM-3..7, P2P-3): given what an MQ sender put on a message, what the MQTT
 * side must see. Derived from the profile's data (P2P topic format, provisioned parents), never from
 * the reference broker's code.
 */
export type DownlinkOutcome =
  | { readonly kind: 'refused'; readonly rule: string; readonly why: string }
  /** Delivered to the subscribers of `topic`, each at min(`qos`, its subscription's QoS). */
  | { readonly kind: 'subscribers'; readonly topic: string; readonly qos: QoS }
  /** P2P (P2P-1): only `clientId` receives it, on `topic`, at `qos`; `cleanSession` decides offline handling (QCS-5). */
  | {
      readonly kind: 'p2p';
      readonly clientId: string;
      readonly topic: string;
      readonly qos: QoS;
      readonly cleanSession: boolean;
    };

export interface DownlinkRules {
  /** P2P-2: the profile's P2P topic format, `{parent}/p2p/{clientId}`. */
  readonly p2pTopicFormat: string;
  /** TOP-2: the provisioned parent topics (= the MQ topics). */
  readonly parentTopics: readonly string[];
}

export function expectedDownlink(
  rules: DownlinkRules,
  mqTopic: string,
  properties: MqProperties,
): DownlinkOutcome {
  const refuse = (rule: string, why: string): DownlinkOutcome => ({ kind: 'refused', rule, why });
  if (!rules.parentTopics.includes(mqTopic))
    return refuse('TOP-2', `MQ topic ${JSON.stringify(mqTopic)} is not a provisioned parent topic`);
  if (MQ_PROPERTY.clientId in properties)
    return refuse('MQM-7', `${MQ_PROPERTY.clientId} cannot be set by an MQ sender`);
  const qosText = properties[MQ_PROPERTY.qos];
  if (qosText !== undefined && !['0', '1', '2'].includes(qosText))
    return refuse('MQM-3', `${MQ_PROPERTY.qos} must be 0, 1 or 2`);
  const qos = qosText === undefined ? DEFAULT_DOWNLINK_QOS : (Number(qosText) as QoS);
  const cleanText = properties[MQ_PROPERTY.cleanSession];
  if (cleanText !== undefined && cleanText !== 'true' && cleanText !== 'false') {
    return refuse('MQM-4', `${MQ_PROPERTY.cleanSession} must be true or false`);
  }
  const topic = joinTopic(mqTopic, properties[MQ_PROPERTY.secondTopic]);
  const target = p2pTarget(rules.p2pTopicFormat, topic);
  if (!target || target.parent !== mqTopic) {
    if (cleanText !== undefined)
      return refuse('MQM-4', `${MQ_PROPERTY.cleanSession} may only be set on P2P messages`);
    return { kind: 'subscribers', topic, qos };
  }
  const realTopic = properties[MQ_PROPERTY.realTopic];
  return {
    kind: 'p2p',
    clientId: target.clientId,
    topic: realTopic ? joinTopic(mqTopic, realTopic) : topic,
    qos,
    cleanSession: cleanText === undefined ? DEFAULT_P2P_CLEAN_SESSION : cleanText === 'true',
  };
}

/** P2P-2: the parent and target client ID a topic names under the profile's format, if it is a P2P topic. */
export function p2pTarget(format: string, topic: string): { parent: string; clientId: string } | undefined {
  const pattern = format
    .split(/(\{parent\}|\{clientId\})/)
    .map((part) =>
      part === '{parent}'
        ? '(?<parent>[^/]+)'
        : part === '{clientId}'
          ? '(?<clientId>[^/]+)'
          : escapeRegExp(part),
    )
    .join('');
  const groups = new RegExp(`^${pattern}$`).exec(topic)?.groups;
  return groups?.parent && groups.clientId ? { parent: groups.parent, clientId: groups.clientId } : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
