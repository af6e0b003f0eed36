import { SUBACK_FAILURE } from '../connection/qos.ts';
import { InfrastructureError } from '../errors.ts';
import { expectationFailed } from '../expectation.ts';
import { quietWindowMs } from '../net/quiet-window.ts';
import type { Profile } from '../profiles/profile.ts';
import { describeConnect, readConnect } from '../connection/connect-verdict.ts';
import { checkDelivery, type Grant } from '../checks/delivery-check.ts';
import type { MqWatch } from '../checks/mq-watch.ts';
import type { ConnectOutcome } from '../connection/connect-outcome.ts';
import { RawClient, type RawPublishOutcome } from '../connection/raw-client.ts';
import type { RawPacketRecord } from '../connection/raw-transcript.ts';

/** Whether the broker should accept, as a scenario writes it. */
export type Verdict = 'accepts' | 'refuses';

interface Actor {
  readonly name: string;
  readonly client: RawClient;
  readonly clientId: string;
  outcome?: ConnectOutcome;
  filters: string[];
  grants: Grant[];
  publishes: { topic: string; outcome: RawPublishOutcome }[];
}

/** One packet of the scenario's raw transcript, with the actor whose connection it was on. */
export type ActorPacketRecord = RawPacketRecord & { readonly actor: string; readonly clientId: string };

/**
 * The raw-socket actors of one CID/TOP scenario and the checks on them. Every observation comes
 * from the wire (CONNACK code, SUBACK codes, socket closes, PUBLISH packets), so a verdict is about the
 * broker, not about a client library; every failure message carries the concrete counter-example.
 * What cannot be observed is never passed: it is an error saying why.
 */
export class RuleProbes {
  readonly #actors = new Map<string, Actor>();
  /** Connections replaced or closed, kept for the transcript. */
  readonly #past: Actor[] = [];

  constructor(
    readonly url: string,
    readonly profile: Profile,
  ) {}

  async connect(actor: string, clientId: string, options: { clean?: boolean } = {}): Promise<ConnectOutcome> {
    const entry = this.enter(actor, clientId);
    entry.outcome = await entry.client.connect({ clientId, ...options });
    return entry.outcome;
  }

  /** Connects `actor` with a CONNECT written byte by byte (malformed-packets.ts); `clientId` is for the evidence. */
  async connectWithBytes(actor: string, clientId: string, bytes: Buffer): Promise<ConnectOutcome> {
    const entry = this.enter(actor, clientId);
    entry.outcome = await entry.client.connectWithBytes(bytes);
    return entry.outcome;
  }

  /** The actor's own connection, for probes that write what mqtt-packet will not (MalformedStage). */
  rawClient(actor: string): RawClient {
    return this.actor(actor).client;
  }

  /** Connects with an ordinary ID and insists on acceptance: a refusal here is a setup problem, not a verdict. */
  async goOnline(actor: string, clientId: string): Promise<void> {
    const outcome = await this.connect(actor, clientId);
    if (readConnect(outcome, { url: this.url, clientId, mustAccept: true }) === 'refused') {
      throw new InfrastructureError(
        `"${actor}" with the harness's own client ID ${JSON.stringify(clientId)} was refused (${describeConnect(outcome)}); check the provisioning in the profile config`,
      );
    }
  }

  clientIdOf(actor: string): string {
    return this.actor(actor).clientId;
  }

  async disconnect(actor: string): Promise<void> {
    await this.actor(actor).client.disconnect();
  }

  expectConnect(actor: string, verdict: Verdict, rule: string): void {
    const { outcome, clientId } = this.actor(actor);
    if (!outcome) throw new Error(`"${actor}" has not connected yet (scenario defect)`);
    const context = { url: this.url, clientId, mustAccept: verdict === 'accepts' };
    const accepted = readConnect(outcome, context) === 'accepted';
    if (accepted !== (verdict === 'accepts')) {
      throw expectationFailed(
        `[${rule}] client ID ${JSON.stringify(clientId)} (${measureText(clientId)}) was ${accepted ? 'accepted' : 'refused'} ` +
          `(${describeConnect(outcome)}); the ${this.profile.name} profile says the broker ${verdict.replace(/s$/, '')}s it`,
      );
    }
  }

