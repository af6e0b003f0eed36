import { SUBACK_FAILURE } from '../connection/qos.ts';
import { expectationFailed } from '../expectation.ts';
import { connectWithOverlongClientId, publishWithOverlongTopic } from '../probe/malformed-packets.ts';
import type { ConnectOutcome } from '../connection/connect-outcome.ts';
import { describeConnect } from '../connection/connect-verdict.ts';
import type { RuleStage } from './rule-stage.ts';
import { NO_EVIDENCE, type Stage, type StageEvidence } from './stage.ts';

/** Packet ID of the malformed PUBLISH: outside the range the raw client hands out in a short scenario. */
const MALFORMED_PACKET_ID = 4242;

/**
 * What the malformed-packet steps call (features/conformance/mqtt-3.1.1/malformed-packets.feature):
 * packets MQTT.js refuses to send — wildcards or U+0000 in a PUBLISH topic, malformed SUBSCRIBE
 * filters, length prefixes that run past the packet — written by the raw probe, so the verdict is
 * about the broker, not the client library. Shares the actors of the scenario's RuleStage (so
 * "is online", "listens to every topic of the scenario" and the delivery check work as for CID/TOP)
 * and is closed with them.
 */
export class MalformedStage implements Stage {
  readonly #subscribed = new Map<string, { filter: string; outcome: number[] | 'closed' | 'timeout' }>();
  readonly #connects = new Map<string, ConnectOutcome>();

  constructor(
    readonly scenario: RuleStage,
    /** How long a broker may take to close a connection it must close. */
    readonly closeWithinMs = 2_000,
    /** How long a connection must stay quiet before "not closed" is recorded; default: the RTT-sized quiet window. */
    readonly quietMs?: number,
  ) {}

  private get rule(): string {
    return this.scenario.rules.join(' ') || 'no rule tag';
  }

  /** PUBLISH (QoS 1) to `<scenario topic>/<relative>` exactly as written: `a/+`, `a/#`, `a\u0000b`. */
  async publishToTopicName(actor: string, relative: string) {
    await this.scenario.probes.publish(actor, this.scenario.cases.topic(relative), 'm');
  }

  /** A QoS 1 PUBLISH whose topic length prefix runs past the end of the packet. */
  publishWithOverlongTopic(actor: string) {
    const bytes = publishWithOverlongTopic(this.scenario.cases.topic('x'), MALFORMED_PACKET_ID, 'm');
    this.scenario.probes.rawClient(actor).sendBytes(bytes);
  }

  async subscribeToFilter(actor: string, relative: string) {
    const filter = this.scenario.cases.topic(relative);
    const outcome = await this.scenario.probes.rawClient(actor).subscribe([filter], 1);
    this.#subscribed.set(actor, { filter, outcome });
  }

  /** A CONNECT whose client ID length prefix runs past the end of the packet. */
  async connectWithOverlongClientId(actor: string) {
    const clientId = this.scenario.cases.clientId(actor);
    const bytes = connectWithOverlongClientId(clientId);
    this.#connects.set(actor, await this.scenario.probes.connectWithBytes(actor, clientId, bytes));
  }

  /**
   * Whether the broker closed the connection, as a sentence for the report; not judged (where MQTT
   * 3.1.1 only implies the close through [MQTT-4.8.0-1], the scenario judges delivery and records this).
   */
  async connectionFate(actor: string): Promise<string> {
    const client = this.scenario.probes.rawClient(actor);
    if (await client.waitClosed(this.quietMs ?? this.scenario.probes.quietWindowMs()))
      return `the broker closed the connection of "${actor}"`;
    return (await client.ping())
      ? `the broker kept the connection of "${actor}" open (PINGREQ answered)`
      : `the broker left the connection of "${actor}" open but stopped answering (no PINGRESP)`;
  }

  /** The broker closes the connection of `actor` within `closeWithinMs`. */
  async expectClosed(actor: string) {
    const client = this.scenario.probes.rawClient(actor);
    if (await client.waitClosed(this.closeWithinMs)) return;
    const alive = await client.ping();
    throw expectationFailed(
      `[${this.rule}] the connection of "${actor}" was still open ${this.closeWithinMs} ms after the malformed packet ` +
        `(${alive ? 'PINGREQ still answered' : 'no PINGRESP'}); the broker must close it`,
    );
  }

  /** [MQTT-3.1.4-1]: the malformed CONNECT ends in a closed connection and no CONNACK at all. */
  expectClosedWithoutConnack(actor: string) {
    const outcome = this.#connects.get(actor);
    if (!outcome) throw new Error(`"${actor}" sent no malformed CONNECT (scenario defect)`);
    if (outcome.noConnack === 'closed') return;
    throw expectationFailed(
      `[${this.rule}] a CONNECT whose client ID length runs past the end of the packet got ${describeConnect(outcome)}` +
        `${outcome.accepted ? ' (accepted)' : ''}; the broker must close the connection without sending a CONNACK`,
    );
  }

  /** The malformed filter is not granted: SUBACK 0x80 or a closed connection both pass; returns which one. */
  expectFilterNotGranted(actor: string): string {
    const subscribed = this.#subscribed.get(actor);
    if (!subscribed) throw new Error(`"${actor}" has not subscribed yet (scenario defect)`);
    const { filter, outcome } = subscribed;
    if (outcome === 'closed')
      return `the broker closed the connection on the filter ${JSON.stringify(filter)}`;
    if (outcome !== 'timeout' && outcome[0] === SUBACK_FAILURE)
      return `the broker answered SUBACK 0x80 to the filter ${JSON.stringify(filter)}`;
    throw expectationFailed(
      `[${this.rule}] the malformed filter ${JSON.stringify(filter)} ` +
        (outcome === 'timeout'
          ? 'got no SUBACK and the connection stayed open'
          : `was granted QoS ${outcome[0]}`) +
        '; the broker must refuse it (SUBACK 0x80) or close the connection',
    );
  }

  /** Nothing of its own to report or close: its packets are in the RuleStage's raw transcript, and its connections are closed with it. */
  evidence(): StageEvidence {
    return NO_EVIDENCE;
  }

  async close(): Promise<void> {}
}
