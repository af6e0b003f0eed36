import type { Client } from 'aedes';
import type { ReferenceBrokerOptions } from './reference-options.ts';
import type { TopicRefusal } from './topic-policy.ts';

/**
 * PUB-2: at most N subscriptions per client; a wildcard filter counts as one, re-subscribing to the
 * same filter does not count again. Counted here because Aedes authorizes the filters of one
 * SUBSCRIBE in parallel, before any of them shows in `client.subscriptions`.
 */
export class SubscriptionCounter {
  readonly #filters = new WeakMap<Client, Set<string>>();

  constructor(private readonly options: ReferenceBrokerOptions) {}

  admit(client: Client, filter: string): TopicRefusal | undefined {
    let filters = this.#filters.get(client);
    if (!filters) this.#filters.set(client, (filters = new Set()));
    if (filters.has(filter)) return undefined;
    if (
      !this.options.faults?.includes('unlimited-subscriptions') &&
      filters.size >= this.options.maxSubscriptions
    ) {
      return {
        rule: 'PUB-2',
        why: `already ${filters.size} subscriptions, the limit is ${this.options.maxSubscriptions}`,
      };
    }
    filters.add(filter);
    return undefined;
  }

  release(client: Client, filters: readonly string[]): void {
    const held = this.#filters.get(client);
    for (const filter of filters) held?.delete(filter);
  }

  forget(client: Client): void {
    this.#filters.delete(client);
  }
}
