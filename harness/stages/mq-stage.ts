import type { ClientStage } from './client-stage.ts';
import type { QoS } from '../connection/qos.ts';
import { eventually } from '../eventually.ts';
import { expectationFailed } from '../expectation.ts';
import { p2pTopic, type Profile } from '../profiles/profile.ts';
import type { MqChoice } from '../mq/mq-choice.ts';
import { describeMqMessage, MqRefusal, type MqConsumer, type MqMessage } from '../mq/mq-endpoint.ts';
import { makePayload, type PayloadSpec } from '../mq/mq-payloads.ts';
import {
  describeBytes,
  downlinkProperties,
  splitTopic,
  uplinkMismatches,
  type DownlinkSettings,
  type UplinkFacts,
} from '../mq/mq-properties.ts';
import { runMqEndpoint } from '../mq/run-mq.ts';
import type { Stage, StageEvidence } from './stage.ts';

/** What the scenario's MQ side last sent, and whether the MQ took it. */
interface Sent {
  readonly properties: Readonly<Record<string, string>>;
  readonly payload: Buffer;
  readonly refusal?: MqRefusal;
}

/**
 * The MQ side of one scenario (MQM-1..8, P2P-3): consumes the parent topic's MQ topic, keeping the
 * messages of this scenario (its namespace ID is in their topic, subtopic or client ID), sends as an
 * MQ producer would, and checks both directions with the oracle in mq-properties.ts. Every MQ message
 * a check looked at is kept as `evidence()`, so the report shows what the broker did, pass or fail.
 */
export class MqStage implements Stage {
  readonly received: MqMessage[] = [];
  readonly #seen: string[] = [];
  readonly #uplinks: { facts: UplinkFacts; payload: Buffer }[] = [];
  readonly #clean = new Map<string, boolean>();
  #consumer: MqConsumer | undefined;
  #sent: Sent | undefined;

  constructor(
    private readonly choice: MqChoice,
    private readonly clients: ClientStage,
    private readonly profile: Profile,
    private readonly timeoutMs = clients.timing.receiveTimeoutMs,
  ) {}

  get parent(): string {
    return this.clients.namespace.parentTopic;
  }

