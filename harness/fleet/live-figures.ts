import { createServer, type Server } from 'node:http';
import type { FleetMetrics } from './fleet-metrics.ts';

/** What the live display and the Prometheus endpoint show, once a second. */
export interface LiveView {
  readonly phase: string;
  readonly planned: number;
  readonly connected: number;
  readonly messagesPerSecond: number;
  readonly metrics: FleetMetrics;
  readonly failingInvariants: number;
}

/** One status line: connected / target, rate, p99 per flow, invariant status. */
export function statusLine(view: LiveView, elapsedS: number): string {
  const p99 = [...view.metrics.latency]
    .map(([flow, { total }]) => `${flow} p99 ${total.percentile(99)} ms`)
    .join(', ');
  const invariants =
    view.failingInvariants > 0 ? `${view.failingInvariants} invariant(s) FAILING` : 'invariants ok so far';
  return `[${elapsedS.toFixed(0)} s ${view.phase}] ${view.connected}/${view.planned} connected, ${view.messagesPerSecond} msg/s${p99 ? `, ${p99}` : ''}; ${invariants}`;
}

/**
 * Live progress: on a terminal one line rewritten in place each second; otherwise (CI, a pipe) a
 * plain line every `everyS` seconds.
 */
export class ProgressDisplay {
  readonly #tty: boolean;
  #lastPlain = -Infinity;
  #dirty = false;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly everyS = 5,
  ) {
    this.#tty = stream.isTTY === true;
  }

  show(view: LiveView, elapsedS: number): void {
    const line = statusLine(view, elapsedS);
    if (this.#tty) {
      this.stream.write(`\r\x1b[2K${line.slice(0, (this.stream.columns ?? 120) - 1)}`);
      this.#dirty = true;
    } else if (elapsedS - this.#lastPlain >= this.everyS) {
      this.#lastPlain = elapsedS;
      this.stream.write(`mqtt-harness: ${line}\n`);
    }
  }

  done(): void {
    if (this.#dirty) this.stream.write('\n');
    this.#dirty = false;
  }
}

const label = (value: string) => value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', ' ');

/** The live figures in the Prometheus text exposition format (version 0.0.4). */
export function prometheusText(view: LiveView): string {
  const { metrics } = view;
  const lines = [
    '# HELP mqtt_harness_fleet_devices Devices of this process: planned and connected.',
    '# TYPE mqtt_harness_fleet_devices gauge',
    `mqtt_harness_fleet_devices{state="planned"} ${view.planned}`,
    `mqtt_harness_fleet_devices{state="connected"} ${view.connected}`,
    '# HELP mqtt_harness_fleet_connects_total CONNECTs that succeeded or failed.',
    '# TYPE mqtt_harness_fleet_connects_total counter',
    `mqtt_harness_fleet_connects_total{result="ok"} ${metrics.connects}`,
    `mqtt_harness_fleet_connects_total{result="failed"} ${metrics.connectFailures}`,
    '# HELP mqtt_harness_fleet_messages_total Messages by flow (parent topic) and direction.',
    '# TYPE mqtt_harness_fleet_messages_total counter',
    ...Object.entries(metrics.flows).flatMap(([flow, count]) => [
      `mqtt_harness_fleet_messages_total{flow="${label(flow)}",direction="sent"} ${count.sent}`,
      `mqtt_harness_fleet_messages_total{flow="${label(flow)}",direction="received"} ${count.received}`,
    ]),
    '# HELP mqtt_harness_fleet_errors_total Errors by kind.',
    '# TYPE mqtt_harness_fleet_errors_total counter',
    ...Object.entries(metrics.errors).map(
      ([kind, count]) => `mqtt_harness_fleet_errors_total{kind="${label(kind)}"} ${count}`,
    ),
    '# HELP mqtt_harness_fleet_latency_ms Push-to-ack latency by flow, from HDR histograms.',
    '# TYPE mqtt_harness_fleet_latency_ms summary',
    ...[...metrics.latency].flatMap(([flow, { total }]) => [
      ...[0.5, 0.9, 0.99, 0.999].map(
        (q) => `mqtt_harness_fleet_latency_ms{flow="${flow}",quantile="${q}"} ${total.percentile(q * 100)}`,
      ),
      `mqtt_harness_fleet_latency_ms_count{flow="${flow}"} ${total.count}`,
    ]),
    '# HELP mqtt_harness_fleet_invariants_failing Invariants with at least one violation so far.',
    '# TYPE mqtt_harness_fleet_invariants_failing gauge',
    `mqtt_harness_fleet_invariants_failing ${view.failingInvariants}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** `--metrics-port N`: GET /metrics serves the latest view. Resolves once listening. */
export async function serveMetrics(
  port: number,
  host: string,
  latest: () => LiveView | undefined,
): Promise<Server> {
  const server = createServer((request, response) => {
    const view = latest();
    if (request.url !== '/metrics' || !view) {
      response.writeHead(request.url === '/metrics' ? 503 : 404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(prometheusText(view));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
