/**
 * A profile is what a broker is certified against: the rules that apply, the limits it declares, what
 * must be provisioned before use, and how clients authenticate. Data plus small pure functions; it
 * never imports the reference broker (docs/design.md: the oracle stays independent of the thing under test).
 */
import { ruleById, rulesOfProfiles } from '../rules/registry.ts';
import type { Rule } from '../rules/rule.ts';

/** How a length limit counts. `characters` = Unicode code points: `中` and `😀` are one each. */
export type LengthUnit = 'characters' | 'bytes';

export interface LengthLimit {
  readonly max: number;
  readonly unit: LengthUnit;
}

/** The limits a profile declares; an absent one is not declared (the broker's own value is only recorded). */
export interface DeclaredLimits {
  /** CID-2 (aliyun: 64 characters); MQTT 3.1.1 only promises 23 bytes [MQTT-3.1.3-5]. */
  readonly clientIdLength?: LengthLimit;
  /** TOP-3: the whole topic, parent and subtopics. */
  readonly topicLength?: LengthLimit;
  /** PUB-1: the largest payload that is delivered, in bytes. */
  readonly payloadBytes?: number;
  /** PUB-2: subscriptions one client may hold (a wildcard filter counts as one). */
  readonly subscriptionsPerClient?: number;
}

/** CID-1, CID-3, PUB-3: the shape of a client ID. */
export interface ClientIdShape {
  /** Joins the Group ID and the Device ID (CID-1). */
  readonly separator: string;
  /** CID-3: no control, whitespace, zero-width or other invisible characters. */
  readonly forbidInvisible: boolean;
  /** PUB-3: characters a Group ID, Device ID or topic level may not contain. */
  readonly reservedCharacters: readonly string[];
}

/** What a vendor provisions before clients may use it (CID-5, TOP-2). The first entries are the harness's own. */
export interface Provisioning {
  readonly groupIds: readonly string[];
  readonly parentTopics: readonly string[];
}

/**
 * CID-4: what a CONNECT with a client ID that is online must lead to. `record`: the profile does not
 * judge it (MQTT 3.1.1 as the brief reads it); the report still says what the broker did.
 */
export type DuplicateIdPolicy = 'refuse' | 'takeover' | 'record';

/** PUB-4 / SEC-3: how clients authenticate. Secrets never live in a profile; only where to find them. */
export type AuthMode = 'anonymous' | 'signature' | 'token';

export interface Profile {
  readonly name: string;
  readonly title: string;
  /** Profiles whose rules this one includes (aliyun includes mqtt-3.1.1). */
  readonly includes: readonly string[];
  /** Cucumber tag expression selecting the scenarios this profile checks. */
  readonly featureTags: string;
  /** Scenario tags that do not apply under this profile, with the reason the report shows. */
  readonly notApplicable: Readonly<Record<string, string>>;
  readonly limits: DeclaredLimits;
  /** Absent: client IDs are opaque (MQTT 3.1.1). */
  readonly clientId?: ClientIdShape;
  readonly duplicateId: DuplicateIdPolicy;
  /** Absent: nothing needs provisioning. */
  readonly provisioning?: Provisioning;
  /** P2P-2: the P2P topic format, with `{parent}` and `{clientId}` placeholders. */
  readonly p2pTopicFormat?: string;
  /** How a publish the profile refuses shows on the wire (TOP-2, TOP-3, PUB-1, PUB-3), for the report. */
  readonly publishRefusal?: string;
  readonly auth: readonly AuthMode[];
  /**
   * [MQTT-3.3.5-2]: a topic the run's login may not publish to. Under MQTT 3.1.1 which topics a broker
   * authorizes is its own configuration, so only the vendor's config (or a target that set one up) names it.
   */
  readonly deniedPublishTopic?: string;
}

/** The group and parent topic the harness's own clients use (the first provisioned ones). */
export function harnessHome(profile: Profile): { groupId: string; parentTopic: string } {
  return {
    groupId: profile.provisioning?.groupIds[0] ?? 'GID_harness',
    parentTopic: profile.provisioning?.parentTopics[0] ?? 'harness',
  };
}

/**
 * The registered rules this profile includes: those the registry files under its name or under a profile
 * it includes (aliyun includes every mqtt-3.1.1 rule).
 */
export function profileRules(profile: Profile): Rule[] {
  return rulesOfProfiles([profile.name, ...profile.includes]);
}

/** Whether a rule ID (`CID-2`, `MQTT-3.1.3-8`) is one of this profile's rules; unregistered IDs are not. */
export function ruleApplies(profile: Profile, ruleId: string): boolean {
  const rule = ruleById(ruleId);
  return rule !== undefined && [profile.name, ...profile.includes].includes(rule.profile);
}

/** The reason a scenario with these tags does not apply, or undefined when it does. */
export function notApplicableReason(profile: Profile, tags: readonly string[]): string | undefined {
  for (const tag of tags) {
    const reason = profile.notApplicable[tag];
    if (reason) return reason;
  }
  return undefined;
}

/**
 * [MQTT-3.3.5-2]: the topic the run may not publish to — the profile config's, else the one the target
 * configured itself (BrokerCapabilities.deniedPublishTopic), else none.
 */
export function deniedPublishTopic(
  profile: Profile,
  target: { readonly deniedPublishTopic?: string },
): string | undefined {
  return profile.deniedPublishTopic ?? target.deniedPublishTopic;
}

/** P2P-2: `<parent>/p2p/<clientId>` under aliyun; the format comes from the profile, never from code. */
export function p2pTopic(profile: Profile, parent: string, clientId: string): string | undefined {
  return profile.p2pTopicFormat?.replaceAll('{parent}', parent).replaceAll('{clientId}', clientId);
}

/** Length of `text` in the unit a limit counts. */
export function measure(text: string, unit: LengthUnit): number {
  return unit === 'bytes' ? Buffer.byteLength(text, 'utf8') : [...text].length;
}