  /**
   * [MQTT-3.1.3-8], [MQTT-3.2.2-5]: the CONNECT got CONNACK `code` and the broker then closed the
   * connection. A close without CONNACK, or another code, fails with what arrived.
   */
  async expectConnackThenClose(actor: string, code: number, rule: string): Promise<void> {
    const { outcome, client } = this.actor(actor);
    if (!outcome) throw new Error(`"${actor}" has not connected yet (scenario defect)`);
    readConnect(outcome, { url: this.url, clientId: this.clientIdOf(actor), mustAccept: false });
    const hex = `0x${code.toString(16).padStart(2, '0')}`;
    if (outcome.returnCode !== code) {
      throw expectationFailed(
        `[${rule}] the CONNECT got ${describeConnect(outcome)}; the broker must answer CONNACK return code ${hex} and then close the connection`,
      );
    }
    const within = client.timeoutMs;
    if (await client.waitClosed(within)) return;
    throw expectationFailed(
      `[${rule}] after CONNACK return code ${hex} the connection was still open ${within} ms later; the broker must close it`,
    );
  }

  /** One SUBSCRIBE per filter; stops at the first the broker answers by closing the connection. */
  async subscribe(actor: string, filters: readonly string[]): Promise<void> {
    const entry = this.actor(actor);
    for (const filter of filters) {
      entry.filters.push(filter);
      const granted = await entry.client.subscribe([filter]);
      if (granted === 'timeout') {
        throw new InfrastructureError(
          `"${actor}" got no SUBACK to ${JSON.stringify(filter)} within ${entry.client.timeoutMs} ms and the connection stayed open: ` +
            'nothing can be concluded about the subscription; check the broker is responsive',
        );
      }
      entry.grants.push(granted === 'closed' ? 'closed' : (granted[0] ?? SUBACK_FAILURE));
      if (granted === 'closed') break; // the connection is gone: later filters cannot be tried
    }
  }

  /** The filters the broker granted `actor` (SUBACK with a QoS, not 0x80). */
  grantedFilters(actor: string): string[] {
    const { filters, grants } = this.actor(actor);
    return filters.filter((_, i) => typeof grants[i] === 'number' && grants[i] !== SUBACK_FAILURE);
  }

  /** Every subscription granted (`accepts`), the only one refused (`refuses`), or only the last refused. */
  expectSubscriptions(
    actor: string,
    verdict: Verdict | 'refuses the last',
    rule: string,
    filters: readonly string[],
  ): void {
    const { grants } = this.actor(actor);
    const refusedAt = grants.findIndex((g) => g === SUBACK_FAILURE || g === 'closed');
    const wantedAt = verdict === 'accepts' ? -1 : verdict === 'refuses' ? 0 : filters.length - 1;
    if (refusedAt === wantedAt && grants.length === filters.length) return;
    const how =
      grants[refusedAt] === 'closed'
        ? 'refused by closing the connection, no SUBACK'
        : 'refused (SUBACK 0x80)';
    const seen =
      refusedAt < 0
        ? `all ${grants.length} granted`
        : `#${refusedAt + 1} ${JSON.stringify(filters[refusedAt])} (${measureText(filters[refusedAt] ?? '')}) ${how}`;
    const wanted =
      wantedAt < 0
        ? 'every one granted'
        : `only #${wantedAt + 1} ${JSON.stringify(filters[wantedAt])} (${measureText(filters[wantedAt] ?? '')}) refused`;
    throw expectationFailed(
      `[${rule}] of ${filters.length} SUBSCRIBE${filters.length === 1 ? '' : 's'}: ${seen}; the ${this.profile.name} profile wants ${wanted}`,
    );
  }

  async publish(actor: string, topic: string, payload: Buffer | string): Promise<void> {
    const entry = this.actor(actor);
    entry.publishes.push({ topic, outcome: await entry.client.publish(topic, payload, 1) });
  }

