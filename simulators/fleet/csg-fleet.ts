import { RateCounter } from '../../harness/fleet/random.ts';
import type { CsgWorkload } from '../../harness/fleet/scenario.ts';
import { shardIndices, shardRate } from '../../harness/fleet/shard.ts';
import type { DeviceContext } from '../devices/device.ts';
import { CsgInstance } from '../devices/csg-instance.ts';
import type { SimRecord } from '../message.ts';
import { CsgConsole, type ConsoleRequest } from '../services/csg-console.ts';
import { MqttServiceLink } from '../services/service-link.ts';
import { SERVICE_GROUPS } from '../topic-plans.ts';
import type { FleetEnv, FleetPart } from './fleet-env.ts';

const COMMANDS = [
  { command: 'setCacheSize', args: { gb: 200 } },
  { command: 'flushCache', args: {} },
  { command: 'getStatus', args: {} },
] as const;

/**
 * CSG instances across regions and one console (CSG-1..5), with the CsgInstance and CsgConsole
 * classes of the CSG scenarios: RPC commands, `noreply`, error codes and re-issue, status pushed by
 * the instances and pulled by the console.
 */
export class CsgFleet implements FleetPart {
  readonly name = 'csg';
  readonly devices: CsgInstance[] = [];
  readonly links: MqttServiceLink[] = [];
  readonly workload: Record<string, number> = {
    commands: 0,
    'noreply commands': 0,
    'commands answered with an error code': 0,
    're-issued commands': 0,
    'status pulls': 0,
    'status pushes': 0,
  };
  /** One console per broker node in use (one in all on a single node): nodes are not bridged. */
  readonly #consoles = new Map<string, CsgConsole>();
  readonly #consoleOf = new Map<string, CsgConsole>();
  readonly #byId = new Map<string, CsgInstance>();
  /** Requests waiting for their reply, with when the command went out. */
  readonly #open = new Map<ConsoleRequest, { at: number }>();
  /** When each command awaiting a reply went out (from the console's own record), for latency. */
  readonly #sentAt = new Map<string, number>();
  readonly #commands: RateCounter;
  readonly #pulls: RateCounter;
  readonly #pushes: RateCounter;

  constructor(
    private readonly env: FleetEnv,
    private readonly spec: CsgWorkload,
  ) {
    const total = spec.regions.length * spec.instancesPerRegion;
    for (const index of shardIndices(total, env.shard)) {
      const regionIndex = Math.floor(index / spec.instancesPerRegion);
      // A region's instances and the console that drives them, on one node.
      const { driver, context } = this.#consoleOn(env.nodes.of(regionIndex));
      const instance = new CsgInstance(`csg-${index}`, spec.regions[regionIndex]!, context);
      env.nodes.counted(context.url);
      driver.registerInstance(instance.instanceId, instance.clientId);
      this.#consoleOf.set(instance.instanceId, driver);
      this.#byId.set(instance.instanceId, instance);
      this.devices.push(instance);
    }
    const perTick = (perSecond: number) => (shardRate(perSecond, env.shard) * env.tickMs) / 1_000;
    this.#commands = new RateCounter(perTick(spec.commandsPerSecond));
    this.#pulls = new RateCounter(perTick(spec.pullsPerSecond));
    this.#pushes = new RateCounter(perTick(spec.pushesPerMinute / 60));
  }

