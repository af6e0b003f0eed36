import { LatencyHistogram, type LatencySummary } from './latency.ts';

/** The push-to-ack flows whose latency is recorded, with what each measures. */
export const LATENCY_FLOWS = {
  'price-ack': 'price change → the tag shows it (task acknowledged)',
  'invitation-join': 'invitation → the phone joins',
  'invitation-join-relaunch': 'invitation to an offline phone → it joins after its relaunch',
  'command-reply': 'console command → the instance replies',
} as const;
export type LatencyFlow = keyof typeof LATENCY_FLOWS;

/** One sample of the live figures: per second rates over the last interval, p99 over it. */
export interface TimelinePoint {
  /** Seconds since the run started. */
  readonly t: number;
  readonly connected: number;
  readonly messagesPerSecond: number;
  readonly p99: Readonly<Partial<Record<LatencyFlow, number>>>;
}

export interface FlowCount {
  sent: number;
  received: number;
}

const MAX_TIMELINE = 600;

/** Counters, histograms and the timeline of one process's part of a fleet run. */
export class FleetMetrics {
  readonly startedAt = Date.now();
  connected = 0;
  peakConnected = 0;
  connects = 0;
  connectFailures = 0;
  /** When the last planned device connected (ms since start), for connects/s. */
  rampMs = 0;
  readonly errors: Record<string, number> = {};
  /** Messages by parent topic ("esl_status", "rtc_downlink" …): sent by one side, received by the other. */
  readonly flows: Record<string, FlowCount> = {};
  readonly latency = new Map<LatencyFlow, { total: LatencyHistogram; interval: LatencyHistogram }>();
  readonly timeline: TimelinePoint[] = [];
  #lastSample = { at: this.startedAt, sent: 0 };

  error(kind: string): void {
    this.errors[kind] = (this.errors[kind] ?? 0) + 1;
  }

  message(flow: string, direction: 'sent' | 'received'): void {
    const count = (this.flows[flow] ??= { sent: 0, received: 0 });
    count[direction] += 1;
  }

  latencyOf(flow: LatencyFlow, ms: number): void {
    let entry = this.latency.get(flow);
    if (!entry)
      this.latency.set(flow, (entry = { total: new LatencyHistogram(), interval: new LatencyHistogram() }));
    entry.total.record(ms);
    entry.interval.record(ms);
  }

  setConnected(count: number): void {
    this.connected = count;
    this.peakConnected = Math.max(this.peakConnected, count);
  }

  get sent(): number {
    return Object.values(this.flows).reduce((sum, flow) => sum + flow.sent, 0);
  }

  /** Closes an interval of the timeline. */
  sample(now = Date.now()): TimelinePoint {
    const sent = this.sent;
    const seconds = Math.max(0.001, (now - this.#lastSample.at) / 1_000);
    const p99: Partial<Record<LatencyFlow, number>> = {};
    for (const [flow, { interval }] of this.latency) {
      if (interval.count > 0) p99[flow] = interval.percentile(99);
      interval.reset();
    }
    const point = {
      t: Math.round((now - this.startedAt) / 100) / 10,
      connected: this.connected,
      messagesPerSecond: Math.round((sent - this.#lastSample.sent) / seconds),
      p99,
    };
    this.#lastSample = { at: now, sent };
    this.timeline.push(point);
    // Long runs keep every other point, so the report stays small.
    if (this.timeline.length > MAX_TIMELINE)
      this.timeline.splice(0, this.timeline.length, ...this.timeline.filter((_, i) => i % 2 === 0));
    return point;
  }

  latencySummaries(): Partial<Record<LatencyFlow, LatencySummary>> {
    return Object.fromEntries([...this.latency].map(([flow, { total }]) => [flow, total.summary()]));
  }
}

/** An error's kind: its text without IDs and numbers, so errors group by what happened. */
export function errorKind(kind: string, error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return `${kind}: ${text.replace(/\S*\d\S*/g, '…').slice(0, 80)}`;
}
