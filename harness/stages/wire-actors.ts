import type { ScenarioNamespace } from '../client/namespace.ts';
import { RawClient, type Qos2Answer } from '../connection/raw-client.ts';
import type { QoS } from '../connection/qos.ts';
import { preconditionFailed } from '../expectation.ts';
import { judgeQos2Answer, judgeSubackOrder } from '../checks/publish-answers.ts';

/**
 * Actors of the client stage that speak MQTT on a bare socket (RawClient), for checks that must see
 * which packet came back — an MQTT.js client hides a PUBACK sent for a QoS 2 PUBLISH, or the order of
 * a SUBACK's return codes. Each judgement is in harness/checks/publish-answers.ts.
 */
export class WireActors {
  readonly #clients = new Map<string, RawClient>();
  /** What each check saw, for the scenario's evidence lines. */
  readonly seen: string[] = [];
  #lastQos2: { actor: string; topic: string; answer: Qos2Answer } | undefined;
  #lastSubscribe:
    { actor: string; asked: { filter: string; qos: QoS }[]; codes: number[] | string } | undefined;

  constructor(
    readonly url: string,
    readonly namespace: ScenarioNamespace,
    readonly timeoutMs: number,
  ) {}

  /** Connects `actor` on a bare socket; the run's login is used (RawClient chooseLogin). */
  async connect(actor: string): Promise<void> {
    const client = new RawClient(this.url, this.timeoutMs);
    this.#clients.get(actor)?.destroy(); // a reconnect replaces the actor's earlier connection
    this.#clients.set(actor, client);
    const outcome = await client.connect({ clientId: this.namespace.clientId(actor), clean: true });
    if (!outcome.accepted)
      throw preconditionFailed(
        `"${actor}" was refused: ${outcome.failure ?? `CONNACK return code ${outcome.returnCode}`}; the check needs the connection accepted`,
      );
  }

  async subscribe(actor: string, asked: { filter: string; qos: QoS }[]): Promise<void> {
    const client = this.client(actor);
    const filters = asked.map((a) => this.namespace.topic(a.filter));
    const codes = await client.subscribe(
      filters,
      asked.map((a) => a.qos),
    );
    this.#lastSubscribe = { actor, asked, codes };
  }

  expectSubackInOrder(actor: string): string {
    const last = this.#lastSubscribe;
    if (last?.actor !== actor)
      throw new Error(`"${actor}" has not subscribed on the wire yet (scenario defect)`);
    const line = judgeSubackOrder(actor, last.asked, last.codes);
    this.seen.push(line);
    return line;
  }

  /** A QoS 2 PUBLISH; its answer (bounded wait) is judged by expectQos2Answer. */
  async publishQos2(actor: string, topic: string, payload: string): Promise<void> {
    const answer = await this.client(actor).publishQos2(this.namespace.topic(topic), payload);
    this.#lastQos2 = { actor, topic, answer };
  }

  expectQos2Answer(actor: string): string {
    const last = this.#lastQos2;
    if (last?.actor !== actor)
      throw new Error(`"${actor}" has sent no QoS 2 PUBLISH on the wire (scenario defect)`);
    const line = judgeQos2Answer(actor, last.topic, last.answer);
    this.seen.push(line);
    return line;
  }

  /** Every packet each raw actor sent and received, for raw-packet-transcript.json. */
  transcripts(): Record<string, unknown> {
    return Object.fromEntries([...this.#clients].map(([actor, client]) => [actor, client.transcript]));
  }

  get used(): boolean {
    return this.#clients.size > 0;
  }

  close(): void {
    for (const client of this.#clients.values()) client.destroy();
    this.#clients.clear();
  }

  private client(actor: string): RawClient {
    const client = this.#clients.get(actor);
    if (!client) throw new Error(`"${actor}" is not connected on the wire (scenario defect)`);
    return client;
  }
}
