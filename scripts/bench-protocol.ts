/** What the bench parent (bench.ts) and its worker processes (bench-worker.ts) say to each other. */

export type ClientKind = 'baseline' | 'devices';

/** One worker's share of one kind's run. */
export interface WorkerPlan {
  readonly kind: ClientKind;
  /** Short run ID: keeps client IDs and topics apart between runs on the same broker. */
  readonly run: string;
  readonly worker: number;
  /** Broker nodes; client i connects to `nodeFor(urls, first + i)`. Fan-out runs on one node only. */
  readonly urls: readonly string[];
  readonly count: number;
  /** Global index of this worker's first client (device IDs never clash across workers). */
  readonly first: number;
  /** Clients publishing in each of the QoS 0 and QoS 1 phases (disjoint sets). */
  readonly publishers: number;
  /** Clients subscribed to the fan-out topic. */
  readonly fanout: number;
  /** Virtual tags behind each SmartAp (devices only). */
  readonly tagsPerAp: number;
  /** CONNECTs in flight at once. */
  readonly concurrency: number;
}

export type BenchCommand =
  | { readonly cmd: 'create'; readonly plan: WorkerPlan }
  | { readonly cmd: 'connect' }
  | { readonly cmd: 'publish'; readonly qos: 0 | 1; readonly seconds: number }
  | { readonly cmd: 'fanout'; readonly messages: number }
  | { readonly cmd: 'stop' };

export type BenchReply =
  | { readonly cmd: 'created' }
  | {
      readonly cmd: 'connected';
      readonly connected: number;
      readonly failed: number;
      readonly firstError?: string;
      readonly cpuMs: number;
      /** Growth of the worker's resident set (after a GC) from before the clients existed to after. */
      readonly rssBytes: number;
      readonly heapBytes: number;
    }
  | {
      readonly cmd: 'published';
      readonly messages: number;
      readonly failures: number;
      readonly cpuMs: number;
    }
  | {
      readonly cmd: 'fanned';
      readonly delivered: number;
      readonly expected: number;
      readonly ms: number;
      readonly cpuMs: number;
    }
  | { readonly cmd: 'stopped' }
  | { readonly cmd: 'failed'; readonly error: string };
