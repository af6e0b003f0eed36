import mqttPacket, { type Packet } from 'mqtt-packet';
import type { ScenarioNamespace } from '../client/namespace.ts';
import { RawClient } from '../connection/raw-client.ts';
import { SessionProbe, type WirePublish } from '../connection/session-probe.ts';
import { SUBACK_FAILURE, type QoS } from '../connection/qos.ts';
import { eventually } from '../eventually.ts';
import { expectationFailed, preconditionFailed } from '../expectation.ts';
import { quietWindowMs, waitQuietWindow } from '../net/quiet-window.ts';
import {
  describePublish,
  judgeAckOrder,
  judgeFirstSendDup,
  judgeOrder,
  judgeRetainedSent,
} from '../checks/publish-judgements.ts';
import { qos3Publish } from '../probe/publish-packets.ts';
import type { Stage, StageEvidence, StageRun } from './stage.ts';

/** How a publisher writes one PUBLISH: flags and packet ID as the scenario chooses them. */
export interface WireMessage {
  readonly topic: string;
  readonly payload: string;
  readonly qos: QoS;
  readonly retain?: boolean;
  readonly dup?: boolean;
  readonly messageId?: number;
}

interface Watcher {
  readonly probe: SessionProbe;
  granted: number;
}

/**
 * PUBLISH as the wire shows it (issue 12): publishers are RawClients that write each PUBLISH with the
 * flags and packet ID the scenario chooses (DUP=1 on a first send, a reused ID, QoS 3, a PUBREL with
 * wrong flags); subscribers ("watchers") are SessionProbes that record every PUBLISH with its DUP,
 * RETAIN, QoS and packet ID and acknowledge as a client must. The judgements are in
 * harness/checks/publish-judgements.ts; each names the statement it judges.
 */
export class PublishStage implements Stage {
  readonly #watchers = new Map<string, Watcher>();
  readonly #publishers = new Map<string, RawClient>();
  /** Packet IDs each publisher sent in its last burst, for the acknowledgement order. */
  readonly #burst = new Map<string, number[]>();
  readonly lines: string[] = [];
  #fastestRoundTripMs = Number.POSITIVE_INFINITY;

  constructor(
    readonly url: string,
    readonly namespace: ScenarioNamespace,
    readonly timeoutMs = 5_000,
  ) {}

  // Watchers (subscribers) ---------------------------------------------------------------------------

  /** Connects `actor` (clean session) once and subscribes; a refusal of either is inconclusive. */
  async watch(actor: string, filter: string, qos: QoS): Promise<void> {
    let watcher = this.#watchers.get(actor);
    if (!watcher) {
      const probe = new SessionProbe(this.url, this.namespace.clientId(actor), this.timeoutMs);
      const outcome = await probe.connect({ clean: true });
      if (!outcome.accepted)
        throw preconditionFailed(
          `"${actor}" was refused (${outcome.failure ?? `CONNACK ${outcome.returnCode}`})`,
        );
      this.#fastestRoundTripMs = Math.min(this.#fastestRoundTripMs, outcome.roundTripMs);
      watcher = { probe, granted: SUBACK_FAILURE };
      this.#watchers.set(actor, watcher);
    }
    const granted = await watcher.probe.subscribe(this.namespace.topic(filter), qos);
    if (typeof granted !== 'number' || granted === SUBACK_FAILURE)
      throw preconditionFailed(
        `"${actor}" was not granted "${filter}" (${typeof granted === 'number' ? 'SUBACK 0x80' : granted}); the check needs the subscription`,
      );
    watcher.granted = granted;
  }

  /** Precondition: the watcher holds its subscription at `qos` or above (a server may grant less [MQTT-3.9.3]). */
  requireGranted(actor: string, qos: QoS): void {
    const { granted } = this.watcher(actor);
    if (granted < qos)
      throw preconditionFailed(
        `"${actor}" was granted QoS ${granted} and the check needs QoS ${qos} [MQTT-3.9.3]`,
      );
  }

