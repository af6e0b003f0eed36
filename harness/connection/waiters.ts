import { afterPendingIo } from '../net/quiet-window.ts';

/**
 * Event-driven, bounded waits of a raw probe connection: the connection calls `wake()` whenever a
 * packet arrives or the socket closes, and each pending wait re-polls its condition then.
 */
export class Waiters {
  readonly #pending = new Set<() => void>();

  wake(): void {
    for (const check of [...this.#pending]) check();
  }

  /** Resolves with what `poll` returns once it returns something, or `timeout` after `ms`. */
  wait<T>(poll: () => T | undefined, ms: number): Promise<T | 'timeout'> {
    return new Promise((resolve) => {
      const finish = (value: T | 'timeout') => {
        cancelTimeout();
        this.#pending.delete(check);
        resolve(value);
      };
      const check = () => {
        const value = poll();
        if (value !== undefined) finish(value);
      };
      // A packet already in the socket when the timer fires is read first (quiet-window.ts).
      const cancelTimeout = afterPendingIo(() => finish('timeout'), ms);
      this.#pending.add(check);
      check();
    });
  }
}
