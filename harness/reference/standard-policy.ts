import type { Client } from 'aedes';

/**
 * The reference broker's client-ID check in standard mode (`mode: 'standard'`): what MQTT 3.1.1 itself
 * requires, nothing of aliyun. Any non-empty ID is accepted, whatever its length [MQTT-3.1.3-5 allows
 * more than 23 bytes]. Returns why the ID is refused (CONNACK 0x02), or undefined.
 */
export function standardClientIdRefusal(
  clientId: string,
  emptyId: boolean,
  clean: boolean,
): string | undefined {
  // Aedes assigns `aedes_<uuid>` to an empty ID whatever the session flag; [MQTT-3.1.3-8] requires
  // CONNACK 0x02 when cleanSession=0 (cleanSession=1 keeps the assigned ID [MQTT-3.1.3-6]).
  if (emptyId && !clean) return '[MQTT-3.1.3-8] an empty client ID needs cleanSession=1';
  // Aedes accepts U+0000, which [MQTT-1.5.3-2] forbids in any UTF-8 string.
  if (clientId.includes('\u0000')) return '[MQTT-1.5.3-2] the client ID contains U+0000';
  return undefined;
}

/**
 * Remembers which connections sent an empty client ID: Aedes replaces it before `authenticate` runs,
 * so `preConnect` (which still sees the CONNECT packet) records it.
 */
export class EmptyClientIds {
  readonly #empty = new WeakSet<Client>();

  note(client: Client, packet: { clientId?: string }): void {
    if (!packet.clientId) this.#empty.add(client);
  }

  has(client: Client): boolean {
    return this.#empty.has(client);
  }
}

/** Standard mode: a filter the operator configured to refuse (`--refuse-filter`), matched exactly. */
export function refusedFilter(refuseFilters: readonly string[] | undefined, filter: string): boolean {
  return refuseFilters?.includes(filter) ?? false;
}

/** Standard mode: a topic the operator configured its clients may not publish to (`--deny-publish`), matched exactly. */
export function deniedPublish(denyPublish: readonly string[] | undefined, topic: string): boolean {
  return denyPublish?.includes(topic) ?? false;
}
