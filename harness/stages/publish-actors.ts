import mqttPacket, { type Packet } from 'mqtt-packet';
import type { ScenarioNamespace } from '../client/namespace.ts';
import { RawClient } from '../connection/raw-client.ts';
import { SessionProbe, type WirePublish } from '../connection/session-probe.ts';
import { SUBACK_FAILURE, type QoS } from '../connection/qos.ts';
import { eventually } from '../eventually.ts';
import { preconditionFailed } from '../expectation.ts';
import { quietWindowMs, waitQuietWindow } from '../net/quiet-window.ts';
import { qos3Publish } from '../probe/publish-packets.ts';
import type { StageEvidence, StageRun } from './stage.ts';

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
 * The actors of the publish stage: publishers are RawClients that write each PUBLISH with the flags and
 * packet ID the scenario chooses (DUP=1 on a first send, a reused ID, QoS 3, a PUBREL with wrong flags);
 * subscribers ("watchers") are SessionProbes that record every PUBLISH with its DUP, RETAIN, QoS and
 * packet ID and acknowledge as a client must. The judgements on them are in publish-stage.ts.
 */
export class PublishActors {
  constructor(
    readonly url: string,
    readonly namespace: ScenarioNamespace,
    readonly timeoutMs = 5_000,
  ) {}

  readonly #watchers = new Map<string, Watcher>();
  readonly #publishers = new Map<string, RawClient>();
  /** Connections that took over a publisher's client ID to end its session (leave). */
  readonly #successors: RawClient[] = [];
  /** The PUBLISH packets of the last burst, in the order written, for the order judgement. */
  protected written: readonly { topic: string; payload: string }[] = [];
  /** Packet IDs each publisher sent in its last burst, for the acknowledgement order. */
  protected readonly burst = new Map<string, number[]>();
  readonly lines: string[] = [];
  #fastestRoundTripMs = Number.POSITIVE_INFINITY;

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
    await this.publishBurstTo(
      actor,
      payloads.map((payload) => ({ topic, payload })),
      qos,
      firstId,
    );
  }

  /** As publishBurst, each PUBLISH to its own topic. */
  async publishBurstTo(
    actor: string,
    messages: readonly { topic: string; payload: string }[],
    qos: QoS,
    firstId = 101,
  ) {
    const client = await this.publisher(actor);
    this.written = messages;
    const ids = messages.map((_, i) => firstId + i);
    const packets = messages.map(({ topic, payload }, i) =>
      mqttPacket.generate(this.packet({ topic, payload, qos }, qos > 0 ? ids[i] : undefined)),
    );
    client.sendBytes(Buffer.concat(packets));
    this.burst.set(actor, qos > 0 ? ids : []);
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

  /**
   * The publisher (cleanSession=1) leaves with a DISCONNECT or with its socket dying, and its session is
   * then known to be over: a CONNECT with its client ID and cleanSession=1 makes the server discard any
   * previous session [MQTT-3.1.2-6] (and close a connection it still held [MQTT-3.1.4-2]), so once that
   * CONNECT is accepted the old session has ended however slowly the broker noticed. The successor stays
   * connected, silent, until the scenario closes.
   */
  async leave(actor: string, how: 'disconnect' | 'socket death'): Promise<void> {
    const client = this.client(actor);
    if (how === 'disconnect') await client.disconnect();
    else client.destroy();
    const successor = new RawClient(this.url, this.timeoutMs);
    this.#successors.push(successor);
    const outcome = await successor.connect({ clientId: this.namespace.clientId(actor), clean: true });
    if (!outcome.accepted)
      throw preconditionFailed(
        `a CONNECT with the client ID of "${actor}" was refused (${outcome.failure ?? `CONNACK ${outcome.returnCode}`}), ` +
          'so nothing shows its session ended',
      );
    this.lines.push(
      `a CONNECT with the client ID of "${actor}" and cleanSession=1 was accepted: its old session is over`,
    );
  }

  /** True when `actor` has published in this scenario. */
  isPublisher(actor: string): boolean {
    return this.#publishers.has(actor);
  }

  /** A PUBLISH with both QoS bits set, written byte by byte [MQTT-3.3.1-4]. */
  async writeQos3(actor: string, topic: string): Promise<void> {
    const client = await this.publisher(actor);
    client.sendBytes(qos3Publish(this.namespace.topic(topic), 'qos 3'));
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
    for (const client of [...this.#publishers.values(), ...this.#successors]) client.destroy();
    this.#successors.length = 0;
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

  protected sent(actor: string): WirePublish[] {
    return this.watcher(actor).probe.publishes;
  }

  /** The first PUBLISH of `payload` to `actor`, waited for (bounded); undefined if none came. */
  protected async firstSent(actor: string, payload: string): Promise<WirePublish | undefined> {
    const find = () => this.sent(actor).find((p) => p.payload === payload);
    return eventually(find, { timeoutMs: this.timeoutMs, description: `"${payload}"` }).catch(
      () => undefined,
    );
  }

  protected async quietWindow(): Promise<void> {
    await waitQuietWindow(quietWindowMs(this.#fastestRoundTripMs));
  }
}
