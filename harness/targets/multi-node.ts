import { UsageError } from '../errors.ts';
import { startedTarget, type BrokerTarget, type StartedBrokerTarget } from './broker-target.ts';

/** More nodes than this on one machine is a typing mistake, not a plan. */
const MAX_NODES = 16;

/** `process:mosquitto*3` → the single-node spec and the node count; undefined without `*N`. */
export function splitNodeCount(spec: string): { single: string; nodes: number } | undefined {
  const match = /^(.+)\*(\d+)$/.exec(spec);
  if (!match) return undefined;
  const nodes = Number(match[2]);
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > MAX_NODES) {
    throw new UsageError(`"${spec}" asks for ${match[2]} nodes; write *N with N from 1 to ${MAX_NODES}`);
  }
  return { single: match[1] ?? '', nodes };
}

/**
 * N independent brokers started side by side, e.g. `process:mosquitto*3`: each its own process, port
 * and open-file limit, so together they hold more connections than one process may (≈ 20,000 files
 * here). They are NOT bridged: a message published on one node reaches subscribers of that node only,
 * so a fleet places a device and whoever talks to it on the same node (`nodeFor` with a shared key).
 * `url` is the first node's; `nodes` lists every node's URL. Starting stops the started nodes again
 * when one of them cannot start.
 */
export function multiNodeTarget(spec: string, nodes: readonly BrokerTarget[]): BrokerTarget {
  return {
    spec,
    async start() {
      const results = await Promise.allSettled(nodes.map((node) => node.start()));
      const started = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
      const failed = results.find((result) => result.status === 'rejected');
      if (failed) {
        await Promise.all(started.map((node) => node.stop()));
        throw failed.reason;
      }
      const [first] = started;
      if (!first) throw new UsageError(`"${spec}" names no node`);
      const target = startedTarget(spec, first.url, first.capabilities, async () => {
        await Promise.all(started.map((node) => node.stop()));
      });
      return { ...target, nodes: started.map((node) => node.url) };
    },
  };
}

/** Every node URL of a started target: its `nodes`, or its one `url`. */
export function nodeUrls(target: Pick<StartedBrokerTarget, 'url' | 'nodes'>): readonly string[] {
  return target.nodes && target.nodes.length > 0 ? target.nodes : [target.url];
}

/**
 * The node a device (or a group of devices that talk to each other: a store, a region) connects to:
 * a number key spreads round-robin, a string key by a stable hash, so every shard and every run puts
 * the same key on the same node.
 */
export function nodeFor(urls: readonly string[], key: number | string): string {
  const index = typeof key === 'number' ? key : stableHash(key);
  const url = urls[Math.abs(index) % urls.length];
  if (url === undefined) throw new UsageError('no broker node to connect to');
  return url;
}

/** FNV-1a over the UTF-16 code units: stable across processes and runs. */
function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