  /** Starts consuming the parent topic's MQ topic (MQM-1); the Background of every MQ scenario. */
  async listen(): Promise<void> {
    const endpoint = await runMqEndpoint(this.choice);
    const id = this.clients.namespace.id;
    const ours = (m: MqMessage) =>
      [m.topic, ...Object.values(m.properties)].some((text) => text.includes(id));
    this.#consumer = await endpoint.consume(
      this.parent,
      (message) => ours(message) && this.received.push(message),
    );
  }

  /** Subscribes `actor` to the parent topic itself, where an MQ message without mqttSecondTopic goes. */
  async subscribeToParent(actor: string, qos: QoS): Promise<void> {
    await this.clients.subscribeAbsolute(actor, this.parent, qos);
  }

  async connectDevice(actor: string, clean: boolean): Promise<void> {
    await this.clients.connect(actor, { clean });
    this.#clean.set(actor, clean);
  }

  /** An MQTT client publishes; what it sent is remembered to judge the MQ message against. */
  async publish(actor: string, relativeTopic: string, spec: PayloadSpec, qos: QoS): Promise<void> {
    const topic = this.clients.namespace.topic(relativeTopic);
    const payload = makePayload(spec, this.largestPayload);
    const facts = {
      topic,
      qos,
      cleanSession: this.#clean.get(actor) ?? true,
      clientId: this.clients.namespace.clientId(actor),
    };
    this.#uplinks.push({ facts, payload });
    await this.clients.publish(actor, relativeTopic, payload, { qos });
  }

  /** MQM-8: `count` numbered messages, handed to the client in order without waiting for each ack. */
  async publishNumbered(actor: string, relativeTopic: string, count: number, qos: QoS): Promise<void> {
    const sends = Array.from({ length: count }, (_, i) =>
      this.publish(actor, relativeTopic, { kind: 'text', text: `#${i + 1}` }, qos),
    );
    await Promise.all(sends);
  }

  /** Waits until every uplink so far has an MQ message, then judges the latest one by `rule`. */
  async expectUplink(rule?: string): Promise<MqMessage> {
    const count = this.#uplinks.length;
    const message = await eventually(
      () => (this.received.length >= count ? this.received[count - 1] : undefined),
      {
        timeoutMs: this.timeoutMs,
        description: () =>
          `the MQ side to receive ${count} message(s) of this scenario on MQ topic "${this.parent}"; it got ${this.received.length}`,
      },
    );
    const uplink = this.#uplinks[count - 1];
    if (!uplink) throw new Error('no MQTT message was published before this check (scenario defect)');
    this.#note('MQTT → MQ', message);
    if (rule) {
      const broken = uplinkMismatches(uplink.facts, message, uplink.payload).filter((m) => m.rule === rule);
      if (broken.length > 0) {
        throw expectationFailed(
          `${rule}: ${broken.map((m) => m.what).join('; ')} — the MQ message: ${JSON.stringify(describeMqMessage(message))}`,
        );
      }
    }
    return message;
  }

  /** MQM-8: the numbered uplinks arrived on the MQ side in the order the client sent them. */
  async expectUplinkOrder(): Promise<void> {
    const expected = this.#uplinks.map((u) => u.payload.toString('utf8'));
    const numbered = () =>
      this.received.map((m) => m.body.toString('utf8')).filter((body) => /^#\d+$/.test(body));
    await eventually(() => (numbered().length >= expected.length ? true : undefined), {
      timeoutMs: this.timeoutMs,
      description: () => `${expected.length} numbered messages on the MQ side; ${numbered().length} arrived`,
    });
    const arrived = numbered();
    this.#seen.push(`MQTT → MQ order: ${arrived.join(' ')}`);
    const first = arrived.findIndex((body, i) => body !== expected[i]);
    if (first >= 0)
      throw expectationFailed(
        `MQM-8: MQ message ${first + 1} is ${arrived[first]}, the client sent ${expected[first]} there: ${arrived.join(' ')}`,
      );
  }

  /** Sends from the MQ side to a subtopic of the scenario (undefined: the parent topic itself). */
  async send(
    relativeTopic: string | undefined,
    spec: PayloadSpec,
    settings: DownlinkSettings = {},
  ): Promise<void> {
    const secondTopic =
      relativeTopic === undefined
        ? undefined
        : splitTopic(this.clients.namespace.topic(relativeTopic)).secondTopic;
    const realTopic =
      settings.realTopic === undefined
        ? undefined
        : splitTopic(this.clients.namespace.topic(settings.realTopic)).secondTopic;
    await this.#send(spec, {
      ...settings,
      ...(secondTopic === undefined ? {} : { secondTopic }),
      ...(realTopic === undefined ? {} : { realTopic }),
    });
  }

  /** P2P-3: a P2P message from the MQ side to `actor` (its P2P topic under the profile's format, P2P-2). */
  async sendP2p(actor: string, spec: PayloadSpec, settings: DownlinkSettings = {}): Promise<void> {
    const topic = p2pTopic(this.profile, this.parent, this.clients.namespace.clientId(actor));
    if (!topic) throw new Error(`the ${this.profile.name} profile declares no P2P topic format`);
    await this.send(undefined, spec, { ...settings, secondTopic: splitTopic(topic).secondTopic });
  }

  /** Adds a raw property to the next send (MQM-7: `clientId` is not the sender's to set). */
  async sendWithRawProperty(
    relativeTopic: string | undefined,
    spec: PayloadSpec,
    key: string,
    value: string,
  ): Promise<void> {
    const secondTopic =
      relativeTopic === undefined
        ? undefined
        : splitTopic(this.clients.namespace.topic(relativeTopic)).secondTopic;
    await this.#send(spec, secondTopic === undefined ? {} : { secondTopic }, { [key]: value });
  }

  /** The last send was taken by the MQ side. */
  expectAccepted(): void {
    const sent = this.#lastSent();
    if (sent.refusal) throw expectationFailed(`the MQ side refused the message: ${sent.refusal.message}`);
  }

  /** `actor` gets the last MQ-sent payload, byte for byte, on `relativeTopic` (undefined: the parent). */
  async expectDelivered(actor: string, relativeTopic: string | undefined, qos?: QoS): Promise<void> {
    const sent = this.#lastSent();
    const topic = relativeTopic === undefined ? this.parent : this.clients.namespace.topic(relativeTopic);
    const client = this.clients.client(actor);
    const record = await eventually(
      () => client.received.find((r) => r.topic === topic && r.payload.equals(sent.payload)),
      {
        timeoutMs: this.timeoutMs,
        description: () =>
          `"${actor}" to receive the MQ message (${describeBytes(sent.payload)}, properties ${JSON.stringify(sent.properties)}) on "${topic}"` +
          `${sent.refusal ? ` (the MQ side refused it: ${sent.refusal.message})` : ''}; it received ${this.#describeReceived(actor)}`,
      },
    );
    this.#seen.push(
      `MQ → MQTT: properties ${JSON.stringify(sent.properties)} → "${actor}" got ${describeBytes(record.payload)} on "${record.topic}" at QoS ${record.qos}`,
    );
    if (qos !== undefined && record.qos !== qos) {
      throw expectationFailed(
        `"${actor}" received the MQ message at QoS ${record.qos}, expected QoS ${qos} (MQ properties ${JSON.stringify(sent.properties)})`,
      );
    }
  }

  /** Nothing of the last MQ-sent payload reaches `actor` anywhere within the quiet window. */
  async expectNotDelivered(actor: string): Promise<void> {
    const sent = this.#lastSent();
    await this.clients.expectNoneReceivedWhere(actor, 'the MQ message', (r) =>
      r.payload.equals(sent.payload),
    );
  }

  /** MQM-4 / MQM-7: a property the sender may not set is refused, or has no effect (delivered as without it). */
  async expectRefusedOrIgnored(
    rule: string,
    actor: string,
    relativeTopic: string | undefined,
  ): Promise<void> {
    const sent = this.#lastSent();
    if (sent.refusal) {
      this.#seen.push(`refused by the MQ side: ${sent.refusal.message}`);
      if (sent.refusal.rule !== rule)
        throw expectationFailed(`refused for ${sent.refusal.message}, not for ${rule}`);
      return;
    }
    await this.expectDelivered(actor, relativeTopic);
    this.#seen.push(`accepted and delivered as if the property were not set (ignored)`);
  }

  /** What each MQ check looked at, as `evidence: …` lines. */
  evidence(): StageEvidence {
    return { lines: this.#seen };
  }

  async close(): Promise<void> {
    await this.#consumer?.cancel();
  }

  get largestPayload(): number {
    return this.profile.limits.payloadBytes ?? 64 * 1024;
  }

  async #send(
    spec: PayloadSpec,
    settings: DownlinkSettings,
    raw: Record<string, string> = {},
  ): Promise<void> {
    const endpoint = await runMqEndpoint(this.choice);
    const payload = makePayload(spec, this.largestPayload);
    const properties = { ...downlinkProperties(settings), ...raw };
    try {
      await endpoint.send(this.parent, payload, properties);
      this.#sent = { properties, payload };
    } catch (error) {
      if (!(error instanceof MqRefusal)) throw error;
      this.#sent = { properties, payload, refusal: error };
    }
  }

  #lastSent(): Sent {
    if (!this.#sent) throw new Error('the MQ side has sent nothing yet (scenario defect)');
    return this.#sent;
  }

  #note(direction: string, message: MqMessage): void {
    this.#seen.push(`${direction}: ${JSON.stringify(describeMqMessage(message)).slice(0, 800)}`);
  }

  #describeReceived(actor: string): string {
    const received = this.clients.client(actor).received;
    return received.length === 0
      ? 'nothing'
      : received.map((r) => `${describeBytes(r.payload)} on "${r.topic}" at QoS ${r.qos}`).join(', ');
  }
}