  /** Precondition: the message reached the watcher, so the broker did take it on. */
  async requireSent(actor: string, payload: string): Promise<void> {
    if (!(await this.firstSent(actor, payload)))
      throw preconditionFailed(
        `"${actor}" was never sent "${payload}" within ${this.timeoutMs} ms, so the broker did not take the message on; nothing can be judged`,
      );
  }

  // Publishers ----------------------------------------------------------------------------------------

  /** Publishes one PUBLISH as written and completes its flow; a flow that does not complete is inconclusive. */
  async publish(actor: string, message: WireMessage): Promise<void> {
    const client = await this.publisher(actor);
    const messageId = message.qos > 0 ? (message.messageId ?? client.nextPacketId()) : undefined;
    client.send(this.packet(message, messageId));
    if (messageId === undefined) return;
    const first = message.qos === 1 ? 'puback' : 'pubrec';
    if (!(await this.answered(client, first, messageId)))
      throw preconditionFailed(
        `"${actor}"'s QoS ${message.qos} PUBLISH (id ${messageId}) got no ${first.toUpperCase()}`,
      );
    if (message.qos === 1) return;
    client.send({ cmd: 'pubrel', messageId });
    if (!(await this.answered(client, 'pubcomp', messageId)))
      throw preconditionFailed(`"${actor}"'s PUBREL (id ${messageId}) got no PUBCOMP`);
  }

  /** Writes one PUBLISH as given and waits for nothing: its answer is judged by expectAnswer. */
  async write(actor: string, message: WireMessage): Promise<void> {
    const client = await this.publisher(actor);
    client.send(
      this.packet(message, message.qos > 0 ? (message.messageId ?? client.nextPacketId()) : undefined),
    );
  }

  /** A PUBREL for `messageId` (well-formed: fixed header flags 0010). */
  async release(actor: string, messageId: number): Promise<void> {
    (await this.publisher(actor)).send({ cmd: 'pubrel', messageId });
  }

  /** A PUBREL for `messageId` whose fixed header flags are `flags` (0010 is the only valid value [MQTT-3.6.1-1]). */
  async releaseWithFlags(actor: string, messageId: number, flags: number): Promise<void> {
    const client = await this.publisher(actor);
    client.sendBytes(Buffer.from([0x60 | (flags & 0x0f), 2, messageId >> 8, messageId & 0xff]));
  }

  /** Several PUBLISH packets (IDs counting up from `firstId`) in one write, nothing awaited. */
  async publishBurst(actor: string, topic: string, payloads: readonly string[], qos: QoS, firstId = 101) {
    const client = await this.publisher(actor);
    const ids = payloads.map((_, i) => firstId + i);
    const packets = payloads.map((payload, i) =>
      mqttPacket.generate(this.packet({ topic, payload, qos }, qos > 0 ? ids[i] : undefined)),
    );
    client.sendBytes(Buffer.concat(packets));
    this.#burst.set(actor, qos > 0 ? ids : []);
    if (qos < 2) return;
    // A server may pass a QoS 2 message on only once it is released (method A of [MQTT-4.3.3-2]): the
    // PUBRECs that came (bounded wait) are released in one write, in the order of the PUBLISH packets.
    const recs = () => client.received.filter((p) => p.cmd === 'pubrec').length;
    await client.waitForPacket((p): p is Packet => p.cmd === 'pubrec' && recs() >= ids.length);
    const released = ids.filter((id) =>
      client.received.some((p) => p.cmd === 'pubrec' && p.messageId === id),
    );
    client.sendBytes(
      Buffer.concat(released.map((messageId) => mqttPacket.generate({ cmd: 'pubrel', messageId }))),
    );
  }

  /** A PUBLISH with both QoS bits set, written byte by byte [MQTT-3.3.1-4]. */
  async writeQos3(actor: string, topic: string): Promise<void> {
    const client = await this.publisher(actor);
    client.sendBytes(qos3Publish(this.namespace.topic(topic), 'qos 3'));
  }

