import type { ClientKind } from './bench-protocol.ts';

/** What one kind of client achieved in a bench run. */
export interface KindResult {
  readonly kind: ClientKind;
  readonly workers: number;
  readonly connected: number;
  readonly failed: number;
  readonly connectMs: number;
  readonly connectCpuMs: number;
  readonly rssBytesPerClient: number;
  readonly heapBytesPerClient: number;
  readonly tags: number;
  readonly qos0: { readonly messages: number; readonly cpuMs: number; readonly seconds: number };
  readonly qos1: { readonly messages: number; readonly cpuMs: number; readonly seconds: number };
  readonly fanout: {
    readonly delivered: number;
    readonly expected: number;
    readonly perSecond: number;
    readonly cpuMs: number;
  };
}

export interface BenchResult {
  readonly at: string;
  readonly machine: string;
  readonly broker: string;
  readonly baseline: KindResult;
  readonly devices: KindResult;
}

/** One line of the ratio table; `higherIsBetter` says which way the ratio should go. */
export interface RatioRow {
  readonly metric: string;
  readonly baseline: number;
  readonly devices: number;
  /** devices / baseline. */
  readonly ratio: number;
  readonly target: string;
}

const perSecond = (count: number, ms: number) => (count * 1_000) / Math.max(1, ms);
/** CPU microseconds per unit of work: the figure a busy shared machine distorts least. */
const cpuUs = (cpuMs: number, count: number) => (cpuMs * 1_000) / Math.max(1, count);

export function ratioRows({ baseline: b, devices: d }: BenchResult): RatioRow[] {
  const row = (metric: string, base: number, dev: number, target = ''): RatioRow => ({
    metric,
    baseline: base,
    devices: dev,
    ratio: dev / (base || Number.NaN),
    target,
  });
  return [
    row('connected', b.connected, d.connected),
    row('connects/s', perSecond(b.connected, b.connectMs), perSecond(d.connected, d.connectMs), '≥ 0.80'),
    row('CPU µs per connect', cpuUs(b.connectCpuMs, b.connected), cpuUs(d.connectCpuMs, d.connected)),
    row('KB per client (RSS)', b.rssBytesPerClient / 1024, d.rssBytesPerClient / 1024, 'devices ≤ 20 KB'),
    row('KB per client (JS heap)', b.heapBytesPerClient / 1024, d.heapBytesPerClient / 1024),
    row('QoS 0 msgs/s', b.qos0.messages / b.qos0.seconds, d.qos0.messages / d.qos0.seconds, '≥ 0.80'),
    row('CPU µs per QoS 0 msg', cpuUs(b.qos0.cpuMs, b.qos0.messages), cpuUs(d.qos0.cpuMs, d.qos0.messages)),
    row('QoS 1 msgs/s', b.qos1.messages / b.qos1.seconds, d.qos1.messages / d.qos1.seconds, '≥ 0.80'),
    row('CPU µs per QoS 1 msg', cpuUs(b.qos1.cpuMs, b.qos1.messages), cpuUs(d.qos1.cpuMs, d.qos1.messages)),
    row('fan-out deliveries/s', b.fanout.perSecond, d.fanout.perSecond, '≥ 0.80'),
    row(
      'CPU µs per fan-out delivery',
      cpuUs(b.fanout.cpuMs, b.fanout.delivered),
      cpuUs(d.fanout.cpuMs, d.fanout.delivered),
    ),
    row('virtual tags', b.tags, d.tags, 'devices ≥ 500,000 at 50,000 APs'),
  ];
}

const figure = (value: number) =>
  Number.isFinite(value)
    ? Math.abs(value) >= 100
      ? Math.round(value).toLocaleString('en')
      : value.toFixed(2)
    : '–';

export function markdownReport(result: BenchResult): string {
  const lines = [
    `## Bench ${result.at}`,
    '',
    `Machine: ${result.machine}. Broker: \`${result.broker}\`. Baseline: a client written directly on mqtt-packet sockets; devices: the simulator's SmartAps on DeviceSession.`,
    `Fan-out: ${result.devices.fanout.delivered} of ${result.devices.fanout.expected} delivered to devices, ${result.baseline.fanout.delivered} of ${result.baseline.fanout.expected} to the baseline.`,
    '',
    '| Metric | Baseline | Devices | Devices / baseline | Target |',
    '|---|---:|---:|---:|---|',
    ...ratioRows(result).map(
      (row) =>
        `| ${row.metric} | ${figure(row.baseline)} | ${figure(row.devices)} | ${figure(row.ratio)} | ${row.target} |`,
    ),
  ];
  return lines.join('\n');
}
