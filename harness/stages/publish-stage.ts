import type { Packet } from 'mqtt-packet';
import type { QoS } from '../connection/qos.ts';
import { eventually } from '../eventually.ts';
import { expectationFailed, preconditionFailed } from '../expectation.ts';
import {
  describePublish,
  judgeFirstSendDup,
  judgeOrder,
  judgeRetainedSent,
} from '../checks/publish-judgements.ts';
import { PublishActors } from './publish-actors.ts';
import type { Stage } from './stage.ts';

/**
 * PUBLISH as the wire shows it (issue 12): the checks on the publish actors (publish-actors.ts), one
 * method per Then step. The judgements are in harness/checks/publish-judgements.ts or here; each names
 * the statement it judges, and an unmet precondition is inconclusive.
 */
export class PublishStage extends PublishActors implements Stage {
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

  /** `labels` written to each of `topics` in turns (topic by topic for each label), all in one write. */
  async publishInTurns(actor: string, labels: readonly string[], topics: readonly string[], qos: QoS) {
    const messages = labels.flatMap((label) =>
      topics.map((topic) => ({ topic, payload: `${topic} ${label}` })),
    );
    await this.publishBurstTo(actor, messages, qos);
  }

  /**
   * The last burst (its `only` payloads, when named) reached `actor`, each topic in the order written
   * [MQTT-4.6.0-5, MQTT-4.6.0-6].
   */
  async expectInOrder(
    actor: string,
    rule: 'MQTT-4.6.0-5' | 'MQTT-4.6.0-6',
    only?: readonly string[],
  ): Promise<void> {
    const written = this.written.filter((m) => !only || only.includes(m.payload));
    await eventually(
      () => (written.every((m) => this.sent(actor).some((s) => s.payload === m.payload)) ? true : undefined),
      { timeoutMs: this.timeoutMs, description: 'every message of the burst' },
    ).catch(() => undefined);
    this.lines.push(judgeOrder(actor, written, this.sent(actor), rule));
  }

  /** A retained message is not session state: it outlives its publisher's session [MQTT-3.1.2-7]. */
  async expectRetainedAfterPublisherLeft(actor: string, payload: string, publisher: string): Promise<void> {
    const first = await this.firstSent(actor, payload);
    if (!first)
      throw expectationFailed(
        `[MQTT-3.1.2-7] "${actor}" subscribed after the session of "${publisher}" ended and was not sent its retained "${payload}" within ${this.timeoutMs} ms; a retained message outlives its publisher's session`,
      );
    this.lines.push(`"${actor}" was sent ${describePublish(first)} after "${publisher}"'s session ended`);
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

  /** The server as QoS 1 sender [MQTT-4.3.2-1]: a new message goes out with QoS=1, DUP=0 and a packet ID. */
  async expectSentAsNewQos1(actor: string, payload: string): Promise<void> {
    const first = await this.firstSent(actor, payload);
    if (!first || first.qos !== 1)
      throw preconditionFailed(
        `"${actor}" was not sent "${payload}" at QoS 1 (${first ? describePublish(first) : 'nothing'})`,
      );
    if (first.dup || !first.packetId)
      throw expectationFailed(
        `[MQTT-4.3.2-1] the first QoS 1 PUBLISH to "${actor}" was ${describePublish(first)}; a new message goes out with DUP=0 and a packet ID`,
      );
    this.lines.push(`"${actor}" was sent ${describePublish(first)}`);
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
    if (await client.waitClosed(this.timeoutMs)) {
      this.lines.push(`the broker closed "${actor}"'s connection after ${what}`);
      return;
    }
    const answers = client.received.slice(-3).map((p) => p.cmd.toUpperCase());
    throw expectationFailed(
      `[${rule}] after ${what} the connection of "${actor}" was still open ${this.timeoutMs} ms later (last packets received: ${answers.join(', ') || 'none'}); the server closes it`,
    );
  }
}
