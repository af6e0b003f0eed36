/** Bounds of a quiet window: how long "nothing arrived" is waited for before it is concluded. */
export interface QuietBounds {
  /** Round trips the window spans: a broker that was going to deliver has done so well within it. */
  readonly roundTrips: number;
  readonly minMs: number;
  readonly maxMs: number;
}

export const QUIET_BOUNDS: QuietBounds = { roundTrips: 25, minMs: 150, maxMs: 1_500 };

/**
 * How long a negative check ("not delivered", "not closed") waits: clamp(25 × RTT, 150 ms, 1500 ms),
 * sized from the fastest round trip measured on the scenario's own connections, so a fast local broker
 * is not waited on for long and a remote one is not judged too early. Without a measurement (`undefined`,
 * `Infinity`) it is the upper bound. One helper for every negative check in the harness.
 */
export function quietWindowMs(roundTripMs: number | undefined, bounds: QuietBounds = QUIET_BOUNDS): number {
  if (roundTripMs === undefined || !Number.isFinite(roundTripMs)) return bounds.maxMs;
  return Math.min(bounds.maxMs, Math.max(bounds.minMs, Math.ceil(roundTripMs * bounds.roundTrips)));
}

/**
 * Waits out a quiet window, then lets the event loop's I/O phase run once more before anyone concludes
 * "nothing arrived": after a stall (GC, a busy CI machine) the timer can fire while a PUBLISH already
 * sits unread in the socket buffer, and setImmediate runs only after that buffer has been read.
 */
export async function waitQuietWindow(ms: number): Promise<void> {
  await new Promise<void>((resolve) => afterPendingIo(resolve, ms));
}

/**
 * A timeout for "nothing came": `timedOut` runs `ms` after, but only once the I/O already pending when
 * the timer fired has been read (two turns of the event loop: its poll phase, then what it emitted). On
 * a stalled process (a busy 2-core CI machine) the timer and a connect or a packet become due together,
 * and timers run first: without this, a broker that did answer would be reported silent. Cancel with
 * the returned function.
 */
export function afterPendingIo(timedOut: () => void, ms: number): () => void {
  let immediate: NodeJS.Immediate | undefined;
  const timer = setTimeout(() => {
    immediate = setImmediate(() => {
      immediate = setImmediate(timedOut);
    });
  }, ms);
  return () => {
    clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
  };
}
