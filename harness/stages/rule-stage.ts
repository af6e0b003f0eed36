import type { ScenarioNamespace } from '../client/namespace.ts';
import type { MqChoice } from '../mq/mq-choice.ts';
import { redactUrl } from '../net/redact-url.ts';
import type { Profile } from '../profiles/profile.ts';
import { MqWatch } from '../checks/mq-watch.ts';
import { judgeUnauthorizedAnswer } from '../checks/publish-answers.ts';
import type { Qos2Answer, RawPublishOutcome } from '../connection/raw-client.ts';
import type { QoS } from '../connection/qos.ts';
import { eventually } from '../eventually.ts';
import { preconditionFailed } from '../expectation.ts';
import { RuleCases, type Alphabet, type RelativeLength } from '../checks/rule-cases.ts';
import type { Stage, StageEvidence, StageRun } from './stage.ts';
import { RuleProbes, type ActorPacketRecord, type Verdict } from './rule-probes.ts';

export type Delivery = 'reaches' | 'does not reach';

/**
 * What the CID/TOP step definitions call: one method per step, each building its case from the
 * profile's declared limits (RuleCases) and trying it on the broker over a raw socket (RuleProbes).
 * `rules` are the scenario's rule tags, named in every failure.
 */
export class RuleStage implements Stage {
  readonly cases: RuleCases;
  readonly probes: RuleProbes;
  /** The filters each actor subscribed to, in order, for the evidence. */
  readonly #filters = new Map<string, string[]>();
  #unprovisionedParent: string | undefined;
  /** The last unauthorized PUBLISH and its answer [MQTT-3.3.5-2]. */
  #unauthorized:
    | {
        actor: string;
        topic: string;
        payload: string;
        qos: 1 | 2;
        answer: RawPublishOutcome | Qos2Answer;
      }
    | undefined;
  /** TOP-2: the MQ side watching the unprovisioned parent, or why it cannot (listenUnderUnprovisionedParent). */
  #parentWatch: { readonly listener: string; readonly watch: MqWatch | string } | undefined;

