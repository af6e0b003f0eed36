import { errorKind } from '../../harness/fleet/fleet-metrics.ts';
import type { Device } from '../devices/device.ts';
import type { SimRecord } from '../message.ts';
import { TOPIC_PLANS } from '../topic-plans.ts';
import type { FleetEnv, FleetPart } from './fleet-env.ts';

const UPLINKS = TOPIC_PLANS.flatMap((plan) =>
  plan.parents.filter((parent) => parent.direction === 'uplink').map((parent) => parent.name),
);
/** How long a message ID a device accepted is remembered for the duplicate check (two generations). */
const ACCEPTED_GENERATION_MS = 60_000;
/** A reconnect after an unplanned disconnect waits this long (the device's own back-off). */
const RECONNECT_AFTER_MS = 1_000;
/** Closing the fleet never takes longer than this. */
const CLOSE_BOUND_MS = 10_000;

/**
 * The devices of one process and what happens to them: the connection ramp, outages and returns (one
 * queue, no timer per device), unplanned disconnects, and the drain of every device's and service's
 * records into the metrics, the tracker and the acted-on checks (RTC-6, ESL-3).
 */
export class DeviceRoll {
  /** Set when most devices lost their connection at once: the broker went away. */
  brokerGone: string | undefined;
  readonly #entries: { device: Device; part: FleetPart }[] = [];
  readonly #away = new Set<Device>();
  #returns: { at: number; device: Device; back: () => Promise<void> }[] = [];
  #accepted = new Set<string>();
  #acceptedBefore = new Set<string>();
  #rotatedAt = Date.now();
  #rampDone = false;

  constructor(
    private readonly env: FleetEnv,
    private readonly parts: readonly FleetPart[],
  ) {
    for (const part of parts) for (const device of part.devices) this.#entries.push({ device, part });
  }

  get size(): number {
    return this.#entries.length;
  }

