import { randomBytes } from 'node:crypto';
import { quietWindow } from '../checks/wire-expectations.ts';
import { InfrastructureError } from '../errors.ts';
import { eventually } from '../eventually.ts';
import type { QoS } from '../connection/qos.ts';
import { SessionProbe } from '../connection/session-probe.ts';
import { inRange, describeRange } from '../profiles/session-table.ts';
import type { ExpectedMessage, SessionModel } from './session-model.ts';
import { PropertyMismatch } from './property-result.ts';
import { DEFAULT_CLIENT_ID_SCHEME, type ClientIdScheme } from '../profiles/client-id-scheme.ts';

/**
 * The real side of the model-based test: one subscriber probe (raw packets, withholdable acks), one
 * publisher, and a watcher of the subscriber's will (the broker's word that it noticed a dead socket).
 * Client IDs and the topic are fresh per run, so runs never meet each other's sessions.
 */
export class SessionSystem {
  readonly sub: SessionProbe;
  readonly pub: SessionProbe;
  readonly watcher: SessionProbe;
  readonly topic: string;
  readonly willTopic: string;
  #fastestRoundTripMs = Number.POSITIVE_INFINITY;

  constructor(
    readonly url: string,
    home: { groupId: string; parentTopic: string },
    readonly timeoutMs = 5_000,
    /** The profile's client-ID scheme [CID-1]. */
    clientIds: ClientIdScheme = DEFAULT_CLIENT_ID_SCHEME,
  ) {
    const run = randomBytes(6).toString('base64url').replace(/[-_]/g, 'x');
    const id = (actor: string) => clientIds.build(home.groupId, `${actor}_${run}`);
    this.sub = new SessionProbe(url, id('msub'), timeoutMs);
    this.pub = new SessionProbe(url, id('mpub'), timeoutMs);
    this.watcher = new SessionProbe(url, id('mwatch'), timeoutMs);
    this.topic = `${home.parentTopic}/${run}/model`;
    this.willTopic = `${home.parentTopic}/${run}/presence`;
  }

  async start(): Promise<void> {
    for (const probe of [this.pub, this.watcher]) {
      const outcome = await probe.connect({ clean: true });
      if (!outcome.accepted)
        throw new InfrastructureError(
          `the model's ${probe.clientId} could not connect: ${outcome.failure ?? outcome.returnCode}`,
        );
      this.noteRoundTrip(outcome.roundTripMs);
    }
    await this.watcher.subscribe(this.willTopic, 1);
  }

  async connectSubscriber(clean: boolean): Promise<{ sessionPresent: boolean }> {
    const outcome = await this.sub.connect({
      clean,
      will: { topic: this.willTopic, payload: 'gone', qos: 1 },
    });
    this.noteRoundTrip(outcome.roundTripMs);
    // No CONNACK at all says nothing about sessions: the broker is gone or unreachable.
    if (!outcome.accepted && outcome.returnCode === undefined) {
      throw new InfrastructureError(
        `the model's subscriber could not connect: ${outcome.failure ?? 'no CONNACK'}`,
      );
    }
    if (!outcome.accepted) {
      throw new PropertyMismatch(
        'QCS-2',
        `the subscriber's CONNECT (cleanSession=${clean}) was refused: ${outcome.failure ?? `return code ${outcome.returnCode}`}`,
      );
    }
    return outcome;
  }

  /** Waits (bounded) for the subscriber's will: the broker has noticed that the socket died. */
  async brokerNoticedDeath(): Promise<void> {
    const before = this.watcher.publishes.length;
    this.sub.kill();
    await eventually(() => (this.watcher.publishes.length > before ? true : undefined), {
      timeoutMs: this.timeoutMs,
      description: 'the will of the killed subscriber',
    }).catch(() => {
      throw new InfrastructureError(
        'the broker published no will for a killed client, so the model cannot tell when it noticed',
      );
    });
  }

