import { redactUrl } from '../../harness/net/redact-url.ts';
import { nodeFor } from '../../harness/targets/multi-node.ts';

/**
 * Which broker node each group of a fleet connects to, and how many devices ended up on each.
 * The nodes of a multi-node target are not bridged, so a group is everything that talks to each
 * other: a store (its APs and its price-tag service), a CSG region (its instances and its console),
 * the whole RTC fleet (any phone may call any other through the one control service).
 */
export class NodePlacement {
  readonly #devices = new Map<string, number>();

  constructor(readonly urls: readonly string[]) {
    for (const url of urls) this.#devices.set(url, 0);
  }

  /** The node of a group: a number key round-robin, a string key by a stable hash (same in every shard). */
  of(key: number | string): string {
    return nodeFor(this.urls, key);
  }

  /** One more device on the node at `url`. */
  counted(url: string): string {
    this.#devices.set(url, (this.#devices.get(url) ?? 0) + 1);
    return url;
  }

  /** Devices per node, the URLs with their password masked (for the result). */
  devicesPerNode(): Record<string, number> {
    return Object.fromEntries([...this.#devices].map(([url, count]) => [redactUrl(url), count]));
  }
}