  constructor(
    url: string,
    profile: Profile,
    namespace: ScenarioNamespace,
    readonly rules: readonly string[],
    /** The run's MQ side: the last observer of a PUBLISH no MQTT client may subscribe to. */
    readonly mq: MqChoice = { kind: 'none', reason: 'no MQ side was given to the raw probes' },
    /** [MQTT-3.3.5-2]: the topic the run may not publish to (profile config or target), if known. */
    readonly deniedPublishTopic?: string,
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

  /** [MQTT-3.1.3-8], [MQTT-3.1.3-9]: CONNACK 0x02 (identifier rejected), then the connection is closed. */
  async expectIdentifierRejected(actor: string) {
    await this.probes.expectConnackThenClose(actor, 0x02, this.rule);
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

  /**
   * TOP-2: an observer for PUBLISHes under an unprovisioned parent. A compliant broker refuses
   * `<parent>/#`, and then nothing an MQTT client subscribes to can see such a PUBLISH; so `#` is tried
   * next (a broker that grants it shows every topic), and when neither is granted the MQ side watches
   * the MQ topic named like the parent (MQM-1). Whether any observer exists is judged at the delivery
   * check: without one, "not delivered" is inconclusive, never a pass.
   */
  async listenUnderUnprovisionedParent(actor: string) {
    await this.goOnline(actor);
    const parent = this.unprovisionedParent();
    await this.subscribe(actor, [`${parent}/#`]);
    if (this.probes.grantedFilters(actor).length > 0) return;
    if (this.probes.rawClient(actor).closed) await this.goOnline(actor); // refused by closing: a fresh connection
    await this.subscribe(actor, ['#']);
    if (this.probes.grantedFilters(actor).length > 0) return;
    this.#parentWatch = { listener: actor, watch: await MqWatch.start(this.mq, parent) };
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
    const watch = this.#parentWatch?.listener === listener ? this.#parentWatch.watch : undefined;
    await this.probes.expectDelivery(
      listener,
      sender,
      delivery === 'reaches' ? 'accepts' : 'refuses',
      this.rule,
      watch,
    );
  }

  /** What the raw connections (and the MQ watch) sent and received, for the scenario's report. */
  transcript(): ActorPacketRecord[] {
    const watch = this.#parentWatch?.watch;
    const mq =
      typeof watch === 'object'
        ? watch.transcript().map((r) => ({ actor: 'MQ side', clientId: '', ...r }))
        : [];
    return [...this.probes.transcript(), ...mq].sort((a, b) => a.at - b.at);
  }

  /** raw-packet-transcript.json: the raw connections' packets (CID/TOP, malformed packets), when there were any. */
  evidence(run: StageRun): StageEvidence {
    const packets = this.transcript();
    if (packets.length === 0) return {};
    const body = { target: redactUrl(run.target), namespace: run.namespace, packets };
    return { attachments: [{ fileName: 'raw-packet-transcript.json', body }] };
  }

  async close() {
    this.probes.closeAll();
    const watch = this.#parentWatch?.watch;
    this.#parentWatch = undefined;
    if (typeof watch === 'object') await watch.stop();
  }

  // [MQTT-3.3.5-2] ---------------------------------------------------------------------------------------

  /**
   * Precondition of [MQTT-3.3.5-2]: the broker refuses a subscription under an unprovisioned parent, so it
   * does authorize by topic here. One that grants it refuses nothing the check could send: inconclusive.
   */
  async requireParentAuthorization(actor: string) {
    await this.goOnline(actor);
    await this.subscribe(actor, [`${this.unprovisionedParent()}/#`]);
    if (this.probes.grantedFilters(actor).length > 0)
      throw preconditionFailed(
        `"${actor}" was granted "${this.unprovisionedParent()}/#": the broker does not authorize by parent topic here, ` +
          'so no PUBLISH of the check would be unauthorized',
        'MQTT-3.3.5-2',
      );
  }

  /** A QoS 1 or 2 PUBLISH under the unprovisioned parent, its answer (bounded wait) kept for the judgement. */
  async publishUnauthorized(actor: string, qos: QoS) {
    await this.sendUnauthorized(actor, `${this.unprovisionedParent()}/${this.cases.namespace.id}/x`, qos);
  }

  /**
   * Under MQTT 3.1.1 the broker's own configuration names what it authorizes: an observer subscribes to
   * the topic the run may not publish to. A grant is lawful (a broker may deny writing only), so the
   * check then watches that the PUBLISH is delivered to nobody; a refusal already shows the denial.
   */
  async listenToDeniedTopic(actor: string) {
    await this.goOnline(actor);
    await this.subscribe(actor, [this.deniedTopic()]);
  }

  /** A QoS 1 or 2 PUBLISH to the denied topic, its answer (bounded wait) kept for the judgement. */
  async publishToDeniedTopic(actor: string, qos: QoS) {
    await this.sendUnauthorized(actor, this.deniedTopic(), qos);
  }

  /**
   * Precondition of [MQTT-3.3.5-2] under MQTT 3.1.1: the PUBLISH was really not authorized. A broker that
   * delivers it to the observer authorizes the topic (the configured one is wrong): inconclusive, never a
   * pass. Silence is awaited for the scenario's quiet window. Returns the evidence line.
   */
  async requireUndelivered(sender: string, listener: string): Promise<string> {
    const sent = this.#unauthorized;
    if (sent?.actor !== sender)
      throw new Error(`"${sender}" published nothing unauthorized (scenario defect)`);
    const topic = JSON.stringify(sent.topic);
    if (!this.probes.grantedFilters(listener).includes(sent.topic))
      return `the broker refused "${listener}" a subscription to ${topic} too (${this.describeGrants(listener)})`;
    const client = this.probes.rawClient(listener);
    const quietMs = this.probes.quietWindowMs();
    const arrived = await eventually(
      () =>
        client.publishes.some((p) => p.topic === sent.topic && p.payload.toString() === sent.payload)
          ? true
          : undefined,
      { timeoutMs: quietMs, description: `the unauthorized PUBLISH at "${listener}"` },
    ).catch(() => false);
    if (arrived)
      throw preconditionFailed(
        `the broker delivered "${sender}"'s PUBLISH to ${topic} to "${listener}": it authorizes that topic, so ` +
          'it is not one the broker denies (deniedPublishTopic of --profile-config, or the target) and nothing was unauthorized',
        'MQTT-3.3.5-2',
      );
    return `"${listener}" (granted ${topic}) received nothing of it within a ${quietMs} ms quiet window`;
  }

  expectUnauthorizedAnswer(actor: string): string {
    const sent = this.#unauthorized;
    if (sent?.actor !== actor) throw new Error(`"${actor}" published nothing unauthorized (scenario defect)`);
    return judgeUnauthorizedAnswer(
      actor,
      sent.topic,
      sent.qos,
      sent.answer,
      this.probes.rawClient(actor).closed,
    );
  }

  private async sendUnauthorized(actor: string, topic: string, qos: QoS) {
    // Only a QoS 1 or 2 PUBLISH has an answer to judge.
    if (qos === 0) throw new Error('an unauthorized PUBLISH is judged at QoS 1 or 2 (scenario defect)');
    const client = this.probes.rawClient(actor);
    // The scenario's own payload: another scenario's PUBLISH to the same denied topic is not this one.
    const payload = `unauthorized ${this.cases.namespace.id} QoS ${qos}`;
    const answer =
      qos === 1 ? await client.publish(topic, payload, 1) : await client.publishQos2(topic, payload);
    this.#unauthorized = { actor, topic, payload, qos, answer };
  }

  private deniedTopic(): string {
    if (this.deniedPublishTopic === undefined)
      throw new Error('no denied publish topic is known (a scenario without @needs-denied-publish-topic)');
    return this.deniedPublishTopic;
  }

  private describeGrants(actor: string): string {
    const filters = this.#filters.get(actor) ?? [];
    const granted = this.probes.grantedFilters(actor);
    return filters
      .map((f) => `${JSON.stringify(f)} ${granted.includes(f) ? 'granted' : 'refused'}`)
      .join(', ');
  }

  private async subscribe(actor: string, filters: string[]) {
    this.#filters.set(actor, [...(this.#filters.get(actor) ?? []), ...filters]);
    await this.probes.subscribe(actor, filters);
  }

  private unprovisionedParent(): string {
    return (this.#unprovisionedParent ??= this.cases.unprovisionedParentTopic());
  }
}
