import { readFile } from 'node:fs/promises';
import { expectationFailed } from '../../harness/expectation.ts';
import type { DeviceSettings } from '../devices/device.ts';
import { SmartAp, SMART_AP_SETTINGS } from '../devices/smart-ap.ts';
import { TagPoller } from '../devices/tag-poller.ts';
import { VirtualTag } from '../devices/virtual-tag.ts';
import { AppendOnlyLog } from '../services/append-only-log.ts';
import { PriceTagService } from '../services/price-tag-service.ts';
import type { PriceTaskEntry, TaskState } from '../services/task-ledger.ts';
import { PRICE_TAG_PLAN, SERVICE_GROUPS } from '../topic-plans.ts';
import type { SolutionSetting } from './solution-setting.ts';

export interface StoreOptions {
  /** How often each tag polls its AP; short in scenarios so they run fast. */
  readonly pollIntervalMs?: number;
  /** A test may give the APs a wrong setting on purpose. */
  readonly apSettings?: DeviceSettings;
}

/** Every price tag starts with this price. */
export const INITIAL_PRICE = '9.99';

/** ESL-6: the append-only audit logs, under the reports directory. */
export const TASK_LOG = 'price-tags/task-log.jsonl';
export const STATUS_LOG = 'price-tags/status-log.jsonl';

/**
 * A store with smart APs, their price tags and the price-tag service (ESL-1..6), as the features
 * describe it. Tags T-1…T-n are spread over AP-1…AP-m in blocks (T-1…T-10 on AP-1 for 20 tags, 2 APs).
 */
export class RetailStore {
  readonly aps: SmartAp[] = [];
  readonly #tags = new Map<string, { tag: VirtualTag; ap: SmartAp }>();
  #service: PriceTagService | undefined;
  #poller: TagPoller | undefined;
  #lastTag: string | undefined;

  constructor(private readonly stage: SolutionSetting) {}

