import type { QoS } from '../connection/qos.ts';
import type { Ack } from '../connection/session-probe.ts';
import { keepsSession, offlineDelivery } from '../profiles/session-table.ts';
import type { Profile } from '../profiles/profile.ts';
import {
  AT_LEAST_ONCE,
  countDelivered,
  isQos,
  message,
  NEVER,
  online,
  ONCE,
  payloadIndex,
  type ExpectedMessage,
} from './expected-message.ts';

export type { ExpectedMessage };

/**
 * The QoS × cleanSession semantics as a small model: one subscriber with a fixed cleanSession flag
 * (QCS-3: a client keeps its flag) and one subscription, one always-online publisher. It predicts,
 * for every message, how many times the subscriber's application must / may get it:
 * QoS 0 at most once, QoS 1 at least once, QoS 2 exactly once (QCS-1); a persistent session keeps the
 * subscription and queues QoS 1/2 while away (QCS-2, [MQTT-3.1.2-4/5]); a clean one keeps nothing
 * ([MQTT-3.1.2-6]); under aliyun QoS 0 is never queued (QCS-6) and a QoS 2 subscription with
 * cleanSession=false behaves as clean (QCS-4). Unfinished flows are re-sent on resume [MQTT-4.4.0-1].
 */
export class SessionModel {
  online = false;
  /** The granted QoS of the session's subscription, if it has one. */
  granted: QoS | undefined;
  readonly withheld = new Set<Ack>();
  readonly messages: ExpectedMessage[] = [];
  /** The session-present flag the next CONNACK must carry, or undefined when it is not judged. */
  expectedSessionPresent: boolean | undefined = false;
  #counter = 0;
  #everConnected = false;
  /** Set when QCS-4 ended the session: later "no subscription" expectations file under it. */
  #lostToQcs4 = false;

  constructor(
    readonly profile: Profile,
    readonly clean: boolean,
  ) {}

  /** Whether the broker keeps this session across connections (QCS-2, QCS-4). */
  get persistent(): boolean {
    return keepsSession(this.profile, this.granted ?? 1, this.clean);
  }

  nextPayload(): string {
    this.#counter += 1;
    return `m${this.#counter}`;
  }

  /**
   * Settle points. MQTT orders messages per connection and per topic [MQTT-4.6.0-5, MQTT-4.6.0-6], never
   * across connections: a PUBLISH on the publisher's connection and a SUBSCRIBE (UNSUBSCRIBE, CONNECT,
   * DISCONNECT) on the subscriber's race, even after the publisher's PUBACK, because the standard does
   * not say when a server routes what it acknowledged. A message is settled — the broker has routed
   * it — once the subscriber has seen it or any later message of the one publisher on the one topic:
   * had the earlier one been routed later, it could not be delivered before the later one
   * (ordered topic), so its outcome is fixed by the state it was routed in. Call with what the
   * subscriber has seen *before* the subscriber's next step goes on the wire.
   */
  settle(seen: Iterable<string>): void {
    let latest = 0;
    for (const payload of seen) latest = Math.max(latest, payloadIndex(payload));
    for (const m of this.messages) if (payloadIndex(m.payload) <= latest) m.settled = true;
  }

  /**
   * Runs a change of the subscriber's state, then widens every unsettled message that the change
   * could have overtaken: if "routed after the change" predicts something else than "routed before",
   * either is fine — it may arrive (at most once at QoS 0/2, at any QoS it could have had) or not.
   */
  private change(step: () => void): void {
    step();
    for (const m of this.messages) {
      if (m.settled) continue;
      const after = this.predict(m.payload, m.published);
      const same =
        m.open === undefined &&
        after.effective === m.effective &&
        after.queued === m.queued &&
        after.deliveries.min === m.deliveries.min &&
        after.deliveries.max === m.deliveries.max;
      if (same) continue;
      const qos = new Set<QoS>([...(m.open ?? []), ...[m.effective, after.effective].filter(isQos)]);
      m.open = [...qos].sort();
      m.deliveries = { min: 0, ...(m.open.includes(1) ? {} : { max: 1 }) };
      m.queued = false;
      m.inFlight = undefined;
      m.why = `published on another connection while the subscriber's state changed: MQTT orders messages per connection only, so delivered or not are both allowed`;
    }
  }

  connected(): void {
    this.change(() => this.connectedNow());
  }

  private connectedNow(): void {
    // [MQTT-3.2.2-1] clean → 0; [MQTT-3.2.2-3] no earlier session → 0; [MQTT-3.2.2-2] a kept session
    // with a subscription → 1. A kept session with nothing in it is not judged.
    const resumes = !this.clean && this.#everConnected;
    this.expectedSessionPresent = resumes ? (this.granted !== undefined ? true : undefined) : false;
    this.#everConnected = true;
    if (this.clean) this.forgetSession();
    else this.resume();
    this.online = true;
  }

