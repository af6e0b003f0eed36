import { RateCounter } from '../../harness/fleet/random.ts';
import type { RetailWorkload } from '../../harness/fleet/scenario.ts';
import { shardIndices, shardRate } from '../../harness/fleet/shard.ts';
import type { DeviceContext } from '../devices/device.ts';
import { SmartAp } from '../devices/smart-ap.ts';
import { TagPoller } from '../devices/tag-poller.ts';
import { VirtualTag } from '../devices/virtual-tag.ts';
import type { SimRecord } from '../message.ts';
import { PriceTagService } from '../services/price-tag-service.ts';
import { MqttServiceLink } from '../services/service-link.ts';
import type { PriceTaskEntry } from '../services/task-ledger.ts';
import { INITIAL_PRICE } from '../solutions/retail-store.ts';
import { SERVICE_GROUPS } from '../topic-plans.ts';
import type { FleetEnv, FleetPart } from './fleet-env.ts';

interface Store {
  readonly service: PriceTagService;
  readonly aps: SmartAp[];
}

/** MAC 02:00:5E:xx:xx:xx from a global AP index: unique across shards. */
function macOf(index: number): string {
  return ['02', '00', '5E', (index >> 16) & 255, (index >> 8) & 255, index & 255]
    .map((part) => (typeof part === 'number' ? part.toString(16).padStart(2, '0').toUpperCase() : part))
    .join(':');
}

/**
 * A retail chain (ESL-1..6) out of the same classes the store scenarios use: SmartAp devices with
 * VirtualTag objects polled by one TagPoller, and one PriceTagService per store (each store is its
 * own scope, so a service hears only its own APs).
 */
export class RetailFleet implements FleetPart {
  readonly name = 'retail';
  readonly devices: SmartAp[] = [];
  readonly links: MqttServiceLink[] = [];
  readonly workload: Record<string, number> = {
    'price changes': 0,
    'price changes skipped (tag not reported)': 0,
    'AP outages': 0,
  };
  readonly #stores = new Map<number, Store>();
  readonly #storeOfAp = new Map<SmartAp, Store>();
  /** Tasks not yet acknowledged, for latency and the ESL-2 verdict. */
  readonly #open = new Map<PriceTaskEntry, { ap: SmartAp; ackedAt?: number }>();
  readonly #priceChanges: RateCounter;
  readonly #outages: RateCounter;
  #poller: TagPoller | undefined;
  #price = 1000;

  constructor(
    private readonly env: FleetEnv,
    private readonly workloadSpec: RetailWorkload,
  ) {
    const total = workloadSpec.stores * workloadSpec.apsPerStore;
    for (const index of shardIndices(total, env.shard)) {
      const storeIndex = Math.floor(index / workloadSpec.apsPerStore);
      const store = this.#store(storeIndex);
      const context = this.#contextOf(storeIndex);
      env.nodes.counted(context.url);
      const ap = new SmartAp(`AP-${index}`, macOf(index), 'acme', context);
      for (let tag = 0; tag < workloadSpec.tagsPerAp; tag += 1)
        ap.tags.push(new VirtualTag(`T-${index}-${tag}`, INITIAL_PRICE));
      store.service.registerAp(ap.macId, ap.clientId);
      store.aps.push(ap);
      this.#storeOfAp.set(ap, store);
      this.devices.push(ap);
    }
    const perTick = (perSecond: number) => (shardRate(perSecond, env.shard) * env.tickMs) / 1_000;
    this.#priceChanges = new RateCounter(perTick(workloadSpec.priceChangesPerSecond));
    this.#outages = new RateCounter(perTick(workloadSpec.outagesPerMinute / 60));
  }

  get tagCount(): number {
    return this.devices.length * this.workloadSpec.tagsPerAp;
  }

  /** ESL-1: every store's service has seen every tag of its APs (the store is open). */
  ready(): boolean {
    for (const store of this.#stores.values()) {
      const online = store.aps.filter((ap) => ap.online).length;
      if (store.service.onlineTags().length < online * this.workloadSpec.tagsPerAp) return false;
    }
    return true;
  }