  /**
   * Compares the wire with the model: what must have arrived has (bounded wait), nothing exceeds what
   * may arrive, delivered QoS is the effective one [MQTT-3.8.4-6], re-sends carry DUP [MQTT-3.3.1-1].
   */
  async check(model: SessionModel, settle = false): Promise<void> {
    await eventually(
      () => (model.messages.every((m) => this.delivered(m) >= m.deliveries.min) ? true : undefined),
      {
        timeoutMs: this.timeoutMs,
        description: 'the deliveries the model requires',
      },
    ).catch(() => undefined);
    if (settle) await this.quietWindow();
    for (const m of model.messages) this.judge(m);
  }

  /** A settle point (SessionModel.settle): call before the subscriber's next step goes on the wire. */
  settle(model: SessionModel): void {
    model.settle(this.sub.publishes.map((p) => p.payload));
  }

  async close(): Promise<void> {
    for (const probe of [this.sub, this.pub, this.watcher]) probe.kill();
  }

  private judge(m: ExpectedMessage): void {
    const copies = this.sub.publishes.filter((p) => p.payload === m.payload);
    const delivered = copies.filter((p) => p.delivered).length;
    if (!inRange(delivered, m.deliveries)) {
      const rule = m.effective === 2 && delivered > 1 ? 'QCS-1' : m.rule;
      throw new PropertyMismatch(
        rule,
        `"${m.payload}" (published at QoS ${m.published}, ${m.why}) reached the subscriber ${delivered} times, expected ${describeRange(m.deliveries)}; ${this.describeWire()}`,
      );
    }
    // Each payload is published once, so two QoS 0 copies are a re-send whatever the race allowed (a
    // message that raced a subscription change may also arrive at QoS 1 and be re-sent lawfully).
    const qos0 = copies.filter((p) => p.qos === 0).length;
    if (qos0 > 1 && (m.effective === 0 || m.open?.includes(0))) {
      throw new PropertyMismatch(
        'QCS-1',
        `QoS 0 "${m.payload}" was sent ${qos0} times (at most once [MQTT-4.3.1-1]); ${this.describeWire()}`,
      );
    }
    // A message that raced with a change of the subscription may carry any QoS it could have had.
    const allowed = m.open ?? (m.effective === undefined ? [] : [m.effective]);
    const wrongQos = copies.find((p) => allowed.length > 0 && !allowed.includes(p.qos));
    if (wrongQos) {
      throw new PropertyMismatch(
        'MQTT-3.8.4-6',
        `"${m.payload}" arrived at QoS ${wrongQos.qos}, expected QoS ${allowed.join(' or ')} (published ${m.published}, the minimum of that and the granted QoS); ${this.describeWire()}`,
      );
    }
    const resentWithoutDup = copies.slice(1).find((p) => p.qos > 0 && !p.dup);
    if (resentWithoutDup) {
      throw new PropertyMismatch(
        'MQTT-3.3.1-1',
        `"${m.payload}" was re-sent with DUP=0; ${this.describeWire()}`,
      );
    }
  }

  private delivered(m: ExpectedMessage): number {
    return this.sub.publishes.filter((p) => p.payload === m.payload && p.delivered).length;
  }

  private noteRoundTrip(ms: number): void {
    this.#fastestRoundTripMs = Math.min(this.#fastestRoundTripMs, ms);
  }

  /** Long enough for a message the broker was going to send to arrive; sized from the measured RTT. */
  private async quietWindow(): Promise<void> {
    await quietWindow(this.#fastestRoundTripMs);
  }

  describeWire(): string {
    const lines = this.sub.publishes.map(
      (p) =>
        `#${p.connection} ${p.payload} QoS ${p.qos}${p.dup ? ' DUP' : ''} id=${p.packetId ?? '-'}${p.delivered ? '' : ' (re-send)'}`,
    );
    return `the subscriber saw: ${lines.join(', ') || 'nothing'}`;
  }
}

export type { QoS };
