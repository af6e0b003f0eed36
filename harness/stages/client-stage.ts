import { AssertionError } from 'node:assert';
import { eventually } from '../eventually.ts';
import { expectationFailed, preconditionFailed } from '../expectation.ts';
import { QUIET_BOUNDS, quietWindowMs, waitQuietWindow } from '../net/quiet-window.ts';
import { describeRecord, type MessageRecord } from '../client/message-record.ts';
import type { ScenarioNamespace } from '../client/namespace.ts';
import type { ConnectOutcome } from '../connection/connect-outcome.ts';
import { SUBACK_FAILURE, type QoS } from '../connection/qos.ts';
import { TestClient, type ConnectOptions } from '../connection/test-client.ts';
import type { Stage, StageEvidence, StageRun } from './stage.ts';
import { WireActors } from './wire-actors.ts';
import {
  describeExpected,
  describeGrant,
  describeReceived,
  matchesExpected,
  type ExpectedMessage,
} from '../checks/expected-message.ts';

export interface Timing {
  /** How long a message that must arrive may take. */
  readonly receiveTimeoutMs: number;
  /** Bounds of the quiet window used to conclude that a message did *not* arrive. */
  readonly quietMinMs: number;
  readonly quietMaxMs: number;
}

export const DEFAULT_TIMING: Timing = { receiveTimeoutMs: 5_000, quietMinMs: 150, quietMaxMs: 1_500 };

/**
 * The MQTT clients of one scenario, by actor name, in the scenario's namespace. Steps make one call
 * here; the assertions (with their explanations) live here too, so steps stay one-liners.
 */
export class ClientStage implements Stage {
  readonly #clients = new Map<string, TestClient>();
  readonly #connacks = new Map<string, ConnectOutcome>();
  readonly #grants = new Map<string, number[]>();
  readonly #observersWithoutSubscription = new Set<string>();
  #fastestRoundTripMs = Number.POSITIVE_INFINITY;
  /** Actors on a bare socket, for checks that must see which packet the broker sent back. */
  readonly wire: WireActors;

  constructor(
    readonly url: string,
    readonly namespace: ScenarioNamespace,
    readonly timing: Timing = DEFAULT_TIMING,
  ) {
    this.wire = new WireActors(url, namespace, timing.receiveTimeoutMs);
  }

  client(actor: string): TestClient {
    let client = this.#clients.get(actor);
    if (!client) {
      client = new TestClient(actor, this.url, this.namespace.clientId(actor), this.timing.receiveTimeoutMs);
      this.#clients.set(actor, client);
    }
    return client;
  }

  /** Connects and requires acceptance (the usual "Given a connected client"). */
  async connect(actor: string, options: ConnectOptions = {}): Promise<ConnectOutcome> {
    const started = Date.now();
    const outcome = await this.client(actor).connectOrFail(this.placeWill(options));
    this.#fastestRoundTripMs = Math.min(this.#fastestRoundTripMs, Date.now() - started);
    this.#connacks.set(actor, outcome);
    return outcome;
  }

  /** Connects and records whatever the broker answered, accepted or not. */
  async attemptConnect(actor: string, options: ConnectOptions = {}): Promise<ConnectOutcome> {
    const outcome = await this.client(actor).connect(this.placeWill(options));
    this.#connacks.set(actor, outcome);
    return outcome;
  }

  lastConnack(actor: string): ConnectOutcome {
    const outcome = this.#connacks.get(actor);
    if (!outcome) throw new Error(`client "${actor}" has not tried to connect yet (scenario defect)`);
    return outcome;
  }

  /** The last CONNECT of `actor` was accepted, with the given session-present flag when one is named. */
  expectAccepted(actor: string, sessionPresent?: boolean): void {
    const outcome = this.lastConnack(actor);
    if (!outcome.accepted) {
      throw expectationFailed(
        `"${actor}" was refused: ${outcome.failure ?? `CONNACK return code ${outcome.returnCode}`}`,
      );
    }
    if (sessionPresent !== undefined && outcome.sessionPresent !== sessionPresent) {
      throw expectationFailed(
        `"${actor}" got CONNACK with session present = ${outcome.sessionPresent}, expected ${sessionPresent}`,
      );
    }
  }

  /**
   * The last SUBACK of `actor` granted exactly `qos`: for profiles that declare what is granted (the
   * aliyun authentication rules); MQTT 3.1.1 alone lets a broker grant less [MQTT-3.9.3].
   */
  expectGranted(actor: string, qos: QoS): void {
    const granted = this.lastGrant(actor);
    if (granted !== qos)
      throw expectationFailed(`"${actor}" was granted ${describeGrant(granted)}, expected QoS ${qos}`);
  }

