import { field, type SimMessage } from '../message.ts';
import { AP_GROUPS, ESL_PARENTS, scopedTopic, type ApVendor } from '../topic-plans.ts';
import { Device, type DeviceContext, type DeviceSettings } from './device.ts';
import type { PriceTask, TagRadio, TagStatus, VirtualTag } from './virtual-tag.ts';

/**
 * ESL-3: price changes are real time, so an AP keeps no session (cleanSession=true, QoS1) and never
 * processes tasks pushed while it was away; it de-duplicates and drops tasks older than ten minutes.
 */
export const SMART_AP_SETTINGS: DeviceSettings = {
  clean: true,
  qos: 1,
  dedupWindowMs: 600_000,
  maxAgeMs: 600_000,
};

/** T-2 before T-10. One collator for all APs: localeCompare with options builds one per call. */
export const TAG_ORDER = new Intl.Collator('en', { numeric: true });

/**
 * A store's smart AP: relays its tags' status upstream and price changes down to them (ESL-1, ESL-2).
 * Device ID = the AP's MAC address without colons (CID-6).
 */
export class SmartAp extends Device implements TagRadio {
  readonly tags: VirtualTag[] = [];
  /** Tasks waiting for their tag's next poll. */
  readonly #pending = new Map<string, PriceTask>();
  /** Status heard since the last report, by tag. */
  #heard = new Map<string, TagStatus>();
  #lastReport = '';

  constructor(
    name: string,
    readonly mac: string,
    vendor: ApVendor,
    context: DeviceContext,
    settings: DeviceSettings = SMART_AP_SETTINGS,
  ) {
    super(name, AP_GROUPS[vendor], mac.replaceAll(':', ''), settings, context, [ESL_PARENTS.price]);
  }

  get macId(): string {
    return this.mac.replaceAll(':', '');
  }

  exchange(status: TagStatus): PriceTask | undefined {
    this.#heard.set(status.tagId, status);
    return this.#pending.get(status.tagId);
  }

  shown(task: PriceTask): void {
    this.#pending.delete(task.tagId);
    this.sendUp(ESL_PARENTS.priceAck, 'task-done', { ...task });
  }

  /**
   * After a polling round: one aggregated status report for all tags heard (ESL-1), sent when it
   * changed or after a reconnect, so an idle store stays quiet.
   */
  reportStatus(): void {
    const tags = [...this.#heard.values()].sort((a, b) => TAG_ORDER.compare(a.tagId, b.tagId));
    this.#heard = new Map();
    const report = JSON.stringify(tags);
    if (report === this.#lastReport || !this.online) return;
    this.#lastReport = report;
    this.sendUp(ESL_PARENTS.status, 'status-report', { ap: this.macId, tags });
  }

  protected override async afterConnect(): Promise<void> {
    this.#lastReport = '';
  }

  protected handle(_topic: string, message: SimMessage): void {
    if (message.type !== 'price-change') {
      this.errors.push(`unknown task "${message.type}" (${message.id})`);
      return;
    }
    const task: PriceTask = {
      taskId: field(message, 'taskId'),
      tagId: field(message, 'tagId'),
      price: field(message, 'price'),
    };
    if (!this.tags.some((tag) => tag.id === task.tagId)) {
      this.errors.push(`task ${task.taskId} is for ${task.tagId}, which is not served by ${this.name}`);
      return;
    }
    // ESL-2: store the task until the tag polls; tell the service it arrived (ledger: delivered).
    this.#pending.set(task.tagId, task);
    this.sendUp(ESL_PARENTS.priceAck, 'task-received', { taskId: task.taskId, tagId: task.tagId });
  }

  private sendUp(parent: string, type: string, data: Record<string, unknown>): void {
    if (!this.online) {
      this.errors.push(`${type} not sent: ${this.name} is offline`);
      return;
    }
    this.background(type, this.publish(scopedTopic(parent, this.context.scope, this.macId), type, data));
  }
}
