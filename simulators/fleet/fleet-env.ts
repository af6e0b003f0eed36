import type { DeliveryTracker } from '../../harness/fleet/delivery-tracker.ts';
import type { FleetMetrics } from '../../harness/fleet/fleet-metrics.ts';
import type { InvariantBook } from '../../harness/fleet/invariants.ts';
import type { SeededRandom } from '../../harness/fleet/random.ts';
import type { Shard } from '../../harness/fleet/shard.ts';
import type { ClientIdScheme } from '../../harness/profiles/client-id-scheme.ts';
import type { Clock } from '../clock.ts';
import type { Device } from '../devices/device.ts';
import type { SimRecord } from '../message.ts';
import type { P2pRoute } from '../p2p.ts';
import type { AppendOnlyLog } from '../services/append-only-log.ts';
import type { MqttServiceLink } from '../services/service-link.ts';
import type { NodePlacement } from './node-placement.ts';

/** What every part of a fleet run shares: one object per process, never one per device. */
export interface FleetEnv {
  /** The broker node(s): a part connects each group that talks together to one node. */
  readonly nodes: NodePlacement;
  readonly clock: Clock;
  readonly p2p: P2pRoute;
  readonly clientIds: ClientIdScheme;
  /** The run's namespace, in every client ID and topic; a part may add a suffix (per store). */
  readonly scope: string;
  readonly shard: Shard;
  readonly random: SeededRandom;
  readonly metrics: FleetMetrics;
  readonly book: InvariantBook;
  readonly tracker: DeliveryTracker;
  readonly tickMs: number;
  /** ESL-6 audit logs of the price-tag services (one file each, shared by all stores). */
  readonly taskLog: AppendOnlyLog;
  readonly statusLog: AppendOnlyLog;
  /** Keeps a background action's failure as an error of its kind, never unhandled. */
  background(kind: string, work: Promise<unknown>): void;
  /**
   * Takes a device away (its socket dies without DISCONNECT) and brings it back after `forMs` with
   * `back` (a reconnect, a relaunch); the tracker learns both moments. No timer per device: returns
   * wait in one queue that the runner's tick drains.
   */
  outage(device: Device, forMs: number, back: () => Promise<void>): void;
  /** Whether the device is away right now (killed, or not yet back). */
  isAway(device: Device): boolean;
}

/** A solution in a fleet: its devices, its services and the workload it issues on each tick. */
export interface FleetPart {
  readonly name: string;
  readonly devices: readonly Device[];
  readonly links: readonly MqttServiceLink[];
  /** Workload issued so far, by kind ("price changes", "calls" …). */
  readonly workload: Record<string, number>;
  /** Connects the services (before the devices). */
  startServices(): Promise<void>;
  /** Once the devices are connected (e.g. the tag poller starts). */
  started(): void;
  /** One tick of the workload. */
  tick(now: number): void;
  /** What the service links sent and received since the last call (records drained by the runner). */
  onServiceRecord(record: SimRecord): void;
  /** The part can take its workload (e.g. the services have seen every device once). */
  ready(): boolean;
  /** Nothing of this part is still on its way (what is left can only be judged, not awaited). */
  settled(now: number): boolean;
  /** Judges what is still open once the drain window has passed. */
  finish(endAt: number): void;
  stop(): Promise<void>;
}