  /**
   * Precondition: the last SUBACK of `actor` granted at least `qos`, the QoS the check needs. A lower
   * grant is lawful [MQTT-3.9.3]: it is recorded and the check is inconclusive, never failed.
   */
  requireGrantedAtLeast(actor: string, qos: QoS): string {
    const granted = this.lastGrant(actor);
    const seen = `"${actor}" was granted ${describeGrant(granted)}`;
    if (granted === SUBACK_FAILURE || granted < qos)
      throw preconditionFailed(
        `${seen}, and the check needs a subscription at QoS ${qos} or above; a server may grant less than asked [MQTT-3.9.3], so nothing was judged`,
      );
    return seen;
  }

  /**
   * Precondition: the broker completed the QoS flow of a PUBLISH the check needs delivered. Whether it
   * answers each QoS right is judged elsewhere ([MQTT-3.3.4-1], [MQTT-4.3.x]); here a flow that did not
   * complete leaves nothing to judge, so the check is inconclusive.
   */
  async publishRequired(actor: string, topic: string, payload: string, qos: QoS): Promise<void> {
    const attempt = await this.client(actor).attemptPublish(this.namespace.topic(topic), payload, qos);
    if (attempt === 'connection closed' || attempt === 'no acknowledgement')
      throw preconditionFailed(
        `"${actor}"'s QoS ${qos} PUBLISH to ${JSON.stringify(topic)} ended with ${attempt}` +
          (qos === 2 ? ' (no PUBREC/PUBCOMP; the answer to QoS 2 is judged under MQTT-3.3.4-1)' : '') +
          ', so the message this check needs was not published',
      );
  }

  async subscribe(actor: string, filter: string, qos: QoS): Promise<number> {
    return this.subscribeAbsolute(actor, this.namespace.topic(filter), qos);
  }

  /** A filter outside the scenario namespace (e.g. a top-level `#`), for wildcard rules that need one. */
  async subscribeAbsolute(actor: string, filter: string, qos: QoS): Promise<number> {
    const granted = await this.client(actor).subscribe(filter, qos);
    this.#grants.set(actor, [...(this.#grants.get(actor) ?? []), granted]);
    return granted;
  }

  lastGrant(actor: string): number {
    const granted = this.#grants.get(actor)?.at(-1);
    if (granted === undefined) throw new Error(`client "${actor}" has not subscribed yet (scenario defect)`);
    return granted;
  }

  async publish(
    actor: string,
    topic: string,
    payload: string | Buffer,
    options: { qos: QoS; retain?: boolean },
  ) {
    await this.client(actor).publish(this.namespace.topic(topic), payload, options);
  }

  async disconnect(actor: string): Promise<void> {
    await this.client(actor).disconnect();
  }

  async kill(actor: string): Promise<void> {
    await this.client(actor).kill();
  }

  /** Waits (bounded) for a matching message; returns it so callers can inspect flags. */
  async expectReceived(actor: string, expected: ExpectedMessage): Promise<MessageRecord> {
    const client = this.client(actor);
    return eventually(
      () => client.received.find((record) => matchesExpected(record, expected, this.namespace)),
      {
        timeoutMs: this.timing.receiveTimeoutMs,
        description: () =>
          `"${actor}" to receive ${describeExpected(expected)}; it received ${describeReceived(this.client(actor).received, this.namespace)}`,
      },
    );
  }

  /**
   * A wildcard filter the server granted is honoured [MQTT-3.8.3-2]: the matching message arrives. Only
   * the delivery timing out is the failure; any other error stays what it is.
   */
  async expectReceivedThroughGrantedWildcard(actor: string, expected: ExpectedMessage): Promise<void> {
    await this.expectReceived(actor, expected).catch((error: unknown) => {
      if (!(error instanceof AssertionError && error.message.startsWith('timed out'))) throw error;
      throw expectationFailed(
        `[MQTT-3.8.3-2] "${actor}" was granted ${(this.#grants.get(actor) ?? []).map(describeGrant).join(', ')} for a wildcard filter ` +
          `and was not sent ${describeExpected(expected)}, which it matches: a server grants a wildcard filter only if it honours it ` +
          `(${error.message.split('\n')[0]})`,
      );
    });
  }

