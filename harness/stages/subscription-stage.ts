import type { IPublishPacket, Packet } from 'mqtt-packet';
import type { ScenarioNamespace } from '../client/namespace.ts';
import { SUBACK_FAILURE, type QoS } from '../connection/qos.ts';
import { RawClient, unparseableEnding } from '../connection/raw-client.ts';
import type { WaitEnd } from '../connection/packet-connection.ts';
import { preconditionFailed } from '../expectation.ts';
import { quietWindowMs } from '../net/quiet-window.ts';
import { redactUrl } from '../net/redact-url.ts';
import {
  malformedPacket,
  pubcompPacket,
  pubrecPacket,
  subscribePacket,
  unsubscribePacket,
  type AckKind,
  type Answer,
  type MalformedKind,
} from '../probe/subscribe-packets.ts';
import {
  decodeEscapes,
  judgeAckId,
  judgeClosedUnanswered,
  judgeNotGranted,
  payloadOf,
} from '../checks/subscription-answers.ts';
import {
  judgeCodePerFilter,
  judgeHeaderFlags,
  judgeInflightIds,
  exchangeKinds,
  judgeOwnIds,
  judgeQos0Bytes,
  judgeSubackCodes,
} from '../checks/packet-answers.ts';
import { SubscriberWire, type PublishExpectation } from '../checks/subscriber-wire.ts';
import type { Stage, StageEvidence, StageRun } from './stage.ts';

interface Actor {
  readonly client: RawClient;
  /** The filters (absolute) the broker granted, with the QoS of their latest grant. */
  readonly granted: Map<string, number>;
  nextId: number;
  /** The last packet judged by its answer: what was sent and what came back. */
  last?: {
    sent: string;
    ack: AckKind;
    packetId?: number;
    answer: Packet | WaitEnd;
    deletes?: boolean;
    /** SUBSCRIBE only: its filters (absolute), in order. */
    filters?: string[];
  };
  /** SUBSCRIBEs and UNSUBSCRIBEs written back to back: their IDs and how the wait for the answers ended. */
  burst?: { sent: string; suback: number[]; unsuback: number[]; from: number; ended: true | WaitEnd };
  /** The malformed packet last sent, and when. */
  malformed?: { sent: string; ack: Answer; at: number };
}

/**
 * SUBSCRIBE / UNSUBSCRIBE checks (features/conformance/mqtt-3.1.1/subscribe-*.feature,
 * unsubscribe.feature, topic-*.feature) on bare sockets: packets written byte by byte with the packet
 * IDs and flags the check chooses, every packet the broker sends back recorded (SUBACK/UNSUBACK IDs and
 * codes, PUBLISH QoS, RETAIN, DUP). Publishers are the client stage's; topics share its namespace.
 */
export class SubscriptionStage implements Stage {
  readonly #actors = new Map<string, Actor>();
  readonly #lines: string[] = [];
  /** Connections replaced by a reconnect, for the evidence. */
  readonly #past: [string, RawClient][] = [];

  constructor(
    readonly url: string,
    readonly namespace: ScenarioNamespace,
    /** The scenario's rule tags, named in failures that judge the scenario's own rule. */
    readonly rules: readonly string[],
    readonly timeoutMs = 5_000,
    /** How long a broker may take to close a connection it must close. */
    readonly closeWithinMs = 2_000,
  ) {}

  private get rule(): string {
    return this.rules.join(' ') || 'no rule tag';
  }

  /** Connects `actor` (again: a new socket with the same client ID; the old one's packets stay in the evidence). */
  async connect(actor: string, clean = true): Promise<void> {
    const earlier = this.#actors.get(actor);
    earlier?.client.destroy();
    if (earlier) this.#past.push([actor, earlier.client]);
    const client = new RawClient(this.url, this.timeoutMs);
    this.#actors.set(actor, { client, granted: new Map(), nextId: earlier?.nextId ?? 1 });
    const outcome = await client.connect({ clientId: this.namespace.clientId(actor), clean });
    if (!outcome.accepted)
      throw preconditionFailed(
        `"${actor}" was refused: ${outcome.failure ?? `CONNACK return code ${outcome.returnCode}`}; the check needs the connection accepted`,
      );
  }

  // Malformed packets -------------------------------------------------------------------------------

