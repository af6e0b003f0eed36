import { setImmediate as yieldToIo } from 'node:timers/promises';
import { DEFAULT_CLIENT_ID_SCHEME } from '../harness/profiles/client-id-scheme.ts';
import { brokerEndpoint } from '../harness/connection/broker-url.ts';
import { nodeFor } from '../harness/targets/multi-node.ts';
import { ScenarioClock } from '../simulators/clock.ts';
import { P2pRoute } from '../simulators/p2p.ts';
import { SMART_AP_SETTINGS, SmartAp } from '../simulators/devices/smart-ap.ts';
import { VirtualTag } from '../simulators/devices/virtual-tag.ts';
import type { DeviceContext } from '../simulators/devices/device.ts';
import { ESL_PARENTS } from '../simulators/topic-plans.ts';
import { BaselineClient } from './bench-baseline.ts';
import type { BenchCommand, BenchReply, WorkerPlan } from './bench-protocol.ts';

/**
 * One bench worker process: holds its share of the clients of one kind (the simulator's SmartAps, or
 * baseline clients on raw mqtt-packet sockets) against one broker node, and runs the phases the parent
 * asks for. Both kinds get exactly the same workload: CONNECT then SUBSCRIBE to one downlink topic;
 * publishers at QoS 0 and QoS 1; fan-out subscribers on one topic fed by one baseline publisher.
 */

/** One client as a phase sees it, whatever its kind. */
interface Client {
  connect(): Promise<void>;
  /** QoS is the client's own for devices (fixed by their settings), given for the baseline. */
  publish(qos: 0 | 1): Promise<void>;
  received(): { count: number; lastAt: number };
  disconnect(): Promise<void>;
}

function baselineClient(plan: WorkerPlan, index: number): Client {
  const { host, port } = brokerEndpoint(nodeFor(plan.urls, plan.first + index));
  const client = new BaselineClient(host, port, `bench-base-${plan.run}-${index}`);
  const topic = index < 2 * plan.publishers ? `bench/up/${index}` : '';
  const downlink = isFan(plan, index) ? fanTopic(plan) : `${ESL_PARENTS.price}/p2p/${client.clientId}`;
  return {
    async connect() {
      if (!(await client.connect())) throw new Error('connection refused or closed');
      await client.subscribe(downlink, 1);
    },
    // The same workload as a device's: a fresh message body (ID, type, sent-at) per message.
    publish: (qos) => client.publish(topic, Buffer.from(JSON.stringify(body(client.clientId))), qos),
    received: () => ({ count: client.received, lastAt: client.lastReceivedAt }),
    async disconnect() {
      client.disconnect();
    },
  };
}

let sequence = 0;

function body(sender: string) {
  return { id: `${sender}#${++sequence}`, type: 'status-report', sentAt: Date.now(), data: {} };
}

function deviceClient(plan: WorkerPlan, index: number, contexts: DeviceContexts): Client {
  const global = plan.first + index;
  const mac = [2, 0, (global >> 24) & 255, (global >> 16) & 255, (global >> 8) & 255, global & 255]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join(':');
  const qos0 = index < plan.publishers;
  const context = contexts.for(nodeFor(plan.urls, global), isFan(plan, index));
  const settings = qos0 ? { ...SMART_AP_SETTINGS, qos: 0 as const } : SMART_AP_SETTINGS;
  const ap = new SmartAp(`AP-${global}`, mac, 'acme', context, settings);
  for (let tag = 0; tag < plan.tagsPerAp; tag += 1)
    ap.tags.push(new VirtualTag(`${ap.macId}-${tag}`, '9.99'));
  const topic = `bench/up/${index}`;
  let count = 0;
  let lastAt = 0;
  return {
    connect: () => ap.connect(),
    async publish() {
      await ap.publish(topic, 'status-report', {});
      ap.records.length = 0; // drained, as a fleet runner drains them
    },
    received() {
      for (const record of ap.records) if (record.direction === 'received') count += 1;
      if (ap.records.length > 0) lastAt = ap.records[ap.records.length - 1]?.at ?? lastAt;
      ap.records.length = 0;
      ap.errors.length = 0; // "not served by this AP": fan-out tasks name no tag of it
      return { count, lastAt };
    },
    disconnect: () => ap.disconnect(),
  };
}

function isFan(plan: WorkerPlan, index: number): boolean {
  return index >= 2 * plan.publishers && index < 2 * plan.publishers + plan.fanout;
}

/** The one topic a worker's fan-out subscribers share: devices reach it as their downlink `{parent}`. */
function fanFormat(plan: WorkerPlan): string {
  return `bench/fan/${plan.run}/w${plan.worker}/{parent}`;
}

function fanTopic(plan: WorkerPlan): string {
  return fanFormat(plan).replace('{parent}', ESL_PARENTS.price);
}

let clients: Client[] = [];

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
let plan: WorkerPlan | undefined;

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1_000;
}

function memory(): { rss: number; heap: number } {
  globalThis.gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heap: heapUsed };
}

let before = { rss: 0, heap: 0 };

