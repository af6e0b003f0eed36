import type { Clock } from '../clock.ts';
import type { AppendOnlyLog } from './append-only-log.ts';

/** ESL-6: requested → delivered (the AP holds it) → acknowledged (the tag shows it). */
export type TaskState = 'requested' | 'delivered' | 'acknowledged';
const ORDER: readonly TaskState[] = ['requested', 'delivered', 'acknowledged'];

export interface PriceTaskEntry {
  readonly taskId: string;
  readonly tagId: string;
  readonly price: string;
  readonly apClientId: string;
  state: TaskState;
  /** 1 for the first request; +1 per re-issue. */
  attempts: number;
  /** The ID of the message sent for each attempt, so a check can wait for the latest to arrive. */
  readonly messageIds: string[];
  readonly history: { state: TaskState | 're-issued'; at: number }[];
}

/**
 * The price-tag service's task ledger (ESL-2, ESL-6). States only move forward; every change is also
 * appended to the task log, so whether a price change succeeded can be read back later.
 */
export class TaskLedger {
  readonly #tasks = new Map<string, PriceTaskEntry>();
  #sequence = 0;

  constructor(
    private readonly log: AppendOnlyLog,
    private readonly clock: Clock,
    /** Written into every log line, so runs and scenarios sharing one log file stay apart. */
    private readonly scope: string,
  ) {}

  open(tagId: string, price: string, apClientId: string): PriceTaskEntry {
    const entry: PriceTaskEntry = {
      taskId: `task-${++this.#sequence}`,
      tagId,
      price,
      apClientId,
      state: 'requested',
      attempts: 1,
      messageIds: [],
      history: [],
    };
    this.#tasks.set(entry.taskId, entry);
    this.write(entry, 'requested');
    return entry;
  }

  /** Moves a task forward; a report for an unknown task or an older state is ignored (and says so). */
  advance(taskId: string, state: TaskState): boolean {
    const entry = this.#tasks.get(taskId);
    if (!entry || ORDER.indexOf(state) <= ORDER.indexOf(entry.state)) return false;
    entry.state = state;
    this.write(entry, state);
    return true;
  }

  reissued(taskId: string): PriceTaskEntry {
    const entry = this.get(taskId);
    entry.attempts += 1;
    this.write(entry, 're-issued');
    return entry;
  }

  get(taskId: string): PriceTaskEntry {
    const entry = this.#tasks.get(taskId);
    if (!entry) throw new Error(`the ledger has no task ${taskId}`);
    return entry;
  }

  /** The most recent task for a tag. */
  latestFor(tagId: string): PriceTaskEntry | undefined {
    return [...this.#tasks.values()].reverse().find((entry) => entry.tagId === tagId);
  }

  /** Waits until every change so far is in the task log. */
  async flush(): Promise<void> {
    await this.log.flush();
  }

  private write(entry: PriceTaskEntry, event: TaskState | 're-issued'): void {
    const at = this.clock.now();
    entry.history.push({ state: event, at });
    this.log.append({
      at: new Date(at).toISOString(),
      scope: this.scope,
      event,
      taskId: entry.taskId,
      tagId: entry.tagId,
      price: entry.price,
      ap: entry.apClientId,
      attempt: entry.attempts,
    });
  }
}