  settled(now: number): boolean {
    for (const [task, { ap }] of this.#open)
      if (!this.env.tracker.wasAway(ap.clientId, task.history[0]?.at ?? now, now)) return false;
    return true;
  }

  async startServices(): Promise<void> {
    await Promise.all([...this.#stores.values()].map((store) => store.service.start()));
  }

  started(): void {
    this.#poller = new TagPoller(this.devices, this.workloadSpec.pollIntervalMs);
    this.#poller.start();
  }

  tick(now: number): void {
    for (let n = this.#priceChanges.take(); n > 0; n -= 1) this.#changePrice();
    for (let n = this.#outages.take(); n > 0; n -= 1) {
      const ap = this.env.random.pick(this.devices);
      if (!ap || this.env.isAway(ap)) continue;
      this.workload['AP outages']! += 1;
      this.env.outage(ap, this.workloadSpec.outageSeconds * 1_000, () => ap.connect());
    }
    this.#followTasks(now);
  }

  onServiceRecord(record: SimRecord): void {
    // A price change went out P2P to an AP (ESL-2): the tracker follows it (QCS-1, ESL-3).
    if (record.direction !== 'sent' || record.message?.type !== 'price-change') return;
    const clientId = record.topic.slice(record.topic.lastIndexOf('/') + 1);
    this.env.tracker.expect(clientId, record.message.id, true, record.at);
  }

  finish(endAt: number): void {
    this.#followTasks(endAt);
    const { book, tracker } = this.env;
    for (const [task, { ap }] of this.#open) {
      const messageId = task.messageIds.at(-1) ?? '';
      const sentAt = task.history[0]?.at ?? endAt;
      if (this.#storeOfAp.get(ap)!.service.ledger.latestFor(task.tagId) !== task)
        book.reported('price-tasks', 'superseded by a newer price for the same tag before the tag polled');
      else if (tracker.wasAway(ap.clientId, sentAt, endAt))
        book.reported('price-tasks', 'AP offline during the task (ESL-3: not delivered later)');
      else if (tracker.awaiting(ap.clientId, messageId))
        book.reported('price-tasks', 'price change never reached the AP (judged by QCS-1)');
      else
        book.violated('price-tasks', {
          device: ap.clientId,
          message: messageId,
          at: new Date(sentAt).toISOString(),
          what: `task ${task.taskId} for ${task.tagId} reached its AP, which stayed online, and is still "${task.state}" at the end`,
        });
    }
  }

  async stop(): Promise<void> {
    this.#poller?.stop();
    await Promise.all([...this.#stores.values()].map((store) => store.service.flush().catch(() => {})));
  }

  #store(index: number): Store {
    let store = this.#stores.get(index);
    if (store) return store;
    const context = this.#contextOf(index);
    const clientId = context.clientIds.build(SERVICE_GROUPS.esl, `pricetags_${context.scope}`);
    const link = new MqttServiceLink(clientId, context.url, true, context.p2p, context.clock);
    this.links.push(link);
    const service = new PriceTagService(
      link,
      context.scope,
      context.clock,
      this.env.taskLog,
      this.env.statusLog,
    );
    this.#stores.set(index, (store = { service, aps: [] }));
    return store;
  }

  readonly #contexts = new Map<number, DeviceContext>();
  #contextOf(storeIndex: number): DeviceContext {
    let context = this.#contexts.get(storeIndex);
    if (!context) {
      const { nodes, clock, p2p, clientIds, scope } = this.env;
      // A store, its APs and its service, on one node (nodes are not bridged).
      const url = nodes.of(storeIndex);
      context = { url, clock, p2p, clientIds, scope: `${scope}${storeIndex.toString(36)}` };
      this.#contexts.set(storeIndex, context);
    }
    return context;
  }

  /** ESL-2: a price change for a random tag of a random AP whose tags the service has seen. */
  #changePrice(): void {
    const ap = this.env.random.pick(this.devices);
    const tag = ap && this.env.random.pick(ap.tags);
    if (!ap || !tag) return;
    const store = this.#storeOfAp.get(ap)!;
    if (!store.service.tagStatus(tag.id)) {
      // Only after an outage: the workload starts once every tag was reported (ready()).
      this.workload['price changes skipped (tag not reported)']! += 1;
      return;
    }
    this.workload['price changes']! += 1;
    const price = (this.#price++ / 100).toFixed(2);
    const work = store.service.changePrice(tag.id, price).then((task) => {
      this.#open.set(task, { ap });
      // Acknowledged by the broker now: lets the tracker judge a delivery after a reconnect (QCS-2).
      const messageId = task.messageIds.at(-1);
      if (messageId) this.env.tracker.acked(ap.clientId, messageId, Date.now());
    });
    this.env.background('price change', work);
  }

  /** Acknowledged tasks leave the open set; their latency is the ledger's own timestamps (ESL-6). */
  #followTasks(_now: number): void {
    for (const task of this.#open.keys()) {
      if (task.state !== 'acknowledged') continue;
      const requested = task.history.find((h) => h.state === 'requested')?.at;
      const acknowledged = task.history.find((h) => h.state === 'acknowledged')?.at;
      if (requested !== undefined && acknowledged !== undefined)
        this.env.metrics.latencyOf('price-ack', acknowledged - requested);
      this.env.book.passed('price-tasks');
      this.#open.delete(task);
    }
  }
}
