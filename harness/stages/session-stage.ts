import type { ScenarioNamespace } from '../client/namespace.ts';
import { eventually } from '../eventually.ts';
import { expectationFailed, preconditionFailed } from '../expectation.ts';
import type { Profile } from '../profiles/profile.ts';
import type { QoS } from '../connection/qos.ts';
import { expectedCell, partRule, type CellPart } from '../profiles/session-table.ts';
import { judgeCell, missingDeliveries, unpublished, type PublishedMessage } from '../checks/cell-evidence.ts';
import { SessionActor } from './session-actor.ts';
import type { Ack } from '../connection/session-probe.ts';
import type { Stage, StageEvidence } from './stage.ts';
import { PresenceWatch } from './presence-watch.ts';
import { SessionPublishers } from './session-publishers.ts';
import { requireGrantedAsAsked, unpublishedPremise } from '../checks/premises.ts';
import { quietWindow, WireExpectations } from '../checks/wire-expectations.ts';
import { expectReleaseResent, expectResentInOrder } from '../checks/redelivery.ts';
import * as sessionRules from '../checks/session-rules.ts';

/**
 * The QoS × cleanSession scenarios (QCS): subscribers are SessionProbes (raw packets, DUP flags and
 * packet IDs as sent, acks that can be withheld), optionally behind a FaultProxy; publishers are probes
 * too. Each step makes one call here; the judgement comes from the profile (session-table.ts).
 * Every subscriber connects with a will on `presence/<actor>`, so "the broker noticed the socket
 * died" is an observed event rather than a guess about timing.
 */
export class SessionStage implements Stage {
  readonly #actors = new Map<string, SessionActor>();
  readonly #published: PublishedMessage[] = [];
  #fastestRoundTripMs = Number.POSITIVE_INFINITY;
  readonly notes: string[] = [];
  /** Every Table 2-1 judgement made, passed or not, for the report. */
  readonly judgements: string[] = [];
  /** The QoS each subscriber asked for, in the order of its grants. */
  readonly #asked = new Map<string, QoS[]>();
  /** The acks each subscriber last released in one write, in the order sent [MQTT-4.6.0-4]. */
  readonly #released = new Map<string, { cmd: Ack; messageId: number }[]>();

  readonly #presence: PresenceWatch;
  readonly #publishers: SessionPublishers;

  constructor(
    readonly url: string,
    readonly namespace: ScenarioNamespace,
    readonly profile: Profile,
    readonly receiveTimeoutMs = 5_000,
  ) {
    this.#presence = new PresenceWatch(url, namespace, receiveTimeoutMs);
    this.#publishers = new SessionPublishers(url, namespace, receiveTimeoutMs);
  }

  // Connections -------------------------------------------------------------------------------------

  /** Connects (through a fault proxy when `faulty`) and subscribes; a refused CONNECT is inconclusive. */
  async online(name: string, clean: boolean, filter: string, qos: QoS, faulty = false): Promise<void> {
    const actor = this.#actors.get(name) ?? (await this.createActor(name, faulty));
    if (!actor.probe.online) await this.connect(actor, clean);
    const granted = await actor.probe.subscribe(this.namespace.topic(filter), qos);
    if (typeof granted !== 'number')
      throw preconditionFailed(
        `"${name}" got no SUBACK for "${filter}" (${granted}), which breaks [MQTT-3.8.4-1] (judged in its own scenario); ` +
          'the check needs the subscription',
      );
    actor.granted.push(granted);
    this.#asked.set(name, [...(this.#asked.get(name) ?? []), qos]);
    actor.filters.add(this.namespace.topic(filter));
    actor.state = 'online';
  }

  /** Reconnects with the same client ID; the session-present flag is recorded for the judgement. */
  async comeBack(name: string, clean: boolean): Promise<void> {
    const actor = this.actor(name);
    actor.proxy?.heal();
    const outcome = await this.connect(actor, clean);
    actor.sessionPresentOnReturn.push(outcome.sessionPresent);
    actor.state = 'back';
  }

  async disconnect(name: string): Promise<void> {
    const actor = this.actor(name);
    await this.settle(name);
    await actor.probe.disconnect();
    actor.state = 'away after DISCONNECT';
  }

  /** The client's socket dies (no DISCONNECT); returns once the broker has published the will. */
  async kill(name: string): Promise<void> {
    await this.settle(name);
    await this.brokerNoticed(name, () => this.actor(name).probe.kill());
  }