  /**
   * Precondition: a control subscriber receives the message, so the broker does deliver it at all (it
   * MAY refuse or restrict some topics, e.g. `$` ones). If it never arrives nothing was learnt: inconclusive.
   */
  async requireReceived(actor: string, expected: ExpectedMessage): Promise<string> {
    const grants = this.#grants.get(actor) ?? [];
    const record = await this.expectReceived(actor, expected).catch((error: unknown) => {
      throw preconditionFailed(
        `the control subscriber "${actor}" (granted ${grants.map(describeGrant).join(', ') || 'nothing'}) never received ` +
          `${describeExpected(expected)} within ${this.timing.receiveTimeoutMs} ms, so the broker does not deliver it ` +
          `to clients at all (a server may restrict such topics): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      );
    });
    return `the control subscriber "${actor}" received ${JSON.stringify(describeRecord(record))}`;
  }

  /** Waits for the quiet window and fails if a matching message arrived meanwhile. */
  async expectNotReceived(actor: string, expected: ExpectedMessage): Promise<void> {
    this.requireObserver(actor);
    await this.quietWindow();
    const unexpected = this.client(actor).received.find((record) =>
      matchesExpected(record, expected, this.namespace),
    );
    if (unexpected) {
      throw expectationFailed(
        `"${actor}" received ${JSON.stringify(describeRecord(unexpected))}, which must not arrive`,
      );
    }
  }

  /** Waits for the quiet window and fails if any received message satisfies `predicate`. */
  async expectNoneReceivedWhere(actor: string, what: string, predicate: (record: MessageRecord) => boolean) {
    this.requireObserver(actor);
    await this.quietWindow();
    const unexpected = this.client(actor).received.find(predicate);
    if (unexpected)
      throw expectationFailed(`"${actor}" received ${what}: ${JSON.stringify(describeRecord(unexpected))}`);
  }

  /** Exactly `count` matching messages after the quiet window. */
  async expectReceivedCount(actor: string, expected: ExpectedMessage, count: number): Promise<void> {
    if (count > 0) await this.expectReceived(actor, expected);
    else this.requireObserver(actor);
    await this.quietWindow();
    const matching = this.client(actor).received.filter((record) =>
      matchesExpected(record, expected, this.namespace),
    );
    if (matching.length !== count) {
      throw expectationFailed(
        `"${actor}" received ${matching.length} × ${describeExpected(expected)}, expected ${count}: ` +
          JSON.stringify(matching.map(describeRecord)),
      );
    }
  }

  /** Every PUBLISH every client of the scenario sent or received, in time order (for the report). */
  transcript(): MessageRecord[] {
    return [...this.#clients.values()].flatMap((client) => client.records).sort((a, b) => a.at - b.at);
  }

  /** message-transcript.json: every PUBLISH of the scenario's MQTT.js clients, when there was one. */
  evidence(run: StageRun): StageEvidence {
    const transcript = this.transcript().map(describeRecord);
    const attachments = [
      ...(transcript.length > 0
        ? [{ fileName: 'message-transcript.json', body: { ...run, transcript } }]
        : []),
      ...(this.wire.used
        ? [{ fileName: 'raw-packet-transcript.json', body: { ...run, actors: this.wire.transcripts() } }]
        : []),
    ];
    const lines = this.wire.seen;
    return {
      ...(attachments.length > 0 ? { attachments } : {}),
      ...(lines.length > 0 ? { lines } : {}),
    };
  }

  async close(): Promise<void> {
    this.wire.close();
    await Promise.all([...this.#clients.values()].map((client) => client.close()));
    this.#clients.clear();
  }

  /** `actor` receives without subscribing (broker-side P2P [P2P-1]), so its silence means something. */
  observesWithoutSubscription(actor: string): void {
    this.#observersWithoutSubscription.add(actor);
  }

  /**
   * "Nothing arrived" proves something only if the actor could have received it: without a granted
   * subscription the check is inconclusive — never a pass.
   */
  private requireObserver(actor: string): void {
    if (this.#observersWithoutSubscription.has(actor)) return;
    const grants = this.#grants.get(actor) ?? [];
    if (!grants.some((granted) => granted !== SUBACK_FAILURE)) {
      throw preconditionFailed(
        `"${actor}" holds no granted subscription (${grants.length === 0 ? 'none made' : 'all refused'}), ` +
          'so it could not have received anything; the scenario must subscribe it first',
      );
    }
  }

  /** Long enough that a message the broker was going to deliver has arrived; sized from the measured RTT. */
  private async quietWindow(): Promise<void> {
    const ms = quietWindowMs(this.#fastestRoundTripMs, {
      ...QUIET_BOUNDS,
      minMs: this.timing.quietMinMs,
      maxMs: this.timing.quietMaxMs,
    });
    await waitQuietWindow(ms);
  }

  private placeWill(options: ConnectOptions): ConnectOptions {
    return options.will
      ? { ...options, will: { ...options.will, topic: this.namespace.topic(options.will.topic) } }
      : options;
  }
}
