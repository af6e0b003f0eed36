import type { Clock } from '../clock.ts';
import { TAG_ORDER } from '../devices/smart-ap.ts';
import type { TagStatus } from '../devices/virtual-tag.ts';
import { field, type SimMessage } from '../message.ts';
import { BackEndService } from './back-end-service.ts';
import { ESL_PARENTS, scopedFilter } from '../topic-plans.ts';
import type { AppendOnlyLog } from './append-only-log.ts';
import type { ServiceHandler, ServiceLink } from './service-link.ts';
import { TaskLedger, type PriceTaskEntry } from './task-ledger.ts';

/**
 * The price-tag management service: tracks which tags are online from the APs' status reports
 * (ESL-1), sends price changes P2P to the tag's AP and follows each task to its acknowledgement
 * (ESL-2, ESL-6). A task whose AP was offline stays unacknowledged and can be re-issued (ESL-3).
 */
export class PriceTagService extends BackEndService implements ServiceHandler {
  readonly ledger: TaskLedger;
  /** The store inventory: AP (MAC without colons) → its client ID. */
  readonly #aps = new Map<string, string>();
  /** The tags in each AP's latest status report. */
  readonly #reports = new Map<string, readonly TagStatus[]>();
  #lastOnline = '';

  constructor(
    link: ServiceLink,
    scope: string,
    private readonly clock: Clock,
    taskLog: AppendOnlyLog,
    private readonly statusLog: AppendOnlyLog,
  ) {
    super(link, scope, clock);
    this.ledger = new TaskLedger(taskLog, clock, scope);
  }

  registerAp(macId: string, clientId: string): void {
    this.#aps.set(macId, clientId);
  }

  async start(): Promise<void> {
    await this.link.start(
      [scopedFilter(ESL_PARENTS.status, this.scope), scopedFilter(ESL_PARENTS.priceAck, this.scope)],
      this,
    );
  }

  /** Tags that polled their AP in its latest report, in tag order. */
  onlineTags(): string[] {
    return [...this.#reports.values()]
      .flatMap((tags) => tags.map((tag) => tag.tagId))
      .sort(TAG_ORDER.compare);
  }

  tagStatus(tagId: string): TagStatus | undefined {
    for (const tags of this.#reports.values()) {
      const status = tags.find((tag) => tag.tagId === tagId);
      if (status) return status;
    }
    return undefined;
  }

  /** ESL-2: a new task, sent P2P to the AP that last reported the tag. */
  async changePrice(tagId: string, price: string): Promise<PriceTaskEntry> {
    const apClientId = this.apOf(tagId);
    const task = this.ledger.open(tagId, price, apClientId);
    await this.send(task);
    return task;
  }

  /** ESL-3: the same task again, as a new message (the AP must not take it for a duplicate). */
  async reissue(taskId: string): Promise<PriceTaskEntry> {
    const task = this.ledger.reissued(taskId);
    await this.send(task);
    return task;
  }

  /** Waits until the task log and the status log hold everything so far (ESL-6). */
  async flush(): Promise<void> {
    await Promise.all([this.ledger.flush(), this.statusLog.flush()]);
  }

  onServiceMessage(topic: string, message: SimMessage): void {
    switch (message.type) {
      case 'status-report':
        this.#reports.set(field(message, 'ap'), (message.data.tags ?? []) as TagStatus[]);
        this.logOnline();
        break;
      case 'task-received':
        this.ledger.advance(field(message, 'taskId'), 'delivered');
        break;
      case 'task-done':
        this.ledger.advance(field(message, 'taskId'), 'acknowledged');
        break;
      default:
        this.errors.push(`unknown report "${message.type}" on ${topic}`);
    }
  }

  private async send(task: PriceTaskEntry): Promise<void> {
    const message = this.outbox.next('price-change', {
      taskId: task.taskId,
      tagId: task.tagId,
      price: task.price,
    });
    task.messageIds.push(message.id);
    await this.link.sendP2p(ESL_PARENTS.price, task.apClientId, message);
  }

  private apOf(tagId: string): string {
    for (const [macId, tags] of this.#reports) {
      if (!tags.some((tag) => tag.tagId === tagId)) continue;
      const clientId = this.#aps.get(macId);
      if (clientId) return clientId;
    }
    throw new Error(
      `tag ${tagId} has not been reported by any AP of the store, so the service cannot route a price change to it`,
    );
  }

  /** ESL-1: the online set is logged whenever it changes. */
  private logOnline(): void {
    const online = this.onlineTags();
    const key = online.join(',');
    if (key === this.#lastOnline) return;
    this.#lastOnline = key;
    this.statusLog.append({
      at: new Date(this.clock.now()).toISOString(),
      scope: this.scope,
      online: online.length,
      tags: online,
    });
  }
}
