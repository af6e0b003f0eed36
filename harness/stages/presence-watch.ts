import type { ScenarioNamespace } from '../client/namespace.ts';
import { WillWatcher } from '../checks/will-watcher.ts';

/**
 * The wills of a scenario's subscribers, on `presence/<actor>`: every subscriber connects with one, so
 * "the broker noticed the socket died" is the broker's own word (its will) rather than a guess about
 * timing. The watcher connects on first use.
 */
export class PresenceWatch {
  #watcher: WillWatcher | undefined;

  constructor(
    readonly url: string,
    readonly namespace: ScenarioNamespace,
    readonly timeoutMs: number,
  ) {}

  /** The will `name` connects with. */
  will(name: string) {
    return { topic: this.topic(name), payload: 'gone', qos: 1 as const };
  }

  /** Connects the watcher now (before the first subscriber, so no will is missed). */
  async start(): Promise<WillWatcher> {
    this.#watcher ??= await WillWatcher.start(
      this.url,
      this.namespace.clientId('watcher'),
      this.namespace.topic('presence/+'),
      this.timeoutMs,
    );
    return this.#watcher;
  }

  /** Runs `death` and waits (bounded) for the will it causes; false when none came in time. */
  async noticed(name: string, death: () => void): Promise<boolean> {
    return (await this.start()).noticed(this.topic(name), death);
  }

  close(): void {
    this.#watcher?.close();
  }

  private topic(name: string): string {
    return this.namespace.topic(`presence/${name}`);
  }
}