  // Judgements ----------------------------------------------------------------------------------------

  async expectRetainedSent(actor: string, payload: string, topic: string, qos: QoS): Promise<void> {
    const first = await this.firstSent(actor, payload);
    const granted = this.watcher(actor).granted;
    this.lines.push(judgeRetainedSent(actor, first, { payload, topic, qos, granted }));
  }

  /** The message reached an established subscription with RETAIN as `retain` says [MQTT-3.3.1-9]. */
  async expectSentWithRetainClear(actor: string, payload: string): Promise<void> {
    const first = await this.firstSent(actor, payload);
    if (!first) throw expectationFailed(`[MQTT-3.3.1-9] "${actor}" was never sent "${payload}"`);
    if (first.retain)
      throw expectationFailed(
        `[MQTT-3.3.1-9] "${actor}" was sent ${describePublish(first)} on its established subscription; it carries RETAIN=0`,
      );
    this.lines.push(`"${actor}" was sent ${describePublish(first)}`);
  }

  async expectFirstSendWithoutDup(actor: string, payload: string, publishedWithDup: boolean): Promise<void> {
    const first = await this.firstSent(actor, payload);
    if (!first) throw preconditionFailed(`"${actor}" was never sent "${payload}"; nothing to judge`);
    this.lines.push(judgeFirstSendDup(actor, first, publishedWithDup));
  }

  /** After the quiet window, `actor` received exactly `count` copies of `payload` (`rule` named if given). */
  async expectSentTimes(actor: string, payload: string, count: number, rule?: string): Promise<void> {
    if (count > 0) await this.firstSent(actor, payload);
    await this.quietWindow();
    const copies = this.sent(actor).filter((p) => p.payload === payload);
    if (copies.length !== count)
      throw expectationFailed(
        `${rule ? `[${rule}] ` : ''}"${actor}" was sent "${payload}" ${copies.length} times, expected ${count}: ${copies.map((p) => describePublish(p)).join('; ') || 'nothing'}`,
      );
    this.lines.push(`"${actor}" was sent "${payload}" ${count} time(s)`);
  }

  /** Nothing on `topic` reached `actor` within the quiet window (after what `except` names). */
  async expectNothingSentOn(actor: string, topic: string, rule?: string, except: readonly string[] = []) {
    this.watcher(actor);
    await this.quietWindow();
    const absolute = this.namespace.topic(topic);
    const unexpected = this.sent(actor).find((p) => p.topic === absolute && !except.includes(p.payload));
    if (unexpected)
      throw expectationFailed(
        `${rule ? `[${rule}] ` : ''}"${actor}" was sent ${describePublish(unexpected)}, which must not arrive`,
      );
  }

  async expectInOrder(actor: string, payloads: readonly string[]): Promise<void> {
    await eventually(
      () => (payloads.every((p) => this.sent(actor).some((s) => s.payload === p)) ? true : undefined),
      { timeoutMs: this.timeoutMs, description: 'every message of the burst' },
    ).catch(() => undefined);
    this.lines.push(judgeOrder(actor, payloads, this.sent(actor)));
  }

  /** The publisher's last burst was acknowledged (`puback` or `pubrec`) in the order it was written. */
  async expectAcksInOrder(actor: string, ack: 'puback' | 'pubrec', rule: string): Promise<void> {
    const client = this.client(actor);
    const ids = this.#burst.get(actor) ?? [];
    const acks = () =>
      client.received.filter((p) => p.cmd === ack).map((p) => ('messageId' in p ? p.messageId : 0));
    await client.waitForPacket((p): p is Packet => p.cmd === ack && acks().length >= ids.length);
    this.lines.push(
      judgeAckOrder(
        rule,
        ack,
        ids,
        acks().map((id) => id ?? 0),
      ),
    );
  }