  /**
   * The listener got the last message `sender` published (`accepts`, within the receive timeout), or
   * no observer saw it within the quiet window (`refuses`). "Not delivered" needs an observer that
   * could have seen the message: the listener only counts when a granted filter matches the topic,
   * `alsoWatching` (the MQ side) when given; with neither, the check is an error, never a pass.
   */
  async expectDelivery(
    listener: string,
    sender: string,
    verdict: Verdict,
    rule: string,
    alsoWatching?: MqWatch | string,
  ): Promise<void> {
    const sent = this.actor(sender).publishes.at(-1);
    if (!sent) throw new Error(`"${sender}" has published nothing (scenario defect)`);
    await checkDelivery({
      listener,
      client: this.actor(listener).client,
      grantedFilters: this.grantedFilters(listener),
      tried: this.actor(listener).filters.map((filter, i) => ({
        filter,
        grant: this.actor(listener).grants[i],
      })),
      sent,
      verdict,
      rule,
      profile: this.profile.name,
      quietMs: this.quietWindowMs(),
      ...(alsoWatching === undefined ? {} : { alsoWatching }),
    });
  }

  /**
   * CID-4 under the profile's policy: `refuse` — the second CONNECT is refused and the first
   * connection stays up; `takeover` — the second is accepted and the first is closed; `record` —
   * either passes. The message always says which one the broker did.
   */
  async expectDuplicatePolicy(first: string, second: string): Promise<string> {
    const secondOutcome = this.actor(second).outcome;
    if (!secondOutcome) throw new Error(`"${second}" has not connected yet (scenario defect)`);
    const context = { url: this.url, clientId: this.clientIdOf(second), mustAccept: false };
    const secondAccepted = readConnect(secondOutcome, context) === 'accepted';
    const firstClient = this.actor(first).client;
    const firstAlive = secondAccepted
      ? !(await firstClient.waitClosed(this.quietWindowMs())) && (await firstClient.ping())
      : await firstClient.ping();
    const observed =
      !secondAccepted && firstAlive
        ? 'refuse'
        : secondAccepted && !firstAlive
          ? 'takeover'
          : secondAccepted
            ? 'both online'
            : 'both refused';
    const policy = this.profile.duplicateId;
    if (policy !== 'record' && observed !== policy) {
      throw expectationFailed(
        `[CID-4] a second CONNECT with the online client ID ${JSON.stringify(this.clientIdOf(first))} led to "${observed}" ` +
          `(second: ${describeConnect(secondOutcome)}; first connection ${firstAlive ? 'still up' : 'closed'}); the ${this.profile.name} profile's policy is "${policy}"`,
      );
    }
    return observed;
  }

  /** How long "nothing arrived" is waited for: sized from the fastest round trip of this scenario's connections. */
  quietWindowMs(): number {
    const actors = [...this.#actors.values(), ...this.#past];
    return quietWindowMs(Math.min(...actors.map((a) => a.client.fastestRoundTripMs)));
  }

  /** Every packet the scenario's raw connections sent and received, in time order. */
  transcript(): ActorPacketRecord[] {
    return [...this.#past, ...this.#actors.values()]
      .flatMap(({ name, clientId, client }) =>
        client.transcript.map((r) => ({ actor: name, clientId, ...r })),
      )
      .sort((a, b) => a.at - b.at);
  }

  closeAll(): void {
    for (const entry of this.#actors.values()) {
      entry.client.destroy();
      this.#past.push(entry);
    }
    this.#actors.clear();
  }

  /** A fresh connection for `actor`, replacing (and closing) any earlier one. */
  private enter(actor: string, clientId: string): Actor {
    const earlier = this.#actors.get(actor);
    if (earlier) {
      earlier.client.destroy();
      this.#past.push(earlier);
    }
    const entry: Actor = {
      name: actor,
      client: new RawClient(this.url),
      clientId,
      filters: [],
      grants: [],
      publishes: [],
    };
    this.#actors.set(actor, entry);
    return entry;
  }

  private actor(name: string): Actor {
    const entry = this.#actors.get(name);
    if (!entry) throw new Error(`"${name}" is not in this scenario yet (scenario defect)`);
    return entry;
  }
}

function measureText(text: string): string {
  return `${[...text].length} characters, ${Buffer.byteLength(text)} bytes`;
}
