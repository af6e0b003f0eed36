import type { IPublishPacket, Packet } from 'mqtt-packet';
import type { QoS } from '../connection/qos.ts';
import type { RawClient } from '../connection/raw-client.ts';
import { expectationFailed, preconditionFailed } from '../expectation.ts';
import { waitQuietWindow } from '../net/quiet-window.ts';
import { describePublish, payloadOf } from './subscription-answers.ts';

/** What a delivery check expects; see SubscriberWire.expectPublish. */
export interface PublishExpectation {
  readonly qos?: QoS;
  readonly exactly?: number;
  readonly atLeast?: number;
  readonly inconclusive?: boolean;
}

/**
 * What reached one raw subscriber, judged from the PUBLISH packets as they arrived (QoS, RETAIN, DUP,
 * how many copies). Waits are event-driven (re-checked on each packet) and bounded; "nothing arrived"
 * is concluded after the scenario's quiet window. Each method returns the evidence line of a pass.
 */
export class SubscriberWire {
  constructor(
    readonly name: string,
    readonly client: RawClient,
    /** The scenario's rule tags, named in a failure. */
    readonly rule: string,
    readonly quietMs: () => number,
  ) {}

  /**
   * `payload` is sent on `topic` (`shown` as the feature wrote it): at least once (or `atLeast` times,
   * or `exactly` times counted after a quiet window), the last copy at `qos` when given. `inconclusive`:
   * a precondition (a control subscriber), so a miss is no verdict and the topic is not judged.
   */
  async expectPublish(
    payload: string,
    topic: string,
    shown: string,
    { qos, exactly, atLeast = 1, inconclusive = false }: PublishExpectation = {},
  ): Promise<string> {
    const copies = () =>
      this.client.publishes.filter((p) => payloadOf(p) === payload && (inconclusive || p.topic === topic));
    const want = `${JSON.stringify(payload)} on ${JSON.stringify(shown)}`;
    const enough = await this.client.waitForPacket(
      (p): p is IPublishPacket => p.cmd === 'publish' && copies().length >= atLeast,
    );
    const arrived = typeof enough !== 'string';
    if (arrived && exactly !== undefined) await waitQuietWindow(this.quietMs());
    const seen = copies();
    const last = seen.at(-1);
    const problem = !arrived
      ? `was sent ${want} ${seen.length} time(s) within ${this.client.timeoutMs} ms, expected ${atLeast === 1 ? 'it' : `${atLeast} copies`}`
      : exactly !== undefined && seen.length !== exactly
        ? `was sent ${want} ${seen.length} times, expected exactly ${exactly}`
        : qos !== undefined && last?.qos !== qos
          ? `was sent ${want} at QoS ${last?.qos}, expected QoS ${qos}`
          : undefined;
    if (problem && inconclusive) throw preconditionFailed(`"${this.name}" ${problem}; ${this.describe()}`);
    if (problem) throw expectationFailed(`[${this.rule}] "${this.name}" ${problem}; ${this.describe()}`);
    return `"${this.name}" was sent ${seen.map(describePublish).join(' and ')}`;
  }

  /** No PUBLISH carrying `payload` arrives within the quiet window. */
  async expectNone(payload: string): Promise<string> {
    const quiet = this.quietMs();
    await waitQuietWindow(quiet);
    const seen = this.client.publishes.filter((p) => payloadOf(p) === payload);
    if (seen.length > 0)
      throw expectationFailed(
        `[${this.rule}] "${this.name}" was sent ${seen.map(describePublish).join(' and ')}, which it must not be; ${this.describe()}`,
      );
    return `"${this.name}" was sent no ${JSON.stringify(payload)} within ${quiet} ms`;
  }

  /**
   * [MQTT-3.3.5-1]: a message matching several subscriptions reaches the subscriber at the highest
   * granted QoS (capped by the published one). Once, or once per matching subscription (each copy at
   * its own subscription's QoS), the standard leaves open: recorded, not judged.
   */
  async expectOverlapDelivery(payload: string, topic: string, shown: string, qos: QoS): Promise<string> {
    await this.expectPublish(payload, topic, shown);
    await waitQuietWindow(this.quietMs());
    const copies = this.client.publishes.filter((p) => payloadOf(p) === payload);
    const counted = `${copies.length} cop${copies.length === 1 ? 'y' : 'ies'} (${copies.map((p) => `QoS ${p.qos}`).join(', ')})`;
    if (!copies.some((p) => p.qos === qos))
      throw expectationFailed(
        `[${this.rule}] "${this.name}" was sent ${JSON.stringify(payload)} in ${counted}, none at QoS ${qos}, the highest QoS ` +
          `of its matching subscriptions; ${this.describe()}`,
      );
    return `"${this.name}" was sent ${JSON.stringify(payload)} in ${counted}: ${copies.length === 1 ? 'once' : 'once per matching subscription'} (either is allowed)`;
  }

  /** The QoS 2 PUBLISH of `payload` held back by the subscriber, for its PUBREC. */
  heldQos2(payload: string): IPublishPacket {
    const publish = this.client.publishes.find((p) => payloadOf(p) === payload && p.qos === 2);
    if (publish?.messageId === undefined)
      throw new Error(
        `"${this.name}" holds no QoS 2 PUBLISH of ${JSON.stringify(payload)} (scenario defect)`,
      );
    return publish;
  }

  /** [MQTT-3.10.4-3]: the PUBREC sent after unsubscribing is answered with PUBREL of the same packet ID. */
  async expectPubrel(payload: string): Promise<string> {
    const id = this.heldQos2(payload).messageId;
    const pubrel = await this.client.waitForPacket(
      (p): p is Packet => p.cmd === 'pubrel' && p.messageId === id,
    );
    if (typeof pubrel === 'string')
      throw expectationFailed(
        `[${this.rule}] "${this.name}" answered the QoS 2 PUBLISH of ${JSON.stringify(payload)} (packet ID ${id}) with PUBREC after ` +
          `unsubscribing; no PUBREL came back (${pubrel === 'closed' ? 'the connection was closed' : `nothing within ${this.client.timeoutMs} ms`}); ` +
          'the broker must complete a QoS 2 delivery it has begun',
      );
    return `"${this.name}" got PUBREL (packet ID ${id}) for ${JSON.stringify(payload)} after unsubscribing`;
  }

  describe(): string {
    return `PUBLISHes on the wire: ${this.client.publishes.map(describePublish).join('; ') || 'none'}`;
  }
}