  get service(): PriceTagService {
    if (!this.#service)
      throw new Error('the store is not open; start with "Given a store with … smart APs and … price tags"');
    return this.#service;
  }

  /** Opens the store and returns once the service sees every tag online. */
  async open(apCount: number, tagCount: number, options: StoreOptions = {}): Promise<void> {
    const link = this.stage.serviceLink(PRICE_TAG_PLAN, SERVICE_GROUPS.esl, 'pricetags', true);
    const logs = [TASK_LOG, STATUS_LOG].map((name) => new AppendOnlyLog(this.stage.logFile(name)));
    this.#service = new PriceTagService(link, this.stage.context.scope, this.stage.clock, logs[0]!, logs[1]!);
    await this.#service.start();
    const perAp = Math.ceil(tagCount / apCount);
    for (let index = 0; index < apCount; index += 1) {
      const mac = `02:00:5E:10:00:${(index + 1).toString(16).padStart(2, '0').toUpperCase()}`;
      const ap = new SmartAp(
        `AP-${index + 1}`,
        mac,
        'acme',
        this.stage.context,
        options.apSettings ?? SMART_AP_SETTINGS,
      );
      this.aps.push(ap);
      this.stage.enlist(PRICE_TAG_PLAN, {
        name: ap.name,
        clientId: ap.clientId,
        records: ap.records,
        listensOn: ap.p2pTopics,
        errors: ap.errors,
        close: () => ap.close(),
      });
      this.#service.registerAp(ap.macId, ap.clientId);
    }
    for (let number = 1; number <= tagCount; number += 1) {
      const ap = this.aps[Math.floor((number - 1) / perAp)]!;
      const tag = new VirtualTag(`T-${number}`, INITIAL_PRICE);
      ap.tags.push(tag);
      this.#tags.set(tag.id, { tag, ap });
    }
    await Promise.all(this.aps.map((ap) => ap.connect()));
    this.#poller = new TagPoller(this.aps, options.pollIntervalMs ?? 100);
    this.#poller.start();
    await this.expectOnline(tagCount);
  }

  /** ESL-1: the service sees exactly `count` tags online, and not `missing`. */
  async expectOnline(count: number, missing?: string): Promise<void> {
    await this.stage.waitFor(
      () =>
        `the price-tag service to see ${count} tags online${missing ? ` without ${missing}` : ''}; it sees ${this.service.onlineTags().join(', ') || 'none'}`,
      () => {
        const online = this.service.onlineTags();
        return online.length === count && (!missing || !online.includes(missing)) ? true : undefined;
      },
    );
  }

  batteryRunsOut(tagId: string): void {
    this.entry(tagId).tag.alive = false;
  }

  /** ESL-2: a new price-change task for the tag. */
  async changePrice(tagId: string, price: string): Promise<void> {
    this.entry(tagId);
    this.#lastTag = tagId;
    await this.service.changePrice(tagId, price);
  }

  /** ESL-2: the tag shows the price within the bound and its task is acknowledged; no tag means the last one changed. */
  async expectShownAndAcknowledged(
    tagId: string | undefined,
    price: string,
    withinMs: number,
  ): Promise<void> {
    const id = tagId ?? this.lastTag();
    const { tag } = this.entry(id);
    await this.stage.waitFor(
      () => `tag ${id} to show ${price}; it shows ${tag.display}`,
      () => (tag.display === price ? true : undefined),
      withinMs,
    );
    await this.stage.waitFor(
      () => `the task for ${id} to be acknowledged; it is ${this.task(id).state}`,
      () => (this.task(id).state === 'acknowledged' ? true : undefined),
    );
  }

  /** Checked at once: nothing in flight could change it (the AP's session was discarded). */
  expectStillShows(tagId: string, price: string): void {
    const { tag } = this.entry(tagId);
    if (tag.display !== price)
      throw expectationFailed(`tag ${tagId} shows ${tag.display}, expected it still to show ${price}`);
  }

  /** ESL-3: the service's ledger still has the task unacknowledged (in the given state). */
  expectTaskState(tagId: string, state: TaskState): void {
    const task = this.task(tagId);
    if (task.state !== state)
      throw expectationFailed(`the task for ${tagId} is ${task.state}, expected ${state}`);
  }

  async apOfTagGoesOffline(tagId: string): Promise<void> {
    await this.entry(tagId).ap.kill();
  }

  async apOfTagComesBack(tagId: string): Promise<void> {
    await this.entry(tagId).ap.relaunch();
  }

  async reissue(tagId: string): Promise<void> {
    await this.service.reissue(this.task(tagId).taskId);
  }

  /** ESL-3: once the latest send of the task has arrived, the AP has taken the task exactly once. */
  async expectApTookTaskOnce(tagId: string): Promise<void> {
    const { ap } = this.entry(tagId);
    const task = this.task(tagId);
    const latest = task.messageIds.at(-1);
    const copies = () =>
      ap.receivedOfType('price-change').filter((record) => record.message?.data.taskId === task.taskId);
    await this.stage.waitFor(
      () => `${ap.name} to receive the latest send of ${task.taskId}`,
      () => (copies().some((record) => record.message?.id === latest) ? true : undefined),
    );
    const taken = copies().filter((record) => record.verdict === 'accepted');
    if (taken.length !== 1) {
      throw expectationFailed(
        `${ap.name} took ${task.taskId} for ${tagId} ${taken.length} times (messages ${taken.map((r) => r.message?.id).join(', ')})`,
      );
    }
  }

  /** ESL-6: the task log has exactly these events for the tag's latest task, in order. */
  async expectTaskLogged(tagId: string, events: readonly string[]): Promise<void> {
    const task = this.task(tagId);
    const log = new AppendOnlyLog(this.stage.logFile(TASK_LOG));
    await this.service.flush();
    const lines = (await readFile(log.file, 'utf8')).split('\n').filter(Boolean);
    const logged = lines
      .map((line) => JSON.parse(line) as { scope?: string; taskId?: string; event?: string })
      .filter((entry) => entry.scope === this.stage.context.scope && entry.taskId === task.taskId)
      .map((entry) => entry.event);
    if (logged.join() !== events.join()) {
      throw expectationFailed(
        `${log.file} has [${logged.join(', ')}] for ${task.taskId}, expected [${events.join(', ')}]`,
      );
    }
  }

  async stop(): Promise<void> {
    this.#poller?.stop();
    await this.#service?.flush();
  }

  private task(tagId: string): PriceTaskEntry {
    const task = this.service.ledger.latestFor(tagId);
    if (!task) throw new Error(`no price change was requested for ${tagId} (scenario defect)`);
    return task;
  }

  private entry(tagId: string) {
    const entry = this.#tags.get(tagId);
    if (!entry) throw new Error(`the store has no tag ${tagId}; its tags are T-1…T-${this.#tags.size}`);
    return entry;
  }

  private lastTag(): string {
    if (!this.#lastTag) throw new Error('no price has changed yet; say which tag (scenario defect)');
    return this.#lastTag;
  }
}