/** What the devices of a worker share: one context per node, and one for the fan-out subscribers. */
class DeviceContexts {
  readonly #contexts = new Map<string, DeviceContext>();
  readonly #clock = new ScenarioClock();
  constructor(private readonly plan: WorkerPlan) {}

  for(url: string, fan: boolean): DeviceContext {
    const key = `${fan}|${url}`;
    let context = this.#contexts.get(key);
    if (!context) {
      const p2p = new P2pRoute('client', fan ? fanFormat(this.plan) : undefined);
      const scope = `b${this.plan.run}`;
      context = { url, clock: this.#clock, p2p, clientIds: DEFAULT_CLIENT_ID_SCHEME, scope };
      this.#contexts.set(key, context);
    }
    return context;
  }
}

/** Builds the clients (untimed: connect rates measure connecting); memory counts from before this. */
function createAll(given: WorkerPlan): BenchReply {
  plan = given;
  before = memory();
  const contexts = new DeviceContexts(given);
  clients = Array.from({ length: given.count }, (_, i) =>
    given.kind === 'devices' ? deviceClient(given, i, contexts) : baselineClient(given, i),
  );
  return { cmd: 'created' };
}

async function connectAll(concurrency: number): Promise<BenchReply> {
  const cpu = process.cpuUsage();
  let next = 0;
  let connected = 0;
  let firstError: string | undefined;
  const lane = async () => {
    while (next < clients.length) {
      const client = clients[next++];
      try {
        await client?.connect();
        connected += 1;
      } catch (error) {
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  const connectCpuMs = cpuMs(cpu);
  const after = memory();
  return {
    cmd: 'connected',
    connected,
    failed: clients.length - connected,
    ...(firstError === undefined ? {} : { firstError }),
    cpuMs: connectCpuMs,
    rssBytes: after.rss - before.rss,
    heapBytes: after.heap - before.heap,
  };
}

async function publishPhase(qos: 0 | 1, seconds: number): Promise<BenchReply> {
  const publishers = plan?.publishers ?? 0;
  const offset = qos === 0 ? 0 : publishers;
  const chosen = clients.slice(offset, offset + publishers);
  const cpu = process.cpuUsage();
  const end = Date.now() + seconds * 1_000;
  let messages = 0;
  let failures = 0;
  await Promise.all(
    chosen.map(async (client) => {
      for (let i = 1; Date.now() < end; i += 1) {
        try {
          await client.publish(qos);
          messages += 1;
        } catch {
          failures += 1;
          return;
        }
        if (i % 32 === 0) await yieldToIo(); // a QoS 0 loop must not starve the sockets
      }
    }),
  );
  return { cmd: 'published', messages, failures, cpuMs: cpuMs(cpu) };
}

async function fanoutPhase(messages: number): Promise<BenchReply> {
  const given = plan;
  if (!given) throw new Error('fan-out before connect');
  const receivers = clients.slice(2 * given.publishers, 2 * given.publishers + given.fanout);
  const { host, port } = brokerEndpoint(given.urls[0] ?? '');
  const publisher = new BaselineClient(host, port, `bench-fan-${given.run}-${given.worker}`);
  await publisher.connect();
  const cpu = process.cpuUsage();
  const started = Date.now();
  for (let i = 0; i < messages; i += 1) {
    const body = { id: `fan-${given.worker}#${i}`, type: 'price-change', sentAt: Date.now(), data: {} };
    const task = { ...body, data: { taskId: `t${i}`, tagId: 'none', price: '1.00' } };
    await publisher.publish(fanTopic(given), Buffer.from(JSON.stringify(task)), 0);
  }
  const expected = messages * receivers.length;
  const already = sum(receivers.map((client) => client.received().count));
  let delivered = 0;
  let lastAt = started;
  for (let quiet = 0; delivered < expected && quiet < 20;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const totals = receivers.map((client) => client.received());
    const now = sum(totals.map((total) => total.count)) - already;
    quiet = now === delivered ? quiet + 1 : 0;
    delivered = now;
    lastAt = Math.max(lastAt, ...totals.map((total) => total.lastAt));
  }
  publisher.disconnect();
  return { cmd: 'fanned', delivered, expected, ms: Math.max(1, lastAt - started), cpuMs: cpuMs(cpu) };
}

async function handle(command: BenchCommand): Promise<BenchReply> {
  switch (command.cmd) {
    case 'create':
      return createAll(command.plan);
    case 'connect':
      return connectAll(plan?.concurrency ?? 1);
    case 'publish':
      return publishPhase(command.qos, command.seconds);
    case 'fanout':
      return fanoutPhase(command.messages);
    case 'stop':
      await Promise.all(clients.map((client) => client.disconnect().catch(() => undefined)));
      return { cmd: 'stopped' };
  }
}

process.on('message', (command: BenchCommand) => {
  handle(command).then(
    (reply) => {
      process.send?.(reply);
      if (reply.cmd === 'stopped') process.disconnect();
    },
    (error: unknown) => process.send?.({ cmd: 'failed', error: String(error) } satisfies BenchReply),
  );
});
process.on('disconnect', () => process.exit(0));