  sendMalformed(actor: string, packet: MalformedKind): void {
    const entry = this.actor(actor);
    const id = this.nextId(entry);
    const [bytes, sent, ack] = malformedPacket(packet, id, (f) => this.namespace.topic(f));
    entry.malformed = { sent, ack, at: Date.now() };
    entry.client.sendBytes(bytes);
  }

  /** The connection is closed within `closeWithinMs` and the packet was not answered. */
  async expectClosedUnanswered(actor: string): Promise<void> {
    const entry = this.actor(actor);
    const sent = entry.malformed;
    if (!sent) throw new Error(`"${actor}" sent no malformed packet (scenario defect)`);
    const closed = await entry.client.waitClosed(this.closeWithinMs);
    const answer = entry.client.received.find((p) => p.cmd === sent.ack.toLowerCase());
    const line = judgeClosedUnanswered({
      rule: this.rule,
      actor,
      sent: sent.sent,
      ack: sent.ack,
      answer,
      closedAfterMs: closed ? Date.now() - sent.at : undefined,
      withinMs: this.closeWithinMs,
    });
    this.#lines.push(line);
  }

  // SUBSCRIBE / UNSUBSCRIBE -------------------------------------------------------------------------

  /** One SUBSCRIBE of `asked` (relative filters); with `packetId`, that ID and its answer is judged later. */
  async subscribe(actor: string, asked: readonly { filter: string; qos: number }[], packetId?: number) {
    const entry = this.actor(actor);
    const id = packetId ?? this.nextId(entry);
    const absolute = asked.map((a) => ({ filter: this.topic(a.filter), qos: a.qos }));
    const sent = `a SUBSCRIBE to ${asked.map((a) => `${JSON.stringify(a.filter)} at QoS ${a.qos}`).join(', ')}`;
    entry.client.sendBytes(subscribePacket(id, absolute));
    const answer = await this.answer(entry, 'suback', packetId);
    entry.last = { sent, ack: 'SUBACK', packetId: id, answer, filters: absolute.map((a) => a.filter) };
    if (typeof answer !== 'string' && answer.cmd === 'suback')
      answer.granted.forEach((code, i) => {
        const filter = absolute[i]?.filter;
        if (filter !== undefined && typeof code === 'number' && code !== SUBACK_FAILURE)
          entry.granted.set(filter, code);
      });
    if (packetId !== undefined) return;
    // A setup subscription: a refusal is lawful, so the check that needs it is inconclusive.
    const codes =
      typeof answer === 'string'
        ? this.settled(actor, answer)
        : answer.cmd === 'suback'
          ? answer.granted
          : [];
    if (typeof codes === 'string' || codes.length !== asked.length || codes.includes(SUBACK_FAILURE))
      throw preconditionFailed(
        `"${actor}" sent ${sent}; the broker answered ${typeof codes === 'string' ? `nothing (${codes})` : `SUBACK [${codes.join(', ')}]`}; the check needs every filter granted`,
      );
  }

  /** Precondition: `filter` is held at `qos` or above (a lower grant is lawful [MQTT-3.9.3]). */
  requireGranted(actor: string, filter: string, qos: QoS): string {
    const granted = this.actor(actor).granted.get(this.topic(filter));
    if (granted === undefined || granted < qos)
      throw preconditionFailed(
        `"${actor}" holds ${JSON.stringify(filter)} at ${granted === undefined ? 'no QoS' : `QoS ${granted}`}; the check needs QoS ${qos} or above`,
      );
    return `"${actor}" holds ${JSON.stringify(filter)} at QoS ${granted}`;
  }

  /** One UNSUBSCRIBE of `filters` (relative); with `packetId`, that ID and its answer is judged later. */
  async unsubscribe(actor: string, filters: readonly string[], packetId?: number): Promise<void> {
    const entry = this.actor(actor);
    const id = packetId ?? this.nextId(entry);
    const absolute = filters.map((f) => this.topic(f));
    const deletes = absolute.some((f) => entry.granted.has(f));
    const sent = `an UNSUBSCRIBE of ${filters.map((f) => JSON.stringify(f)).join(', ')}`;
    entry.client.sendBytes(unsubscribePacket(id, absolute));
    const answer = await this.answer(entry, 'unsuback', packetId);
    entry.last = { sent, ack: 'UNSUBACK', packetId: id, answer, deletes };
    for (const filter of absolute) entry.granted.delete(filter);
    if (packetId === undefined && typeof answer === 'string' && this.settled(actor, answer))
      throw preconditionFailed(
        `"${actor}" sent ${sent}; no UNSUBACK came back (${answer}), so the check cannot go on (judged by [MQTT-3.10.4-4])`,
      );
  }