  subscribed(granted: QoS): void {
    this.change(() => {
      this.granted = granted;
      this.#lostToQcs4 = false;
    });
  }

  unsubscribed(): void {
    this.change(() => (this.granted = undefined));
  }

  published(payload: string, qos: QoS): void {
    this.messages.push(this.predict(payload, qos));
  }

  /** What the model expects of a message routed in the subscriber's current state. */
  private predict(payload: string, qos: QoS): ExpectedMessage {
    const messages: ExpectedMessage[] = [];
    this.routeInto(messages, payload, qos);
    const [m] = messages;
    if (!m) throw new Error('session model: no prediction');
    return m;
  }

  private routeInto(messages: ExpectedMessage[], payload: string, qos: QoS): void {
    if (this.granted === undefined) {
      const why = this.#lostToQcs4
        ? 'its QoS 2 subscription with cleanSession=false is not kept (QCS-4)'
        : this.online
          ? 'the subscriber holds no subscription'
          : 'the session kept no subscription';
      messages.push(message(payload, qos, undefined, NEVER, this.#lostToQcs4 ? 'QCS-4' : 'QCS-2', why));
      return;
    }
    const effective = Math.min(qos, this.granted) as QoS;
    if (this.online) {
      const expected = message(
        payload,
        qos,
        effective,
        online(effective),
        'QCS-1',
        `published at QoS ${qos} while online`,
      );
      expected.inFlight = this.unfinished(effective);
      messages.push(expected);
      return;
    }
    // Away: only a kept session queues, and (where Table 2-1 applies) never QoS 0 (QCS-6).
    if (!this.persistent) {
      messages.push(
        message(
          payload,
          qos,
          effective,
          NEVER,
          this.ruleForLostSession(),
          'published while away; no session is kept',
        ),
      );
    } else if (effective === 0) {
      const range = offlineDelivery(this.profile, 0, true);
      messages.push(message(payload, qos, effective, range, 'QCS-6', 'QoS 0 published while away'));
    } else {
      const queued = message(
        payload,
        qos,
        effective,
        NEVER,
        'QCS-2',
        'queued while away; due when the session resumes',
      );
      queued.queued = true;
      messages.push(queued);
    }
  }

  /** The connection ends (DISCONNECT or a dead socket: the model does not tell them apart). */
  disconnected(): void {
    this.change(() => {
      this.online = false;
      if (!this.persistent) this.forgetSession();
    });
  }

  withhold(ack: Ack): void {
    this.withheld.add(ack);
  }

  /** Acks flow again and the owed ones are sent now: flows on the live connection finish. */
  acknowledged(): void {
    this.withheld.clear();
    for (const m of this.messages) m.inFlight = undefined;
  }

  private resume(): void {
    for (const m of this.messages) {
      if (m.open) continue;
      if (m.queued) {
        m.queued = false;
        m.deliveries = m.effective === 2 ? ONCE : AT_LEAST_ONCE;
        m.why = 'queued while away, delivered when the session resumed';
      }
      // [MQTT-4.4.0-1]: an unacknowledged QoS 1 PUBLISH is sent again; a QoS 2 one never reaches the
      // application twice whatever is re-sent [MQTT-4.3.3-2].
      if (m.inFlight === 'puback') {
        m.deliveries = { min: m.deliveries.min + 1 };
        m.why = 'its PUBACK was withheld when the connection ended: re-sent on resume';
      }
      m.inFlight = this.unfinished(m.effective, m.inFlight);
    }
  }

  /** A clean start: what was queued or in flight is gone [MQTT-3.1.2-6]. */
  private forgetSession(): void {
    if (this.granted !== undefined) this.#lostToQcs4 = this.ruleForLostSession() === 'QCS-4';
    this.granted = undefined;
    for (const m of this.messages) {
      if (m.open) continue;
      if (m.queued) {
        m.queued = false;
        m.rule = this.ruleForLostSession();
        m.why = 'queued for a session that is not kept';
      }
      if (m.inFlight) {
        // Whether a broker finishes a flow of a dropped session is not judged: only the maximum holds.
        m.deliveries = {
          min: Math.min(m.deliveries.min, countDelivered(m)),
          ...(m.deliveries.max === undefined ? {} : { max: m.deliveries.max }),
        };
        m.inFlight = undefined;
      }
    }
  }

  /** Which ack of a message delivered now the subscriber holds back, if any. */
  private unfinished(effective: QoS | undefined, previous?: Ack): Ack | undefined {
    if (effective === 1 && this.withheld.has('puback')) return 'puback';
    if (effective === 2 && this.withheld.has('pubrec')) return 'pubrec';
    if (effective === 2 && (this.withheld.has('pubcomp') || previous === 'pubcomp')) return 'pubcomp';
    return undefined;
  }

  private ruleForLostSession(): string {
    return !this.clean && this.granted === 2 && !this.persistent ? 'QCS-4' : 'QCS-2';
  }
}
