import { expectationFailed } from '../expectation.ts';
import type { Profile } from '../profiles/profile.ts';
import { RawClient, type RawConnectOutcome, type RawPublishOutcome } from './raw-client.ts';

/** Whether the broker should accept, as a scenario writes it. */
export type Verdict = 'accepts' | 'refuses';

const SUBACK_FAILURE = 0x80;

interface Actor {
  readonly client: RawClient;
  readonly clientId: string;
  outcome?: RawConnectOutcome;
  grants: number[];
  publishes: { topic: string; outcome: RawPublishOutcome }[];
}

/**
 * The raw-socket actors of one CID/TOP scenario and the checks on them. Every observation comes
 * from the wire (CONNACK code, SUBACK codes, socket closes, PUBLISH packets), so a verdict is about the
 * broker, not about a client library; every failure message carries the concrete counter-example.
 */
export class RuleProbes {
  readonly #actors = new Map<string, Actor>();

  constructor(
    readonly url: string,
    readonly profile: Profile,
    readonly quietMs = 300,
  ) {}

  async connect(
    actor: string,
    clientId: string,
    options: { clean?: boolean } = {},
  ): Promise<RawConnectOutcome> {
    const entry = this.enter(actor, clientId);
    entry.outcome = await entry.client.connect({ clientId, ...options });
    return entry.outcome;
  }

  /** Connects `actor` with a CONNECT written byte by byte (malformed-packets.ts); `clientId` is for the evidence. */
  async connectWithBytes(actor: string, clientId: string, bytes: Buffer): Promise<RawConnectOutcome> {
    const entry = this.enter(actor, clientId);
    entry.outcome = await entry.client.connectWithBytes(bytes);
    return entry.outcome;
  }

  /** The actor's own connection, for probes that write what mqtt-packet will not (MalformedScenario). */
  rawClient(actor: string): RawClient {
    return this.actor(actor).client;
  }

  /** Connects with an ordinary ID and insists on acceptance: a refusal here is a setup problem, not a verdict. */
  async goOnline(actor: string, clientId: string): Promise<void> {
    const outcome = await this.connect(actor, clientId);
    if (!outcome.accepted) {
      throw new Error(
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
    if (outcome.accepted !== (verdict === 'accepts')) {
      throw expectationFailed(
        `[${rule}] client ID ${JSON.stringify(clientId)} (${measureText(clientId)}) was ${outcome.accepted ? 'accepted' : 'refused'} ` +
          `(${describeConnect(outcome)}); the ${this.profile.name} profile says the broker ${verdict.replace(/s$/, '')}s it`,
      );
    }
  }

  async subscribe(actor: string, filters: readonly string[]): Promise<void> {
    const entry = this.actor(actor);
    for (const filter of filters) {
      const granted = await entry.client.subscribe([filter]);
      entry.grants.push(typeof granted === 'string' ? SUBACK_FAILURE : (granted[0] ?? SUBACK_FAILURE));
      if (typeof granted === 'string') break; // the connection is gone: later filters cannot be tried
    }
  }

  /** Every subscription granted (`accepts`), the only one refused (`refuses`), or only the last refused. */
  expectSubscriptions(
    actor: string,
    verdict: Verdict | 'refuses the last',
    rule: string,
    filters: readonly string[],
  ): void {
    const { grants, client } = this.actor(actor);
    const refusedAt = grants.findIndex((g) => g === SUBACK_FAILURE);
    const wantedAt = verdict === 'accepts' ? -1 : verdict === 'refuses' ? 0 : filters.length - 1;
    if (refusedAt === wantedAt && grants.length === filters.length) return;
    const seen =
      refusedAt < 0
        ? `all ${grants.length} granted`
        : `#${refusedAt + 1} ${JSON.stringify(filters[refusedAt])} (${measureText(filters[refusedAt] ?? '')}) refused`;
    const wanted =
      wantedAt < 0
        ? 'every one granted'
        : `only #${wantedAt + 1} ${JSON.stringify(filters[wantedAt])} (${measureText(filters[wantedAt] ?? '')}) refused`;
    throw expectationFailed(
      `[${rule}] of ${filters.length} SUBSCRIBE${filters.length === 1 ? '' : 's'}: ${seen}` +
        `${client.closed ? ' and the connection was closed' : ''}; the ${this.profile.name} profile wants ${wanted}`,
    );
  }

  async publish(actor: string, topic: string, payload: Buffer | string): Promise<void> {
    const entry = this.actor(actor);
    entry.publishes.push({ topic, outcome: await entry.client.publish(topic, payload, 1) });
  }

  /** The listener got the last message `sender` published (`accepts`), or did not within the quiet window. */
  async expectDelivery(listener: string, sender: string, verdict: Verdict, rule: string): Promise<void> {
    const sent = this.actor(sender).publishes.at(-1);
    if (!sent) throw new Error(`"${sender}" has published nothing (scenario defect)`);
    const arrived = () => this.actor(listener).client.publishes.some((p) => p.topic === sent.topic);
    const deadline = Date.now() + (verdict === 'accepts' ? 5_000 : this.quietMs);
    while (!arrived() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    if (arrived() !== (verdict === 'accepts')) {
      const size = this.actor(listener).client.publishes.find((p) => p.topic === sent.topic)?.payload.length;
      throw expectationFailed(
        `[${rule}] a PUBLISH to ${JSON.stringify(sent.topic)} (${measureText(sent.topic)}${size === undefined ? '' : `, payload ${size} bytes`}) ` +
          `was ${arrived() ? 'delivered' : 'not delivered'} to "${listener}" (the sender saw: ${sent.outcome}); ` +
          `the ${this.profile.name} profile says it is ${verdict === 'accepts' ? 'delivered' : 'not delivered'}`,
      );
    }
  }

  /**
   * CID-4 under the profile's policy: `refuse` — the second CONNECT is refused and the first
   * connection stays up; `takeover` — the second is accepted and the first is closed; `record` —
   * either passes. The message always says which one the broker did.
   */
  async expectDuplicatePolicy(first: string, second: string): Promise<string> {
    const secondOutcome = this.actor(second).outcome;
    if (!secondOutcome) throw new Error(`"${second}" has not connected yet (scenario defect)`);
    const firstAlive = secondOutcome.accepted
      ? !(await this.actor(first).client.waitClosed(this.quietMs)) && (await this.actor(first).client.ping())
      : await this.actor(first).client.ping();
    const observed =
      !secondOutcome.accepted && firstAlive
        ? 'refuse'
        : secondOutcome.accepted && !firstAlive
          ? 'takeover'
          : secondOutcome.accepted
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

  closeAll(): void {
    for (const { client } of this.#actors.values()) client.destroy();
    this.#actors.clear();
  }

  /** A fresh connection for `actor`, replacing (and closing) any earlier one. */
  private enter(actor: string, clientId: string): Actor {
    this.#actors.get(actor)?.client.destroy();
    const entry: Actor = { client: new RawClient(this.url), clientId, grants: [], publishes: [] };
    this.#actors.set(actor, entry);
    return entry;
  }

  private actor(name: string): Actor {
    const entry = this.#actors.get(name);
    if (!entry) throw new Error(`"${name}" is not in this scenario yet (scenario defect)`);
    return entry;
  }
}

export function describeConnect(outcome: RawConnectOutcome): string {
  if (outcome.returnCode !== undefined) return `CONNACK return code ${outcome.returnCode}`;
  return outcome.noConnack === 'closed' ? 'connection closed without CONNACK' : 'no CONNACK in time';
}

function measureText(text: string): string {
  return `${[...text].length} characters, ${Buffer.byteLength(text)} bytes`;
}
