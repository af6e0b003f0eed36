import type { ClientStage } from './client-stage.ts';
import type { QoS } from '../connection/qos.ts';
import { eventually } from '../eventually.ts';
import { expectationFailed } from '../expectation.ts';
import { p2pTopic, type Profile } from '../profiles/profile.ts';
import { subscribesToOwnP2p, type P2pMode } from '../p2p/applicability.ts';
import { NO_EVIDENCE, type Stage, type StageEvidence } from './stage.ts';

/**
 * The P2P actors of one scenario (P2P-1, P2P-2, QCS-5). Receivers are connected as the run's P2P mode
 * requires: with `client` P2P each subscribes to its own P2P topic; with `native` or `auto-subscribe`
 * none ever subscribes, so a message that arrives came by the broker's own P2P delivery.
 */
export class P2pStage implements Stage {
  constructor(
    private readonly clients: ClientStage,
    private readonly profile: Profile,
    readonly mode: P2pMode,
  ) {}

  /** P2P-2: `<parent>/p2p/<clientId>` of an actor, from the profile's format. */
  topicOf(actor: string): string {
    const topic = p2pTopic(
      this.profile,
      this.clients.namespace.parentTopic,
      this.clients.namespace.clientId(actor),
    );
    if (!topic) throw new Error(`the ${this.profile.name} profile declares no P2P topic format`);
    return topic;
  }

  /** Connects `actor` as a P2P receiver; only the client emulation subscribes (to its own P2P topic). */
  async receiverOnline(actor: string, clean = true): Promise<void> {
    await this.clients.connect(actor, { clean });
    if (subscribesToOwnP2p(this.mode)) await this.clients.subscribeAbsolute(actor, this.topicOf(actor), 1);
    // With broker-side P2P the receiver observes its P2P topic without a subscription of its own.
    else this.clients.observesWithoutSubscription(actor);
  }

  async senderOnline(actor: string, clean = true): Promise<void> {
    await this.clients.connect(actor, { clean });
  }

  /** P2P-1: an eavesdropper subscribed to everything under the parent topic, P2P topics included. */
  async eavesdropperOnline(actor: string): Promise<void> {
    await this.clients.connect(actor);
    await this.clients.subscribeAbsolute(actor, `${this.clients.namespace.parentTopic}/#`, 1);
  }

  async offline(actor: string): Promise<void> {
    await this.clients.disconnect(actor);
  }

  async send(from: string, to: string, payload: string, qos: QoS): Promise<void> {
    await this.clients.client(from).publish(this.topicOf(to), payload, { qos });
  }

  /** `actor` receives `payload` on its P2P topic, or on `relativeTopic` when the MQ sender set mqttRealTopic. */
  async expectReceived(actor: string, payload: string, relativeTopic?: string): Promise<void> {
    const topic =
      relativeTopic === undefined ? this.topicOf(actor) : this.clients.namespace.topic(relativeTopic);
    const client = this.clients.client(actor);
    await eventually(
      () => client.received.find((r) => r.topic === topic && r.payload.toString('utf8') === payload),
      {
        timeoutMs: this.clients.timing.receiveTimeoutMs,
        description: () =>
          `"${actor}" (P2P mode ${this.mode}) to receive "${payload}" on "${topic}"; it received ` +
          (client.received.map((r) => `"${r.payload.toString('utf8')}" on "${r.topic}"`).join(', ') ||
            'nothing'),
      },
    );
  }

  /** `actor` gets `payload` nowhere within the quiet window. */
  async expectNotReceived(actor: string, payload: string): Promise<void> {
    await this.clients.expectNoneReceivedWhere(
      actor,
      `the P2P message "${payload}"`,
      (r) => r.payload.toString('utf8') === payload,
    );
  }

  /** Exactly one copy reached `actor` (no duplicate by a second path, e.g. a subscription beside native P2P). */
  async expectReceivedOnce(actor: string, payload: string): Promise<void> {
    await this.expectReceived(actor, payload);
    await this.clients.expectNoneReceivedWhere(actor, 'a second copy', () => false);
    const copies = this.clients.client(actor).received.filter((r) => r.payload.toString('utf8') === payload);
    if (copies.length !== 1)
      throw expectationFailed(
        `"${actor}" received ${copies.length} copies of "${payload}", expected exactly one (P2P-1)`,
      );
  }

  /** Nothing of its own to report or close: its connections belong to the ClientStage, whose transcript shows them. */
  evidence(): StageEvidence {
    return NO_EVIDENCE;
  }

  async close(): Promise<void> {}
}
