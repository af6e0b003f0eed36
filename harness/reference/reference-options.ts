import type { Fault } from './faults.ts';

/** PUB-4 credentials the reference broker accepts. Never logged, never put into a report. */
export interface ReferenceAuth {
  readonly instanceId: string;
  /** AccessKeyId → AccessKey secret, for signature and token logins. */
  readonly accessKeys: Readonly<Record<string, string>>;
  /** Token → what it allows: `R` subscribe, `W` publish, `RW` both (a token applied for R and W). */
  readonly tokens?: Readonly<Record<string, 'R' | 'W' | 'RW'>>;
}

/**
 * How to run the reference broker. Plain numbers and lists: the target that starts it fills them from
 * the aliyun profile's data; the broker never imports the profile's checks (the oracle stays independent).
 */
export interface ReferenceBrokerOptions {
  /**
   * `aliyun` (default): the aliyun rules below. `standard`: a plain MQTT 3.1.1 broker — no group or
   * topic provisioning, no aliyun limits, standard client-ID rules, takeover on a duplicate ID, no
   * QCS-4 rewrite, no native P2P — with every Aedes correction of README.md kept.
   */
  readonly mode?: 'aliyun' | 'standard';
  /** Standard mode: topic filters a SUBSCRIBE is refused (SUBACK 0x80), e.g. Paho's `test/nosubscribe`. */
  readonly refuseFilters?: readonly string[];
  /**
   * Standard mode: topic names its clients may not publish to [MQTT-3.3.5-2], matched exactly. Such a
   * PUBLISH is acknowledged as its QoS requires, as if accepted, and delivered to nobody.
   */
  readonly denyPublish?: readonly string[];
  readonly groupIds: readonly string[];
  readonly parentTopics: readonly string[];
  readonly separator: string;
  readonly maxClientIdCharacters: number;
  readonly maxTopicCharacters: number;
  readonly maxPayloadBytes: number;
  readonly maxSubscriptions: number;
  readonly reservedCharacters: readonly string[];
  readonly duplicateId: 'refuse' | 'takeover';
  /** Absent: anonymous logins (any username/password is ignored). */
  readonly auth?: ReferenceAuth;
  /** PEM key and certificate: listen with TLS (SEC-1) instead of plain TCP. */
  readonly tls?: { readonly key: string | Buffer; readonly cert: string | Buffer };
  readonly faults?: readonly Fault[];
  /** P2P-2: the native P2P topic format (`{parent}`, `{clientId}`); default `{parent}/p2p/{clientId}`. */
  readonly p2pTopicFormat?: string;
}

/** The aliyun defaults, provisioned for the harness's own group and parent topic. */
export const REFERENCE_DEFAULTS: ReferenceBrokerOptions = {
  groupIds: ['GID_harness'],
  parentTopics: ['harness'],
  separator: '@@@',
  maxClientIdCharacters: 64,
  maxTopicCharacters: 64,
  maxPayloadBytes: 64 * 1024,
  maxSubscriptions: 30,
  reservedCharacters: ['/', ':', ',', '%'],
  duplicateId: 'refuse',
};
