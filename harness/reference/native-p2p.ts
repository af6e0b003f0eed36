import type { Aedes, AedesPublishPacket, Client } from 'aedes';
import type { QoS } from '../connection/qos.ts';
import type { ReferenceBrokerOptions } from './reference-options.ts';

/** P2P-2: the format the reference broker serves when its options name none (the public docs' one). */
export const DEFAULT_P2P_TOPIC_FORMAT = '{parent}/p2p/{clientId}';

/** A P2P message waiting for its offline target (QCS-5). */
interface Waiting {
  readonly topic: string;
  readonly payload: Buffer;
  readonly qos: QoS;
}

/** Direct deliveries remembered for authorizeForward; old ones drop out (they are long delivered). */
const REMEMBERED_DELIVERIES = 10_000;

/**
 * Native P2P in the reference broker (P2P-1, P2P-2, P2P-3, QCS-5). A message to
 * `<parent>/p2p/<clientId>` is handed to that one client, which needs no subscription; no subscriber
 * of the topic (`<parent>/p2p/+`, `<parent>/#`) gets it. When the target is offline, the **sender's**
 * cleanSession decides (QCS-5): a sender with cleanSession=false has a QoS 1 message kept until the
 * target connects; otherwise it is dropped. QoS 2 is never kept (QCS-4); QoS 0 never is (QCS-6).
 */
export class NativeP2p {
  readonly #waiting = new Map<string, Waiting[]>();
  /** brokerCounter of a direct delivery → the client it is for. */
  readonly #direct = new Map<number, string>();
  /** Each client ID's cleanSession flag at its last CONNECT; only the receiver-side fault reads it. */
  readonly #lastClean = new Map<string, boolean>();
  readonly #levels: readonly string[];

  constructor(
    private readonly broker: Aedes,
    private readonly options: ReferenceBrokerOptions,
  ) {
    this.#levels = (options.p2pTopicFormat ?? DEFAULT_P2P_TOPIC_FORMAT).split('/');
    broker.on('client', (client) => this.#lastClean.set(client.id, client.clean));
    broker.on('clientReady', (client) => this.#flush(client));
  }

  /** P2P-2: the target client ID when `topic` is a P2P topic under a provisioned parent. */
  targetOf(topic: string): string | undefined {
    // A plain MQTT 3.1.1 broker (standard mode) has no P2P: such a topic is delivered to its subscribers.
    if (this.options.mode === 'standard') return undefined;
    const levels = topic.split('/');
    if (levels.length !== this.#levels.length) return undefined;
    let target: string | undefined;
    for (const [i, pattern] of this.#levels.entries()) {
      const level = levels[i] ?? '';
      if (pattern === '{clientId}') target = level;
      else if (pattern === '{parent}') {
        if (!this.options.parentTopics.includes(level)) return undefined;
      } else if (pattern !== level) return undefined;
    }
    return target || undefined;
  }

  /**
   * Sends `message` to `clientId` alone. `senderClean` is the sender's cleanSession (an MQTT
   * sender's CONNECT flag, or an MQ sender's `cleansessionflag`), which decides offline handling.
   */
  send(clientId: string, message: Waiting, senderClean: boolean): void {
    const target = this.#registered(clientId);
    if (target?.connected) return this.#deliver(target, message);
    if (target) return this.#wait(clientId, message); // CONNACK not sent yet: delivered right after it
    const keepBy = this.#has('p2p-receiver-clean-session')
      ? this.#lastClean.get(clientId) === false
      : !senderClean;
    if (keepBy && message.qos === 1) this.#wait(clientId, message);
  }

  #wait(clientId: string, message: Waiting): void {
    const queue = this.#waiting.get(clientId) ?? [];
    queue.push({ ...message, payload: Buffer.from(message.payload) });
    this.#waiting.set(clientId, queue);
  }

  /** For authorizeForward: a P2P message reaches its target through `send` only, never through subscriptions. */
  mayForward(client: Client, packet: AedesPublishPacket): boolean {
    const directFor = this.#direct.get(packet.brokerCounter);
    if (directFor !== undefined) return directFor === client.id;
    if (this.targetOf(packet.topic) === undefined) return true;
    return this.#has('p2p-to-all-subscribers');
  }

  #deliver(target: Client, message: Waiting): void {
    const broker = this.broker as unknown as { id: string; counter: number };
    const brokerCounter = ++broker.counter;
    this.#direct.set(brokerCounter, target.id);
    if (this.#direct.size > REMEMBERED_DELIVERIES) this.#direct.delete(this.#direct.keys().next().value ?? 0);
    const packet = {
      cmd: 'publish',
      topic: message.topic,
      payload: message.payload,
      qos: message.qos,
      retain: false,
      dup: false,
      brokerId: broker.id,
      brokerCounter,
    };
    target.publish(packet as unknown as Parameters<Client['publish']>[0], () => undefined);
  }

  #flush(client: Client): void {
    const queue = this.#waiting.get(client.id);
    if (!queue) return;
    this.#waiting.delete(client.id);
    for (const message of queue) this.#deliver(client, message);
  }

  /** The client registered under `clientId`; `connected` turns true when its CONNECT has completed. */
  #registered(clientId: string): Client | undefined {
    const clients = (this.broker as unknown as { clients: Record<string, Client> }).clients;
    const client = Object.hasOwn(clients, clientId) ? clients[clientId] : undefined;
    return client?.closed ? undefined : client;
  }

  #has(fault: string): boolean {
    return this.options.faults?.some((f) => f === fault) ?? false;
  }
}