  /** The network between the client and the broker is cut in both directions at once. */
  async cutNetwork(name: string): Promise<void> {
    const proxy = this.actor(name).faultyProxy();
    // Through a black hole nothing can arrive, but what was published meanwhile must have been sent into
    // it before the cut (seen by the proxy), so "lost by the network" is observed rather than a race with
    // the cut; otherwise the flows in progress reach the subscriber first.
    if (proxy.condition.kind === 'black-hole') await this.settle(name, proxy.swallowedPublishes);
    else await this.settle(name);
    await this.brokerNoticed(name, () => proxy.cut());
  }

  /** Bytes vanish both ways; neither end is told. */
  blackHole(name: string): void {
    this.actor(name).faultyProxy().blackHole();
  }

  withhold(name: string, ack: Ack): void {
    this.actor(name).probe.withhold(ack);
  }

  acknowledgeAgain(name: string): void {
    this.actor(name).probe.acknowledge();
  }

  // Publishing ----------------------------------------------------------------------------------------

  /** Publishes and completes the publisher's QoS flow; how it ended is kept as evidence, not thrown. */
  async send(publisher: string, payload: string, topic: string, qos: QoS): Promise<void> {
    const probe = await this.#publishers.online(publisher);
    const absolute = this.namespace.topic(topic);
    const outcome = await probe.publish(absolute, payload, qos);
    for (const [name, actor] of this.#actors) {
      if (!actor.filters.has(absolute)) continue;
      this.#published.push({
        subscriber: name,
        payload,
        topic: absolute,
        qos,
        moment: actor.moment,
        outcome: `${outcome}`,
      });
      if (outcome !== 'completed')
        this.notes.push(`"${publisher}" → "${name}": QoS ${qos} publish of "${payload}" ended: ${outcome}`);
    }
    // A message for a subscriber back but not resubscribed tests whether its subscription was kept. Its
    // routing inside the broker is not bound by the publisher's flow (a broker may PUBACK, or take a
    // QoS 0 PUBLISH, before it routes): the quiet window lets it reach whatever subscription there is
    // before the scenario subscribes again, so it is never taken for the kept subscription's delivery.
    if (
      [...this.#actors.values()].some((a) => a.filters.has(absolute) && a.moment === 'back, not resubscribed')
    )
      await this.quietWindow();
  }

  // Judgements ----------------------------------------------------------------------------------------

  /**
   * One part of `name`'s Table 2-1 cell, judged aspect by aspect against the profile under the rule the
   * part belongs to (session-table.ts `partRule`) [QCS-6].
   */
  async expectCell(name: string, qos: QoS, clean: boolean, part: CellPart): Promise<string> {
    const actor = this.actor(name);
    const cell = expectedCell(this.profile, qos, clean);
    // Precondition: the cell is about a QoS `qos` subscription; a lower grant is lawful [MQTT-3.9.3].
    requireGrantedAsAsked(name, [qos], actor.granted, partRule(cell, part));
    const observations = () => ({
      granted: actor.granted,
      sessionPresentOnReturn: actor.sessionPresentOnReturn,
      published: this.#published.filter((m) => m.subscriber === name),
      received: actor.probe.publishes,
    });
    // Bounded wait for what must arrive; then a quiet window for what must not (or must not again).
    await eventually(() => (missingDeliveries(cell, observations(), part) === 0 ? true : undefined), {
      timeoutMs: this.receiveTimeoutMs,
      description: 'the deliveries the cell requires',
    }).catch(() => undefined);
    await this.quietWindow();
    const lost = unpublished(cell, observations(), part);
    if (lost.length > 0)
      throw preconditionFailed(
        `the cell needs ${lost.map((m) => `"${m.payload}" (QoS ${m.qos} publish ended: ${m.outcome})`).join(', ')} ` +
          `delivered, and the publisher's flow did not complete, so the broker may never have taken it on`,
        partRule(cell, part),
      );
    const { holds, deviations, table } = judgeCell(cell, observations(), part);
    const evidence = [table, ...this.notes].join('\n');
    this.judgements.push(evidence);
    if (!holds) {
      const summary = `Table 2-1 (QoS ${qos}, cleanSession=${clean}, ${part}) does not hold under ${this.profile.name} [${partRule(cell, part)}]: ${deviations.join('; ')}`;
      throw expectationFailed(`${summary}\n${evidence}`);
    }
    return evidence;
  }

  /** The message reached `name`'s application, duplicates allowed (QoS 1) [QCS-1]. */
  async expectDeliveredAtLeastOnce(name: string, payload: string): Promise<void> {
    await this.withPremises(name, payload, () => this.wire(name).deliveredAtLeastOnce(payload));
  }

  /** The message reached `name`'s application exactly once, whatever was re-sent on the wire [QCS-1]. */
  async expectDeliveredOnce(name: string, payload: string): Promise<void> {
    await this.withPremises(name, payload, () => this.wire(name).deliveredOnce(payload));
  }

  /** The unacknowledged PUBLISH came again with DUP=1 and its packet ID [MQTT-3.3.1-1, MQTT-4.4.0-1]. */
  async expectRedeliveredWithDup(name: string, payload: string): Promise<void> {
    const connects = this.actor(name).connects;
    await this.withPremises(name, payload, () => this.wire(name).redeliveredWithDup(payload, connects));
  }

  /** The PUBREL of `payload`, not completed before the subscriber left, came again [MQTT-4.4.0-1]. */
  async expectReleaseResent(name: string, payload: string): Promise<string> {
    const { probe, connects, granted } = this.actor(name);
    requireGrantedAsAsked(name, this.#asked.get(name) ?? [], granted);
    return expectReleaseResent(name, probe, payload, connects, this.receiveTimeoutMs);
  }

  /** The unacknowledged messages came again in the order of the originals [MQTT-4.6.0-1]. */
  async expectResentInOrder(name: string, payloads: readonly string[]): Promise<string> {
    const { probe, connects, granted } = this.actor(name);
    requireGrantedAsAsked(name, this.#asked.get(name) ?? [], granted);
    return expectResentInOrder(name, probe, payloads, connects, this.receiveTimeoutMs);
  }

  /** A delivery check under its preconditions (harness/checks/premises.ts): unmet, it is inconclusive. */
  private async withPremises(name: string, payload: string, check: () => Promise<void>): Promise<void> {
    requireGrantedAsAsked(name, this.#asked.get(name) ?? [], this.actor(name).granted);
    await check().catch((error: unknown) => {
      const sent = this.#published.find((m) => m.subscriber === name && m.payload === payload);
      throw unpublishedPremise(payload, sent, error) ?? error;
    });
  }

  // Session statements (harness/checks/session-rules.ts) ----------------------------------------------

  /** A client ID new to the scenario connects, subscribing nothing; its session-present flag is kept. */
  async arrive(name: string, clean: boolean): Promise<void> {
    const actor = this.#actors.get(name) ?? (await this.createActor(name, false));
    actor.sessionPresentOnReturn.push((await this.connect(actor, clean)).sessionPresent);
    actor.state = 'back';
  }

  /** The connection stays open and silent for `ms` (the broker's timers, not an event, are under test). */
  async stayConnected(name: string, ms: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    if (!this.actor(name).probe.online)
      throw preconditionFailed(`the broker closed "${name}"'s connection while it stayed connected`);
  }

  /** Once what was published to `name` has arrived, its withheld acks go out in one write, in `order`. */
  async releaseAcks(name: string, order: 'oldest first' | 'reversed'): Promise<void> {
    const actor = this.actor(name);
    await this.settle(name);
    this.#released.set(name, actor.probe.releaseWithheld(order));
  }

  /**
   * [MQTT-3.1.2-5]: a QoS 1 or 2 message kept while `name` was away comes on its return; QoS 0 is recorded.
   * Premise: the session was resumed at all, shown by its kept subscription delivering what was published
   * after the return; a session not resumed is [MQTT-3.1.4-3]'s failure, and this check is inconclusive.
   */
  async expectKeptWhileAway(name: string, payload: string): Promise<string> {
    const sent = this.#published.find((m) => m.subscriber === name && m.payload === payload);
    if (sent?.qos === 0) return sessionRules.recordQos0Kept(this.view(name), payload);
    await this.requireResumed(name, 'MQTT-3.1.2-5');
    const why = 'the session of a cleanSession=0 client keeps its QoS 1 and QoS 2 messages while it is away';
    return this.judged(name, [payload], (p) =>
      sessionRules.expectSentOn(this.view(name), p, 'MQTT-3.1.2-5', why),
    );
  }

  /** Premise of `rule`: a message published to `name` since its return came on its kept subscription. */
  private async requireResumed(name: string, rule: string): Promise<void> {
    const controls = this.#published.filter(
      (m) => m.subscriber === name && m.moment === 'back, not resubscribed',
    );
    if (controls.length === 0)
      throw new Error(`nothing was published to "${name}" after its return (scenario defect)`);
    for (const control of controls) if (await sessionRules.arrival(this.view(name), control.payload)) return;
    throw preconditionFailed(
      `"${name}" came back and its kept subscription did not deliver ${controls.map((m) => `"${m.payload}"`).join(', ')}, ` +
        `so its session was not resumed ([MQTT-3.1.4-3] judges that); ${sessionRules.flag(this.view(name))}`,
      rule,
    );
  }

  /**
   * [MQTT-3.1.3-2]: `name`, a new client ID, gets nothing queued for `owner`; the control brings `owner`
   * back (cleanSession=0) to show the broker kept the message at all.
   */
  async expectOwnSession(name: string, owner: string, payload: string): Promise<string> {
    const sent = this.#published.find((m) => m.subscriber === owner && m.payload === payload);
    if (sent && sent.outcome !== 'completed') throw unpublishedPremise(payload, sent, 'no delivery to judge');
    const ownerGets = async () => {
      await this.comeBack(owner, false);
      return (await sessionRules.arrival(this.view(owner), payload)) !== undefined;
    };
    return sessionRules.expectOwnSession(
      this.view(name),
      owner,
      payload,
      () => this.quietWindow(),
      ownerGets,
    );
  }

  /** [MQTT-3.1.4-3] with cleanSession=0: the kept subscription delivers `payload` (the flag is recorded). */
  async expectResumed(name: string, payload: string): Promise<string> {
    return this.judged(name, [payload], (p) => sessionRules.expectResumed(this.view(name), p));
  }

  /** [MQTT-3.1.4-3] with cleanSession=1: the old subscription is gone (the flag is recorded). */
  async expectStartedAfresh(name: string, payload: string): Promise<string> {
    return this.judged(name, [payload], (p) =>
      sessionRules.expectStartedAfresh(this.view(name), p, () => this.quietWindow()),
    );
  }

  /** [MQTT-4.1.0-1]: what the session holds (its subscription, its queue) reaches `name` on its current connection. */
  async expectStateKeptAcrossConnections(name: string, payloads: readonly string[]): Promise<string> {
    const why =
      'the server keeps a session’s subscriptions and queued messages for as long as the session lasts';
    return this.judged(name, payloads, (p) =>
      sessionRules.expectSentOn(this.view(name), p, 'MQTT-4.1.0-1', why),
    );
  }

  /** [MQTT-4.1.0-2]: the subscription of a connection left open and silent still delivers `payload`. */
  async expectStateKeptWhileOpen(name: string, payload: string): Promise<string> {
    const why =
      'a session, its subscriptions included, lasts at least as long as its network connection is open';
    return this.judged(name, [payload], (p) =>
      sessionRules.expectSentOn(this.view(name), p, 'MQTT-4.1.0-2', why),
    );
  }

  /** [MQTT-4.6.0-4]: the PUBRELs come in the order of the PUBRECs `name` released. */
  async expectPubrelOrder(name: string): Promise<string> {
    requireGrantedAsAsked(name, this.#asked.get(name) ?? [], this.actor(name).granted, 'MQTT-4.6.0-4');
    return sessionRules.expectPubrelOrder(this.view(name), this.#released.get(name) ?? []);
  }

  /** Judges each payload under the delivery premises; returns the evidence lines. */
  private async judged(
    name: string,
    payloads: readonly string[],
    judge: (payload: string) => Promise<string>,
  ): Promise<string> {
    const lines: string[] = [];
    for (const payload of payloads)
      await this.withPremises(name, payload, async () => void lines.push(await judge(payload)));
    return lines.join('\n');
  }

  private view(name: string): sessionRules.SessionView {
    const actor = this.actor(name);
    return {
      name,
      probe: actor.probe,
      connection: actor.connects,
      sessionPresent: actor.sessionPresentOnReturn.at(-1),
      timeoutMs: this.receiveTimeoutMs,
    };
  }

  /** The last CONNACK of `name` carried this session-present flag [MQTT-3.2.2-1, MQTT-3.2.2-2]. */
  expectSessionPresent(name: string, present: boolean): void {
    const observed = this.actor(name).sessionPresentOnReturn.at(-1);
    if (observed !== present)
      throw expectationFailed(
        `"${name}" got CONNACK with session present = ${observed}, expected ${present}`,
      );
  }

  async expectNeverDelivered(name: string, payload: string): Promise<void> {
    await this.wire(name).neverDelivered(payload);
  }

  /** QoS 0 is never re-sent [MQTT-4.3.1-1]. */
  async expectNotResent(name: string, payload: string): Promise<void> {
    await this.wire(name).notResent(payload, this.actor(name).proxy?.swallowedPublishes);
  }

  /** Everything the subscribers saw, for the report. */
  transcript(): Record<string, unknown> {
    return Object.fromEntries(
      [...this.#actors].map(([name, actor]) => [
        name,
        { publishes: actor.probe.publishes, pubrels: actor.probe.pubrels },
      ]),
    );
  }

  /** qcs-evidence.json: every Table 2-1 judgement, the notes and the wire, for passes too. */
  evidence(): StageEvidence {
    const body = { judgements: this.judgements, notes: this.notes, wire: this.transcript() };
    return { attachments: [{ fileName: 'qcs-evidence.json', body }] };
  }

  async close(): Promise<void> {
    this.#publishers.killAll();
    const probes = [...this.#actors.values()].map((a) => a.probe);
    this.#presence.close();
    for (const probe of probes) probe.kill();
    await Promise.all([...this.#actors.values()].map((actor) => actor.proxy?.close()));
  }

  // Internals -----------------------------------------------------------------------------------------

  private actor(name: string): SessionActor {
    const actor = this.#actors.get(name);
    if (!actor) throw new Error(`"${name}" has not connected in this scenario yet (scenario defect)`);
    return actor;
  }

  private async createActor(name: string, faulty: boolean): Promise<SessionActor> {
    await this.#presence.start();
    const clientId = this.namespace.clientId(name);
    const actor = await SessionActor.create(name, this.url, clientId, this.receiveTimeoutMs, faulty);
    this.#actors.set(name, actor);
    return actor;
  }

  /** Connects with a will on `presence/<name>`, so a socket death shows as the broker's will. */
  private async connect(actor: SessionActor, clean: boolean) {
    const outcome = await actor.connect(clean, this.#presence.will(actor.name));
    this.#fastestRoundTripMs = Math.min(this.#fastestRoundTripMs, outcome.roundTripMs);
    return outcome;
  }

  /**
   * Before a subscriber leaves, what was published to it while it was online has had its chance to
   * arrive (bounded): leaving earlier would turn an online message into an offline one.
   */
  private async settle(name: string, swallowed?: readonly string[]): Promise<void> {
    const actor = this.actor(name);
    const pending = () => actor.undelivered(this.#published).filter((m) => !swallowed?.includes(m.payload));
    // Through a black hole a QoS 2 flow cannot go on to PUBREL: only the sending is waited for.
    const settled = () => pending().length === 0 && (swallowed !== undefined || !actor.releasing);
    await eventually(() => (settled() ? true : undefined), {
      timeoutMs: this.receiveTimeoutMs,
      description: 'online messages',
    }).catch(() =>
      this.notes.push(
        `"${name}" left before ${swallowed ? 'the broker had sent it' : 'receiving'} ${pending()
          .map((m) => `"${m.payload}"`)
          .join(', ')}`,
      ),
    );
  }

  /** Runs `death` and waits for the broker to publish the will it causes. */
  private async brokerNoticed(name: string, death: () => void): Promise<void> {
    this.actor(name).state = 'away after socket death';
    if (!(await this.#presence.noticed(name, death))) {
      // Not a verdict of its own: the evidence says the broker gave no sign, and the scenario goes on.
      this.notes.push(
        `the broker published no will for "${name}" within ${this.receiveTimeoutMs} ms of its socket dying`,
      );
    }
  }

  /** Long enough for a message the broker was going to deliver to arrive; sized from the measured RTT. */
  private async quietWindow(): Promise<void> {
    await quietWindow(this.#fastestRoundTripMs);
  }

  private wire(name: string): WireExpectations {
    return new WireExpectations(name, this.actor(name).probe, this.receiveTimeoutMs, () =>
      this.quietWindow(),
    );
  }
}