  /**
   * `actor` was answered with `cmd` for `messageId` (`times` of them): an answer carrying another packet
   * ID breaks `rule`; no answer at all is inconclusive here ([MQTT-3.3.4-1] judges it, and a server may
   * close a connection whose PUBLISH it does not authorize [MQTT-3.3.5-2]).
   */
  async expectAnswer(
    actor: string,
    cmd: 'puback' | 'pubrec' | 'pubcomp',
    messageId: number,
    rule: string,
    times = 1,
  ) {
    const client = this.client(actor);
    const answers = () =>
      client.received.filter((p) => p.cmd === cmd).map((p) => ('messageId' in p ? p.messageId : undefined));
    await client.waitForPacket(
      (p): p is Packet => p.cmd === cmd && answers().filter((id) => id === messageId).length >= times,
    );
    const ids = answers();
    const matching = ids.filter((id) => id === messageId).length;
    if (matching >= times) {
      this.lines.push(`"${actor}" got ${cmd.toUpperCase()} for packet ID ${messageId} ${matching} time(s)`);
      return;
    }
    const others = ids.filter((id) => id !== messageId);
    if (others.length > 0)
      throw expectationFailed(
        `[${rule}] "${actor}" got ${cmd.toUpperCase()} with packet ID ${others.join(', ')} (and ${matching} with ${messageId}); it carries the packet ID ${messageId} it answers`,
      );
    if (matching > 0)
      throw expectationFailed(
        `[${rule}] "${actor}" got ${matching} ${cmd.toUpperCase()} for packet ID ${messageId}, expected ${times}`,
      );
    throw preconditionFailed(
      `"${actor}" got no ${cmd.toUpperCase()} at all (${client.closed ? 'the connection was closed' : `nothing within ${this.timeoutMs} ms`}); nothing to judge about its packet ID`,
    );
  }

  /**
   * The server as QoS 2 sender [MQTT-4.3.3-1]: the PUBLISH goes out with DUP=0, the watcher's PUBREC is
   * answered with a PUBREL of the same packet ID (which [MQTT-2.3.1-6] requires too), and once the PUBREL
   * is sent the PUBLISH is not sent again.
   */
  async expectReleasedOnce(actor: string, payload: string): Promise<void> {
    const { probe } = this.watcher(actor);
    const first = await this.firstSent(actor, payload);
    if (!first || first.qos !== 2 || first.packetId === undefined)
      throw preconditionFailed(
        `"${actor}" was not sent "${payload}" at QoS 2 (${first ? describePublish(first) : 'nothing'})`,
      );
    if (first.dup)
      throw expectationFailed(
        `[MQTT-4.3.3-1] the first QoS 2 PUBLISH to "${actor}" was ${describePublish(first)}; it goes out with DUP=0`,
      );
    const id = first.packetId;
    await eventually(() => (probe.pubrels.some((r) => r.packetId === id) ? true : undefined), {
      timeoutMs: this.timeoutMs,
      description: 'PUBREL',
    }).catch(() => undefined);
    if (!probe.pubrels.some((r) => r.packetId === id)) {
      const other = probe.pubrels.map((r) => r.packetId);
      if (other.length > 0)
        throw expectationFailed(
          `[MQTT-4.3.3-1] "${actor}" answered PUBLISH ${id} with PUBREC ${id} and got PUBREL ${other.join(', ')}; the PUBREL carries the packet ID ${id}`,
        );
      throw expectationFailed(
        `[MQTT-4.3.3-1] "${actor}" answered PUBLISH ${id} with PUBREC ${id} and got no PUBREL within ${this.timeoutMs} ms`,
      );
    }
    await this.quietWindow();
    const copies = this.sent(actor).filter((p) => p.payload === payload);
    if (copies.length > 1)
      throw expectationFailed(
        `[MQTT-4.3.3-1] "${actor}" was sent "${payload}" again after the PUBREL: ${copies.map((p) => describePublish(p)).join('; ')}`,
      );
    this.lines.push(`"${actor}" was sent ${describePublish(first)}, then PUBREL ${id}, and nothing again`);
  }