  connectedCount(): number {
    let count = 0;
    for (const { device } of this.#entries) if (device.online) count += 1;
    return count;
  }

  isAway(device: Device): boolean {
    return this.#away.has(device);
  }

  /** Connects every device at `connectsPerSecond` (this process's share), at most `parallel` at once. */
  async connectAll(
    ramp: { connectsPerSecond: number; parallel: number },
    stop: () => boolean,
  ): Promise<void> {
    const { metrics, tracker, shard } = this.env;
    const perMs = ramp.connectsPerSecond / shard.count / 1_000;
    const started = Date.now();
    const inFlight = new Set<Promise<void>>();
    for (const [index, { device }] of this.#entries.entries()) {
      if (stop()) break;
      const wait = started + index / perMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      while (inFlight.size >= ramp.parallel) await Promise.race(inFlight);
      if (index % 200 === 0) this.housekeeping(Date.now());
      const connecting: Promise<void> = device
        .connect()
        .then(
          () => void (metrics.connects += 1),
          (error: unknown) => {
            metrics.connectFailures += 1;
            metrics.error(errorKind('connect failed', error));
            this.#away.add(device);
            tracker.wentOffline(device.clientId, Date.now());
          },
        )
        .finally(() => inFlight.delete(connecting));
      inFlight.add(connecting);
    }
    await Promise.all(inFlight);
    metrics.rampMs = Date.now() - started;
    this.#rampDone = true;
  }

  nextTick(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  outage(device: Device, forMs: number, back: () => Promise<void>): void {
    const now = Date.now();
    this.#away.add(device);
    this.env.tracker.wentOffline(device.clientId, now);
    this.env.background('kill', device.kill());
    this.#returns.push({ at: now + forMs, device, back });
  }

  /** What is awaited has arrived (or can only be judged now). */
  settled(): boolean {
    const now = Date.now();
    const { flows } = this.env.metrics;
    // Devices → services: the services never go away, so every uplink message sent must have arrived.
    const uplinkInFlight = UPLINKS.some(
      (parent) => (flows[parent]?.received ?? 0) < (flows[parent]?.sent ?? 0),
    );
    return (
      !uplinkInFlight &&
      this.env.tracker.awaitingOnline(now) === 0 &&
      this.parts.every((part) => part.settled(now))
    );
  }

  /** Once per tick: records drained, returns due brought back, unplanned disconnects noticed. */
  housekeeping(now: number, final = false): void {
    if (now - this.#rotatedAt > ACCEPTED_GENERATION_MS) {
      this.#acceptedBefore = this.#accepted;
      this.#accepted = new Set();
      this.#rotatedAt = now;
    }
    // Services first: a message is expected before its arrival is looked at.
    for (const part of this.parts)
      for (const link of part.links) {
        if (link.records.length > 0)
          for (const record of link.records.splice(0)) {
            this.env.metrics.message(parentOf(record.topic), record.direction);
            part.onServiceRecord(record);
          }
        if (link.errors.length > 0)
          for (const error of link.errors.splice(0))
            this.env.metrics.error(errorKind(`${part.name} service`, error));
      }
    let dropped = 0;
    let online = 0;
    for (const { device, part } of this.#entries) {
      if (device.records.length > 0)
        for (const record of device.records.splice(0)) this.#onDeviceRecord(device, record);
      if (device.errors.length > 0)
        for (const error of device.errors.splice(0)) this.env.metrics.error(errorKind(part.name, error));
      if (device.online) online += 1;
      else if (this.#rampDone && !final && !this.#away.has(device)) dropped += 1;
    }
    if (dropped > 0) this.#dropped(now, dropped, online);
    if (!final) this.#bringBack(now);
  }

  async closeAll(parts: readonly FleetPart[]): Promise<void> {
    const closing = Promise.allSettled([
      ...parts.map((part) => part.stop()),
      ...this.#entries.map(({ device }) => (device.online ? device.disconnect() : device.close())),
    ]).then(() => Promise.allSettled(parts.flatMap((part) => part.links.map((link) => link.close()))));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closing, new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_BOUND_MS)))]);
    clearTimeout(timer);
    // Whatever did not close in time is cut, so no socket outlives the run.
    await Promise.allSettled(this.#entries.map(({ device }) => device.close()));
  }

  #onDeviceRecord(device: Device, record: SimRecord): void {
    const { metrics, tracker, book } = this.env;
    metrics.message(parentOf(record.topic), record.direction);
    const message = record.message;
    if (record.direction !== 'received' || !message) return;
    tracker.received(device.clientId, message.id, record.at);
    if (record.verdict === 'duplicate') book.passed('no-duplicate-acted-on');
    if (record.verdict === 'stale') book.passed('no-stale-acted-on');
    if (record.verdict !== 'accepted') return;
    const key = `${device.clientId}|${message.id}`;
    if (this.#accepted.has(key) || this.#acceptedBefore.has(key))
      book.violated('no-duplicate-acted-on', {
        device: device.clientId,
        message: message.id,
        at: new Date(record.at).toISOString(),
        what: `${message.type} accepted (acted on) a second time`,
      });
    this.#accepted.add(key);
    if (record.at - message.sentAt > device.settings.maxAgeMs)
      book.violated('no-stale-acted-on', {
        device: device.clientId,
        message: message.id,
        at: new Date(record.at).toISOString(),
        what: `${message.type} sent ${Math.round((record.at - message.sentAt) / 1_000)} s earlier acted on; the device's limit is ${device.settings.maxAgeMs / 1_000} s`,
      });
  }

  /** Devices that lost their connection unplanned: most of them at once means the broker went away. */
  #dropped(now: number, dropped: number, online: number): void {
    if (dropped >= Math.max(2, online)) {
      this.brokerGone ??= `the broker went away at ${new Date(now).toISOString()}: ${dropped} devices lost their connection at once`;
      return;
    }
    for (const { device } of this.#entries) {
      if (device.online || this.#away.has(device)) continue;
      this.env.metrics.error('unplanned disconnect');
      this.#away.add(device);
      this.env.tracker.wentOffline(device.clientId, now);
      this.#returns.push({ at: now + RECONNECT_AFTER_MS, device, back: () => device.connect() });
    }
  }

  #bringBack(now: number): void {
    if (this.#returns.length === 0) return;
    const due = this.#returns.filter((entry) => entry.at <= now);
    if (due.length === 0) return;
    this.#returns = this.#returns.filter((entry) => entry.at > now);
    for (const { device, back } of due) {
      this.env.tracker.cameBack(device.clientId, Date.now());
      this.env.background(
        'reconnect',
        back().then(
          () => {
            this.#away.delete(device);
            this.env.tracker.reconnected(device.clientId, Date.now());
          },
          (error: unknown) => {
            // Still away; tried again later.
            this.#returns.push({ at: Date.now() + RECONNECT_AFTER_MS, device, back });
            this.env.tracker.wentOffline(device.clientId, Date.now());
            throw error;
          },
        ),
      );
    }
  }
}

/** The parent topic a record's topic lives under: the flow it counts for. */
function parentOf(topic: string): string {
  const at = topic.indexOf('/');
  return at < 0 ? topic : topic.slice(0, at);
}
