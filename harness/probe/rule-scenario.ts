import type { ScenarioNamespace } from '../client/namespace.ts';
import type { Profile } from '../profiles/profile.ts';
import { RuleCases, type Alphabet, type RelativeLength } from './rule-cases.ts';
import { RuleProbes, type Verdict } from './rule-probes.ts';

export type Delivery = 'reaches' | 'does not reach';

/**
 * What the CID/TOP step definitions call: one method per step, each building its case from the
 * profile's declared limits (RuleCases) and trying it on the broker over a raw socket (RuleProbes).
 * `rules` are the scenario's rule tags, named in every failure.
 */
export class RuleScenario {
  readonly cases: RuleCases;
  readonly probes: RuleProbes;
  /** The filters each actor subscribed to, in order, for the evidence. */
  readonly #filters = new Map<string, string[]>();
  #unprovisionedParent: string | undefined;

  constructor(
    url: string,
    profile: Profile,
    namespace: ScenarioNamespace,
    readonly rules: readonly string[],
  ) {
    this.cases = new RuleCases(profile, namespace);
    this.probes = new RuleProbes(url, profile);
  }

  private get rule(): string {
    return this.rules.join(' ') || 'no rule tag';
  }

  // CONNECT ------------------------------------------------------------------------------------------

  async goOnline(actor: string) {
    await this.probes.goOnline(actor, this.cases.clientId(actor));
  }

  async goOffline(actor: string) {
    await this.probes.disconnect(actor);
  }

  async connectWithIdOfLength(actor: string, length: RelativeLength, alphabet: Alphabet) {
    await this.probes.connect(
      actor,
      this.cases.clientIdOfLength(this.cases.resolve(length, 'clientIdLength'), alphabet),
    );
  }

  async connectWithIdContaining(actor: string, char: string) {
    await this.probes.connect(actor, this.cases.clientIdContaining(char));
  }

  async connectWithIdShaped(actor: string, shape: string) {
    await this.probes.connect(actor, this.cases.clientIdShaped(shape));
  }

  async connectWithReservedCharacter(actor: string, char: string, part: 'Group ID' | 'Device ID') {
    await this.probes.connect(actor, this.cases.clientIdWithReserved(char, part));
  }

  /** [MQTT-3.1.3-8]: a zero-byte client ID needs cleanSession=1; with 0 the server answers 0x02. */
  async connectWithEmptyPersistentId(actor: string) {
    await this.probes.connect(actor, '', { clean: false });
  }

  async connectInUnprovisionedGroup(actor: string) {
    await this.probes.connect(actor, this.cases.unprovisionedGroupClientId());
  }

  async connectWithIdOf(actor: string, owner: string) {
    await this.probes.connect(actor, this.probes.clientIdOf(owner));
  }

  expectConnect(actor: string, verdict: Verdict) {
    this.probes.expectConnect(actor, verdict, this.rule);
  }

  async expectDuplicatePolicy(first: string, second: string) {
    return this.probes.expectDuplicatePolicy(first, second);
  }

  // SUBSCRIBE ----------------------------------------------------------------------------------------

  async listenToScenario(actor: string) {
    await this.goOnline(actor);
    await this.subscribe(actor, [this.cases.everyTopic()]);
    this.probes.expectSubscriptions(actor, 'accepts', `setup of ${this.rule}`, [this.cases.everyTopic()]);
  }

  /** Subscribes to everything under an unprovisioned parent; whether that is granted is not judged here. */
  async listenUnderUnprovisionedParent(actor: string) {
    await this.goOnline(actor);
    await this.subscribe(actor, [`${this.unprovisionedParent()}/#`]);
  }

  async subscribeToTopicOfLength(actor: string, length: RelativeLength, alphabet: Alphabet) {
    await this.subscribe(actor, [
      this.cases.topicOfLength(this.cases.resolve(length, 'topicLength'), alphabet),
    ]);
  }

  async subscribeUnderUnprovisionedParent(actor: string) {
    await this.subscribe(actor, [`${this.unprovisionedParent()}/${this.cases.namespace.id}/x`]);
  }

  async subscribeUnderProvisionedParent(actor: string) {
    await this.subscribe(actor, [this.cases.topic('x')]);
  }

  async subscribeWithReserved(actor: string, char: string) {
    await this.subscribe(actor, [this.cases.topicWithReserved(char)]);
  }

  /** PUB-2: `count` different filters, one SUBSCRIBE each, so the limit is counted across packets. */
  async subscribeToMany(actor: string, count: RelativeLength) {
    const n = this.cases.resolve(count, 'subscriptionsPerClient');
    await this.subscribe(
      actor,
      Array.from({ length: n }, (_, i) => this.cases.topic(`s${i + 1}`)),
    );
  }

  expectSubscriptions(actor: string, verdict: Verdict | 'refuses the last') {
    this.probes.expectSubscriptions(actor, verdict, this.rule, this.#filters.get(actor) ?? []);
  }

  // PUBLISH ------------------------------------------------------------------------------------------

  async publishToTopicOfLength(actor: string, length: RelativeLength, alphabet: Alphabet) {
    await this.probes.publish(
      actor,
      this.cases.topicOfLength(this.cases.resolve(length, 'topicLength'), alphabet),
      'm',
    );
  }

  async publishUnderUnprovisionedParent(actor: string) {
    await this.probes.publish(actor, `${this.unprovisionedParent()}/${this.cases.namespace.id}/x`, 'm');
  }

  async publishUnderProvisionedParent(actor: string) {
    await this.probes.publish(actor, this.cases.topic('x'), 'm');
  }

  async publishWithReserved(actor: string, char: string) {
    await this.probes.publish(actor, this.cases.topicWithReserved(char), 'm');
  }

  async publishPayloadOfSize(actor: string, size: RelativeLength) {
    await this.probes.publish(
      actor,
      this.cases.topic('payload'),
      Buffer.alloc(this.cases.resolve(size, 'payloadBytes'), 0x61),
    );
  }

  async expectDelivery(sender: string, delivery: Delivery, listener: string) {
    await this.probes.expectDelivery(
      listener,
      sender,
      delivery === 'reaches' ? 'accepts' : 'refuses',
      this.rule,
    );
  }

  close() {
    this.probes.closeAll();
  }

  private async subscribe(actor: string, filters: string[]) {
    this.#filters.set(actor, [...(this.#filters.get(actor) ?? []), ...filters]);
    await this.probes.subscribe(actor, filters);
  }

  private unprovisionedParent(): string {
    return (this.#unprovisionedParent ??= this.cases.unprovisionedParentTopic());
  }
}