  expectAckId(actor: string, ack: AckKind, packetId: number): void {
    const last = this.actor(actor).last;
    if (last?.ack !== ack || last.packetId !== packetId)
      throw new Error(`"${actor}" sent no packet answered by ${ack} with ID ${packetId} (scenario defect)`);
    const answer = this.settled(actor, last.answer);
    this.#lines.push(judgeAckId({ actor, ...last, answer, packetId }));
  }

  /** [MQTT-3.8.4-5]: the last SUBSCRIBE's SUBACK has one return code per filter. */
  expectCodePerFilter(actor: string): void {
    const last = this.lastSubscribe(actor);
    const { unparseable } = this.actor(actor).client;
    this.#lines.push(
      judgeCodePerFilter(`"${actor}" sent ${last.sent}`, last.filters ?? [], last.answer, unparseable),
    );
  }

  /** [MQTT-3.9.3-2]: the last SUBSCRIBE's SUBACK codes are all 0x00, 0x01, 0x02 or 0x80. */
  expectDefinedCodes(actor: string): void {
    const last = this.lastSubscribe(actor);
    const { unparseable } = this.actor(actor).client;
    this.#lines.push(
      judgeSubackCodes(`"${actor}" sent ${last.sent}`, last.filters ?? [], last.answer, unparseable),
    );
  }

  /**
   * [MQTT-2.3.1-7]: SUBSCRIBEs with the IDs `suback` and UNSUBSCRIBEs with the IDs `unsuback` written in
   * one go (each of a filter of its own); waits until as many answers came as packets went, or the end.
   */
  async writeBurst(actor: string, suback: readonly number[], unsuback: readonly number[]): Promise<void> {
    const entry = this.actor(actor);
    const from = entry.client.received.length;
    const bytes = [
      ...suback.map((id, i) => subscribePacket(id, [{ filter: this.topic(`burst/${i}`), qos: 1 }])),
      ...unsuback.map((id, i) => unsubscribePacket(id, [this.topic(`burst/${i}`)])),
    ];
    entry.client.sendBytes(Buffer.concat(bytes));
    const answers = () =>
      entry.client.received.slice(from).filter((p) => p.cmd === 'suback' || p.cmd === 'unsuback').length;
    const ended = await entry.client.waitUntilOrEnd(() => answers() >= bytes.length);
    const list = (ids: readonly number[]) => ids.join(', ');
    entry.burst = {
      sent: `SUBSCRIBEs with packet IDs ${list(suback)} and UNSUBSCRIBEs with packet IDs ${list(unsuback)} in one write`,
      suback: [...suback],
      unsuback: [...unsuback],
      from,
      ended,
    };
  }

  expectOwnIds(actor: string): void {
    const entry = this.actor(actor);
    const burst = entry.burst;
    if (!burst) throw new Error(`"${actor}" wrote no SUBSCRIBE/UNSUBSCRIBE burst (scenario defect)`);
    this.#lines.push(
      judgeOwnIds(
        `"${actor}" sent ${burst.sent}`,
        burst,
        entry.client.received.slice(burst.from),
        burst.ended,
      ),
    );
  }

  /** [MQTT-2.3.1-4] [MQTT-2.3.1-1]: the QoS 1 copies of `payloads` on `topic`, none acknowledged, carry distinct non-zero IDs. */
  async expectInflightIds(actor: string, payloads: readonly string[], topic: string): Promise<void> {
    const client = this.actor(actor).client;
    const absolute = this.topic(topic);
    const copy = (payload: string) => (p: IPublishPacket) => p.topic === absolute && payloadOf(p) === payload;
    for (const payload of payloads) await client.waitForPublish(copy(payload), this.quietMs());
    const sent = client.publishes.filter((p) => p.topic === absolute && p.qos === 1);
    const what = `"${actor}" acknowledged none of ${payloads.length} QoS 1 messages on ${JSON.stringify(topic)}`;
    this.#lines.push(judgeInflightIds(what, sent, payloads.length));
  }

  /** [MQTT-2.3.1-5]: the QoS 0 copy of `payload` on `topic` has exactly the payload after its topic name. */
  async expectQos0WithoutId(actor: string, payload: string, topic: string): Promise<void> {
    const client = this.actor(actor).client;
    const absolute = this.topic(topic);
    const sent = Buffer.from(payload, 'utf8');
    // A copy carrying a packet ID shows the payload with 2 bytes in front: wait for either.
    const copy = (p: IPublishPacket) =>
      p.topic === absolute && Buffer.from(p.payload).subarray(-sent.length).equals(sent);
    await client.waitForPublish(copy, this.quietMs());
    const what = `"${actor}" was sent ${JSON.stringify(payload)} on ${JSON.stringify(topic)} through a QoS 0 subscription`;
    this.#lines.push(judgeQos0Bytes(what, sent, client.publishes.filter(copy)));
  }

  /**
   * [MQTT-2.2.2-1]: makes the broker send each kind of packet it has: SUBACK, PUBACK, PUBREC, PUBCOMP,
   * a QoS 2 PUBLISH and its PUBREL, UNSUBACK, PINGRESP. Nothing here judges: a connection the harness
   * dropped on a packet it could not parse simply ends the exchange; the flags are judged after.
   */
  async exchangeEveryPacket(sub: string, pub: string, topic: string): Promise<void> {
    const [s, p] = [this.actor(sub).client, this.actor(pub).client];
    try {
      await this.exchange(s, p, this.topic(topic));
    } catch (error) {
      if (!s.droppedOn && !p.droppedOn) throw error;
    }
  }

  private async exchange(s: RawClient, p: RawClient, absolute: string): Promise<void> {
    s.sendBytes(subscribePacket(9001, [{ filter: absolute, qos: 2 }]));
    await s.waitForPacket((x): x is Packet => x.cmd === 'suback');
    await p.publish(absolute, 'flags-1', 1);
    await p.publishQos2(absolute, 'flags-2');
    // The QoS 1 copy is acknowledged first: a broker with one message in flight holds the QoS 2 one back.
    const qos1 = (x: IPublishPacket) => x.topic === absolute && x.qos === 1;
    if (await s.waitForPublish(qos1, this.quietMs()))
      s.send({ cmd: 'puback', messageId: s.publishes.find(qos1)?.messageId ?? 0 });
    const qos2 = (x: IPublishPacket) => x.topic === absolute && x.qos === 2;
    if (await s.waitForPublish(qos2, this.quietMs())) {
      const id = s.publishes.find(qos2)?.messageId ?? 0;
      s.sendBytes(pubrecPacket(id));
      await s.waitForPacket((x): x is Packet => x.cmd === 'pubrel');
      s.sendBytes(pubcompPacket(id));
    }
    s.sendBytes(unsubscribePacket(9002, [absolute]));
    await s.waitForPacket((x): x is Packet => x.cmd === 'unsuback');
    await s.ping();
    await p.ping();
  }

  expectTable22Flags(actors: readonly string[]): void {
    const what = `"${actors.join('" and "')}" went through SUBSCRIBE, QoS 1 and QoS 2 PUBLISH both ways, UNSUBSCRIBE and PINGREQ`;
    this.#lines.push(
      judgeHeaderFlags(
        what,
        actors.map((name) => {
          const client = this.actor(name).client;
          return { name, unparseable: client.unparseable, received: client.received };
        }),
        exchangeKinds(
          this.actor(actors[0] ?? '').client.received.some(
            (p) => p.cmd === 'suback' && p.granted.includes(2),
          ),
        ),
      ),
    );
  }

  // Deliveries ----------------------------------------------------------------------------------------

  /** A PUBLISH (QoS 0 or 1) from `actor`'s raw socket: the topic may carry escapes the feature cannot show. */
  async publish(actor: string, payload: string, topic: string, qos: 0 | 1): Promise<void> {
    const outcome = await this.actor(actor).client.publish(this.topic(topic), payload, qos);
    if (outcome === 'connection closed' || outcome === 'no acknowledgement')
      throw preconditionFailed(
        `"${actor}" published ${JSON.stringify(payload)} to ${JSON.stringify(topic)}: ${outcome}`,
      );
  }

  /** See SubscriberWire.expectPublish; `topic` as the feature writes it. */
  async expectPublish(actor: string, payload: string, topic: string, expect: PublishExpectation = {}) {
    this.#lines.push(await this.wire(actor).expectPublish(payload, this.topic(topic), topic, expect));
  }

  async expectNoPublish(actor: string, payload: string): Promise<void> {
    this.#lines.push(await this.wire(actor).expectNone(payload));
  }

  /** Answers the QoS 2 PUBLISH carrying `payload` with PUBREC (the raw client acknowledges nothing itself). */
  answerWithPubrec(actor: string, payload: string): void {
    const { messageId } = this.wire(actor).heldQos2(payload);
    this.actor(actor).client.sendBytes(pubrecPacket(messageId ?? 0));
  }

  async expectPubrel(actor: string, payload: string): Promise<void> {
    this.#lines.push(await this.wire(actor).expectPubrel(payload));
  }

  async expectOverlapDelivery(actor: string, payload: string, topic: string, qos: QoS): Promise<string> {
    return this.wire(actor).expectOverlapDelivery(payload, this.topic(topic), topic, qos);
  }

  // Topic filters ---------------------------------------------------------------------------------------

  /** A SUBSCRIBE of the empty filter (outside the namespace: it has no levels to put under it). */
  async subscribeToEmptyFilter(actor: string): Promise<void> {
    const entry = this.actor(actor);
    const id = this.nextId(entry);
    entry.client.sendBytes(subscribePacket(id, [{ filter: '', qos: 0 }]));
    const answer = await this.answer(entry, 'suback', undefined);
    entry.last = { sent: 'a SUBSCRIBE to the empty topic filter ""', ack: 'SUBACK', packetId: id, answer };
  }

  /** The last SUBSCRIBE was not granted: SUBACK 0x80 or a closed connection [MQTT-4.8.0-1]. */
  expectNotGranted(actor: string): void {
    const last = this.actor(actor).last;
    if (last?.ack !== 'SUBACK')
      throw new Error(`"${actor}" has not subscribed on its raw socket (scenario defect)`);
    this.#lines.push(judgeNotGranted(this.rule, actor, last.sent, this.settled(actor, last.answer)));
  }

  evidence(run: StageRun): StageEvidence {
    if (this.#actors.size === 0) return {};
    const body = {
      target: redactUrl(run.target),
      namespace: run.namespace,
      packets: [...this.#past, ...[...this.#actors].map(([name, a]) => [name, a.client] as const)].map(
        ([name, client]) => ({ actor: name, packets: client.transcript }),
      ),
    };
    return { lines: this.#lines, attachments: [{ fileName: 'subscription-transcript.json', body }] };
  }

  async close(): Promise<void> {
    for (const { client } of this.#actors.values()) client.destroy();
    this.#actors.clear();
  }

  /**
   * The answer of the packet just sent (called synchronously after sending it): with a chosen ID the
   * first of its kind from now on (its ID is judged), else the one carrying its ID.
   */
  private async answer(entry: Actor, cmd: 'suback' | 'unsuback', chosenId: number | undefined) {
    const from = entry.client.received.length;
    const id = chosenId ?? entry.nextId - 1;
    return entry.client.waitForPacketOrEnd(
      (p): p is Packet =>
        p.cmd === cmd &&
        (chosenId !== undefined
          ? entry.client.received.indexOf(p) >= from
          : 'messageId' in p && p.messageId === id),
    );
  }

  /** A feature's topic in the namespace, with `\\uXXXX` escapes decoded (invisible and combining characters). */
  private topic(relative: string): string {
    return this.namespace.topic(decodeEscapes(relative));
  }

  private nextId(entry: Actor): number {
    const id = entry.nextId;
    entry.nextId = (id % 60_000) + 1;
    return id;
  }

  private quietMs(): number {
    return quietWindowMs(Math.min(...[...this.#actors.values()].map((a) => a.client.fastestRoundTripMs)));
  }

  /** A wait's end as the broker made it; inconclusive when the harness dropped the connection on unparseable bytes. */
  private settled<T>(actor: string, end: T | 'unparseable'): T {
    if (end === 'unparseable') throw unparseableEnding(this.actor(actor).client.droppedOn);
    return end;
  }

  private wire(actor: string): SubscriberWire {
    return new SubscriberWire(actor, this.actor(actor).client, this.rule, () => this.quietMs());
  }

  private lastSubscribe(actor: string): NonNullable<Actor['last']> {
    const last = this.actor(actor).last;
    if (last?.ack !== 'SUBACK')
      throw new Error(`"${actor}" has not subscribed on its raw socket (scenario defect)`);
    return last;
  }

  private actor(name: string): Actor {
    const entry = this.#actors.get(name);
    if (!entry) throw new Error(`"${name}" is not connected on a raw socket (scenario defect)`);
    return entry;
  }
}
