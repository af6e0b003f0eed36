import type { ScenarioNamespace } from '../client/namespace.ts';
import { harnessHome, measure, type Profile } from '../profiles/profile.ts';
import { clientIdScheme, type ClientIdScheme } from '../profiles/client-id-scheme.ts';

/** A length written relative to a profile's declared limit in a scenario: `limit`, `limit - 1`, `limit + 1`. */
export interface RelativeLength {
  readonly offset: number;
  readonly text: string;
}

export type Alphabet = 'ASCII' | '3-byte' | '4-byte';

/** One character of each alphabet: `x` (1 UTF-8 byte), `中` (3 bytes, 1 UTF-16 unit), `😀` (4 bytes, 2 units). */
const FILL: Record<Alphabet, string> = { ASCII: 'x', '3-byte': '中', '4-byte': '😀' };

/**
 * Builds the client IDs and topics of the CID/TOP scenarios from the profile's declared limits and
 * the scenario's namespace (so cases stay unique per scenario). Pure: nothing here talks to a broker,
 * and nothing imports the reference broker's checks.
 */
export class RuleCases {
  readonly groupId: string;
  readonly parentTopic: string;
  readonly clientIds: ClientIdScheme;

  constructor(
    readonly profile: Profile,
    readonly namespace: ScenarioNamespace,
  ) {
    const home = harnessHome(profile);
    this.groupId = home.groupId;
    this.parentTopic = home.parentTopic;
    this.clientIds = clientIdScheme(profile);
  }

  /** The number a relative length stands for under this profile. */
  resolve(
    length: RelativeLength,
    limit: 'clientIdLength' | 'topicLength' | 'payloadBytes' | 'subscriptionsPerClient',
  ): number {
    const declared = this.profile.limits[limit];
    const max = typeof declared === 'number' ? declared : declared?.max;
    if (max === undefined)
      throw new Error(`the profile "${this.profile.name}" declares no ${limit} limit (scenario defect)`);
    return max + length.offset;
  }

  /** An ordinary, valid client ID for `actor`. */
  clientId(actor: string): string {
    return this.namespace.clientId(actor);
  }

  /** `GID_harness@@@<ns>xxx…` of exactly `characters` characters, filled with the alphabet's character. */
  clientIdOfLength(characters: number, alphabet: Alphabet): string {
    const prefix = this.clientIds.build(this.groupId, this.namespace.id);
    return fill(prefix, characters, FILL[alphabet]);
  }

  clientIdContaining(char: string): string {
    return this.clientIds.build(this.groupId, `${this.namespace.id}a${char}b`);
  }

  /** `GROUP@@DEVICE` etc.: GROUP and DEVICE replaced by the provisioned group and a unique device ID. */
  clientIdShaped(shape: string): string {
    return shape.replaceAll('GROUP', this.groupId).replaceAll('DEVICE', `dev${this.namespace.id}`);
  }

  clientIdWithReserved(char: string, part: 'Group ID' | 'Device ID'): string {
    return part === 'Group ID'
      ? this.clientIds.build(`${this.groupId}${char}x`, `dev${this.namespace.id}`)
      : this.clientIds.build(this.groupId, `dev${char}${this.namespace.id}`);
  }

  /** A Group ID nobody provisioned: derived from the namespace, checked against the profile's list. */
  unprovisionedGroupClientId(): string {
    const group = `GID_unprovisioned${this.namespace.id}`;
    if (this.profile.provisioning?.groupIds.includes(group))
      throw new Error(`${group} is provisioned (scenario defect)`);
    return this.clientIds.build(group, `dev${this.namespace.id}`);
  }

  unprovisionedParentTopic(): string {
    const parent = `unprovisioned${this.namespace.id}`;
    if (this.profile.provisioning?.parentTopics.includes(parent))
      throw new Error(`${parent} is provisioned (scenario defect)`);
    return parent;
  }

  /** `harness/<ns>/…` — the scenario's own subtree under the provisioned parent. */
  topic(relative: string): string {
    return `${this.parentTopic}/${this.namespace.id}/${relative}`;
  }

  /** The filter that covers every topic of the scenario. */
  everyTopic(): string {
    return `${this.parentTopic}/${this.namespace.id}/#`;
  }

  topicOfLength(characters: number, alphabet: Alphabet): string {
    return fill(this.topic(''), characters, FILL[alphabet]);
  }

  topicWithReserved(char: string): string {
    return this.topic(`a${char}b`);
  }

  /** How a string measures, for evidence: "65 characters, 65 bytes". */
  describe(text: string): string {
    return `${measure(text, 'characters')} characters, ${measure(text, 'bytes')} bytes`;
  }
}

function fill(prefix: string, characters: number, char: string): string {
  const missing = characters - measure(prefix, 'characters');
  if (missing < 0)
    throw new Error(
      `cannot build a ${characters}-character value: the prefix "${prefix}" is longer (scenario defect)`,
    );
  return prefix + char.repeat(missing);
}