  async startServices(): Promise<void> {
    await Promise.all([...this.#consoles.values()].map((driver) => driver.start()));
  }

  started(): void {}

  tick(now: number): void {
    const { random } = this.env;
    for (let n = this.#commands.take(); n > 0; n -= 1) {
      const instance = this.#onlineInstance();
      if (!instance) continue;
      const { command, args } = COMMANDS[random.below(COMMANDS.length)]!;
      const noreply = random.next() < this.spec.noreplyShare;
      const failing = !noreply && random.next() < this.spec.errorShare;
      if (failing) instance.failNextCommand('E_GATEWAY_BUSY');
      this.workload.commands! += 1;
      if (noreply) this.workload['noreply commands']! += 1;
      if (failing) this.workload['commands answered with an error code']! += 1;
      const api = this.#consoleOf.get(instance.instanceId)!.instance(instance.instanceId);
      this.#issue(noreply ? api.notify(command, args) : api.command(command, args), now);
    }
    for (let n = this.#pulls.take(); n > 0; n -= 1) {
      const instance = this.#onlineInstance();
      if (!instance) continue;
      this.workload['status pulls']! += 1;
      this.#issue(this.#consoleOf.get(instance.instanceId)!.instance(instance.instanceId).pullStatus(), now);
    }
    for (let n = this.#pushes.take(); n > 0; n -= 1) {
      const instance = this.#onlineInstance();
      if (!instance) continue;
      this.workload['status pushes']! += 1;
      this.env.background('status push', instance.cacheUsageReaches(random.below(100)));
    }
    this.#followRequests(now);
  }

  onServiceRecord(record: SimRecord): void {
    const message = record.message;
    const requestId = String(message?.data.requestId);
    if (message?.type === 'reply' && record.direction === 'received') {
      const sentAt = this.#sentAt.get(requestId);
      this.#sentAt.delete(requestId);
      if (sentAt !== undefined) this.env.metrics.latencyOf('command-reply', record.at - sentAt);
    }
    if (record.direction !== 'sent' || message?.type !== 'command') return;
    const clientId = record.topic.slice(record.topic.lastIndexOf('/') + 1);
    this.env.tracker.expect(clientId, message.id, true, record.at);
    if (message.data.noreply !== true) this.#sentAt.set(requestId, record.at);
  }

  ready(): boolean {
    return true;
  }

  settled(now: number): boolean {
    for (const [request, { at }] of this.#open)
      if (
        request.state === 'sent' &&
        !this.env.tracker.wasAway(this.#byId.get(request.instanceId)!.clientId, at, now)
      )
        return false;
    return true;
  }

  finish(endAt: number): void {
    this.#followRequests(endAt);
    for (const [request, { at }] of this.#open) {
      const instance = this.#byId.get(request.instanceId)!;
      if (this.env.tracker.wasAway(instance.clientId, at, endAt))
        this.env.book.reported('rpc-answered', 'instance offline during the request');
      else
        this.env.book.violated('rpc-answered', {
          device: instance.clientId,
          message: request.requestId,
          at: new Date(at).toISOString(),
          what: `${request.command} to an online instance got no reply by the end (state "${request.state}")`,
        });
    }
  }

  async stop(): Promise<void> {}

  /** The console of a node (made on first use), and the context of the instances it drives. */
  #consoleOn(url: string): { driver: CsgConsole; context: DeviceContext } {
    const { nodes, clock, p2p, clientIds, scope: runScope } = this.env;
    // Several nodes: a scope per node, so each console has its own client ID and topics.
    const scope = nodes.urls.length > 1 ? `${runScope}n${nodes.urls.indexOf(url)}` : runScope;
    const context: DeviceContext = { url, clock, p2p, clientIds, scope };
    let driver = this.#consoles.get(url);
    if (!driver) {
      // CSG-4: the console keeps no session.
      const clientId = clientIds.build(SERVICE_GROUPS.csg, `console_${scope}`);
      const link = new MqttServiceLink(clientId, url, true, p2p, clock);
      this.links.push(link);
      this.#consoles.set(url, (driver = new CsgConsole(link, scope, clock)));
    }
    return { driver, context };
  }

  #onlineInstance(): CsgInstance | undefined {
    const instance = this.env.random.pick(this.devices);
    return instance && !this.env.isAway(instance) && instance.online ? instance : undefined;
  }

  #issue(work: Promise<ConsoleRequest>, at: number): void {
    this.env.background(
      'console command',
      work.then((request) => this.#open.set(request, { at })),
    );
  }

  /** Replies: latency, the CSG-3 verdict, and a re-issue for every error code (as the console advises). */
  #followRequests(now: number): void {
    for (const request of this.#open.keys()) {
      if (request.state === 'sent') continue;
      this.#open.delete(request);
      this.env.book.passed('rpc-answered');
      if (request.state === 'no reply expected') continue;
      if (request.advice === 're-issue' && !request.reissueOf) {
        this.workload['re-issued commands']! += 1;
        this.#issue(this.#consoleOf.get(request.instanceId)!.reissue(request.requestId), now);
      }
    }
  }
}