  /** The broker closed `actor`'s connection within the receive timeout, as `rule` requires. */
  async expectClosed(actor: string, rule: string, what: string): Promise<void> {
    const client = this.client(actor);
    if (client.closed || (await client.waitClosed(this.timeoutMs))) {
      this.lines.push(`the broker closed "${actor}"'s connection after ${what}`);
      return;
    }
    const answers = client.received.slice(-3).map((p) => p.cmd.toUpperCase());
    throw expectationFailed(
      `[${rule}] after ${what} the connection of "${actor}" was still open ${this.timeoutMs} ms later (last packets received: ${answers.join(', ') || 'none'}); the server closes it`,
    );
  }

  // Plumbing ------------------------------------------------------------------------------------------

  evidence(run: StageRun): StageEvidence {
    const wire = {
      publishers: Object.fromEntries([...this.#publishers].map(([a, c]) => [a, c.transcript])),
      watchers: Object.fromEntries(
        [...this.#watchers].map(([a, w]) => [
          a,
          { granted: w.granted, publishes: w.probe.publishes, pubrels: w.probe.pubrels },
        ]),
      ),
    };
    const used = this.#publishers.size + this.#watchers.size > 0;
    return {
      ...(used ? { attachments: [{ fileName: 'publish-wire.json', body: { ...run, ...wire } }] } : {}),
      ...(this.lines.length > 0 ? { lines: this.lines } : {}),
    };
  }

  async close(): Promise<void> {
    for (const client of this.#publishers.values()) client.destroy();
    for (const { probe } of this.#watchers.values()) probe.kill();
    this.#publishers.clear();
    this.#watchers.clear();
  }

  watcher(actor: string): Watcher {
    const watcher = this.#watchers.get(actor);
    if (!watcher) throw new Error(`"${actor}" watches nothing yet (scenario defect)`);
    return watcher;
  }

  client(actor: string): RawClient {
    const client = this.#publishers.get(actor);
    if (!client) throw new Error(`"${actor}" has not published yet (scenario defect)`);
    return client;
  }

  private async publisher(actor: string): Promise<RawClient> {
    const known = this.#publishers.get(actor);
    if (known) return known;
    const client = new RawClient(this.url, this.timeoutMs);
    this.#publishers.set(actor, client);
    const outcome = await client.connect({ clientId: this.namespace.clientId(actor), clean: true });
    if (!outcome.accepted)
      throw preconditionFailed(
        `"${actor}" was refused (${outcome.failure ?? `CONNACK ${outcome.returnCode}`})`,
      );
    this.#fastestRoundTripMs = Math.min(this.#fastestRoundTripMs, client.fastestRoundTripMs);
    return client;
  }

  private packet(message: WireMessage, messageId: number | undefined): Packet {
    return {
      cmd: 'publish',
      topic: this.namespace.topic(message.topic),
      payload: message.payload,
      qos: message.qos,
      retain: message.retain ?? false,
      dup: message.dup ?? false,
      ...(messageId === undefined ? {} : { messageId }),
    };
  }

  private async answered(client: RawClient, cmd: string, messageId: number): Promise<boolean> {
    const found = await client.waitForPacket(
      (p): p is Packet => p.cmd === cmd && 'messageId' in p && p.messageId === messageId,
    );
    return typeof found !== 'string';
  }

  private sent(actor: string): WirePublish[] {
    return this.watcher(actor).probe.publishes;
  }

  /** The first PUBLISH of `payload` to `actor`, waited for (bounded); undefined if none came. */
  private async firstSent(actor: string, payload: string): Promise<WirePublish | undefined> {
    const find = () => this.sent(actor).find((p) => p.payload === payload);
    return eventually(find, { timeoutMs: this.timeoutMs, description: `"${payload}"` }).catch(
      () => undefined,
    );
  }

  private async quietWindow(): Promise<void> {
    await waitQuietWindow(quietWindowMs(this.#fastestRoundTripMs));
  }
}
