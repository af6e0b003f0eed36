import * as hdr from 'hdr-histogram-js';

/** The percentiles every report shows. */
export const PERCENTILES = [50, 90, 99, 99.9] as const;
const CURVE = [0, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 100];

export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly 'p99.9': number;
  readonly max: number;
}

/**
 * Push-to-ack latency of one flow in milliseconds, as an HDR histogram (1 ms … 1 h, 3 significant
 * digits): shards merge exactly by adding histograms, never by averaging percentiles.
 */
export class LatencyHistogram {
  readonly #histogram: hdr.Histogram;

  constructor(encoded?: string) {
    this.#histogram = encoded
      ? hdr.decodeFromCompressedBase64(encoded, 32, false)
      : hdr.build({
          lowestDiscernibleValue: 1,
          highestTrackableValue: 3_600_000,
          numberOfSignificantValueDigits: 3,
          useWebAssembly: false,
        });
  }

  record(ms: number): void {
    this.#histogram.recordValue(Math.min(3_600_000, Math.max(1, Math.round(ms))));
  }

  add(other: LatencyHistogram): void {
    this.#histogram.add(other.#histogram);
  }

  get count(): number {
    return this.#histogram.totalCount;
  }

  percentile(p: number): number {
    return this.count === 0 ? 0 : this.#histogram.getValueAtPercentile(p);
  }

  summary(): LatencySummary {
    return {
      count: this.count,
      p50: this.percentile(50),
      p90: this.percentile(90),
      p99: this.percentile(99),
      'p99.9': this.percentile(99.9),
      max: this.count === 0 ? 0 : this.#histogram.maxValue,
    };
  }

  /** The HDR percentile curve, [percentile, ms] pairs, for the latency distribution plot. */
  distribution(): [number, number][] {
    if (this.count === 0) return [];
    return CURVE.map((p) => [p, this.percentile(p)]);
  }

  encode(): string {
    return hdr.encodeIntoCompressedBase64(this.#histogram);
  }

  reset(): void {
    this.#histogram.reset();
  }
}
