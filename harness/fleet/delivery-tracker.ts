import type { InvariantBook } from './invariants.ts';

/** A stretch of time a device was away: from the kill to the start of its reconnect. */
interface Downtime {
  readonly down: number;
  /** The reconnect started: the broker may deliver to the new session from here on. */
  up?: number;
  /** The reconnect completed: the device can act (send acknowledgements) again. */
  back?: number;
}

interface Expected {
  readonly device: string;
  readonly messageId: string;
  readonly clean: boolean;
  readonly sentAt: number;
  /** When the broker acknowledged the publish (PUBACK), if the sender knows it. */
  ackedAt: number | undefined;
  receivedAt?: number;
}

/**
 * Follows every message sent to a device until it arrives, and judges the ones that did not (or
 * arrived when they must not) against Table 2-1 for the device's cleanSession (QCS-1, QCS-2, QCS-6,
 * RTC-5, ESL-3). Presence comes from the fleet, which is the one that kills and relaunches devices.
 * Memory: one entry per message in flight; judged entries are dropped.
 */
export class DeliveryTracker {
  readonly #pending = new Map<string, Expected>();
  readonly #downtimes = new Map<string, Downtime[]>();

  constructor(private readonly book: InvariantBook) {}

  wentOffline(device: string, at: number): void {
    const periods = this.#downtimes.get(device) ?? [];
    periods.push({ down: at });
    this.#downtimes.set(device, periods);
  }

  /** Called as the reconnect starts: from then on the broker may deliver to the new session. */
  cameBack(device: string, at: number): void {
    const last = this.#downtimes.get(device)?.at(-1);
    if (last && last.up === undefined) last.up = at;
  }

  /** The reconnect completed. */
  reconnected(device: string, at: number): void {
    const last = this.#downtimes.get(device)?.at(-1);
    if (last && last.back === undefined) last.back = at;
  }

  isOffline(device: string): boolean {
    const last = this.#downtimes.get(device)?.at(-1);
    return last !== undefined && last.up === undefined;
  }

  /** A QoS 1 message for `device`; sending the same ID again is one expectation. */
  expect(device: string, messageId: string, clean: boolean, sentAt: number, ackedAt?: number): void {
    const key = `${device}|${messageId}`;
    const known = this.#pending.get(key);
    if (!known) this.#pending.set(key, { device, messageId, clean, sentAt, ackedAt });
    else known.ackedAt ??= ackedAt;
  }

  /** The sender learned that the broker acknowledged the message (PUBACK). */
  acked(device: string, messageId: string, at: number): void {
    const entry = this.#pending.get(`${device}|${messageId}`);
    if (entry) entry.ackedAt ??= at;
  }

  /** Messages still on their way to devices that have not been away since they were sent. */
  awaitingOnline(now: number): number {
    let count = 0;
    for (const entry of this.#pending.values())
      if (!this.wasAway(entry.device, entry.sentAt, now)) count += 1;
    return count;
  }

  /** Whether a message for the device is still awaited (sent, not yet arrived). */
  awaiting(device: string, messageId: string): boolean {
    const entry = this.#pending.get(`${device}|${messageId}`);
    return entry !== undefined && entry.receivedAt === undefined;
  }

  /** Whether the device was away (or still reconnecting) at any moment between `from` and `to`. */
  wasAway(device: string, from: number, to: number): boolean {
    return (this.#downtimes.get(device) ?? []).some(
      (period) => period.down < to && (period.back ?? Infinity) > from,
    );
  }

  /** A message arrived at a device (whatever the device then made of it). */
  received(device: string, messageId: string, at: number): void {
    const entry = this.#pending.get(`${device}|${messageId}`);
    if (!entry || entry.receivedAt !== undefined) return;
    entry.receivedAt = at;
    this.#judgeArrival(entry);
  }

  /**
   * The run is over and the drain window has passed: what never arrived is judged now. A device still
   * offline at the end cannot be judged for its offline messages (counted as reported).
   */
  finish(endAt: number): void {
    for (const entry of this.#pending.values()) {
      if (entry.receivedAt !== undefined) continue;
      const away = this.#awayDuring(entry.device, entry.sentAt, endAt);
      if (away.length === 0) {
        this.book.violated('online-qos1', {
          device: entry.device,
          message: entry.messageId,
          at: new Date(entry.sentAt).toISOString(),
          what: `sent at QoS 1 while the device was online, never delivered (waited until ${new Date(endAt).toISOString()})`,
        });
      } else if (entry.clean) {
        // QCS-2, QCS-6: a clean session's messages die with it.
        this.book.passed('offline-clean');
      } else if (away.at(-1)?.up === undefined) {
        this.book.reported('offline-persistent', 'device still offline when the run ended');
      } else {
        this.book.violated('offline-persistent', {
          device: entry.device,
          message: entry.messageId,
          at: new Date(entry.sentAt).toISOString(),
          what: `sent while the device (cleanSession=false) was offline; not delivered after it came back at ${new Date(away.at(-1)!.up!).toISOString()}`,
        });
      }
    }
    this.#pending.clear();
  }

  #judgeArrival(entry: Expected): void {
    this.#pending.delete(`${entry.device}|${entry.messageId}`);
    const away = this.#awayDuring(entry.device, entry.sentAt, entry.receivedAt!);
    if (away.length === 0) {
      this.book.passed('online-qos1');
      return;
    }
    if (!entry.clean) {
      this.book.passed('offline-persistent');
      return;
    }
    // Judged only when the broker had acknowledged the message before the device began to reconnect:
    // then it was the old (discarded) session's, and delivering it after the reconnect breaks QCS-2.
    const offending = away.find(
      (period) =>
        period.down <= entry.sentAt &&
        entry.ackedAt !== undefined &&
        period.up !== undefined &&
        entry.ackedAt < period.up,
    );
    if (offending) {
      this.book.violated('offline-clean', {
        device: entry.device,
        message: entry.messageId,
        at: new Date(entry.receivedAt!).toISOString(),
        what: `sent and acknowledged while the device (cleanSession=true) was offline, delivered after its reconnect at ${new Date(offending.up!).toISOString()}`,
      });
    } else this.book.passed('offline-clean');
  }

  #awayDuring(device: string, from: number, to: number): Downtime[] {
    return (this.#downtimes.get(device) ?? []).filter(
      (period) => period.down < to && (period.up ?? Infinity) > from,
    );
  }
}
