import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { escapeHtml as escape } from '../report/html-parts.ts';
import { LATENCY_FLOWS, type LatencyFlow } from './fleet-metrics.ts';
import { exitCodeOf, type FleetResult } from './fleet-result.ts';
import { LatencyHistogram } from './latency.ts';
import { linePlot } from './svg-plot.ts';

/** Where a run's reports go: reports/fleet/<scenario>-<time>/. */
export function runDirectory(scenario: string, startedAt = new Date()): string {
  const stamp = startedAt.toISOString().replaceAll(':', '').replace(/\..*$/, '');
  return path.join('reports', 'fleet', `${scenario}-${stamp}`);
}

/** summary.json, summary.md and a self-contained index.html (inline SVG, no scripts, no fetches). */
export async function writeFleetReport(directory: string, result: FleetResult): Promise<string[]> {
  await mkdir(directory, { recursive: true });
  const files = {
    'summary.json': `${JSON.stringify(result, null, 2)}\n`,
    'summary.md': summaryMarkdown(result),
    'index.html': summaryHtml(result),
  };
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(directory, name), text);
  return Object.keys(files).map((name) => path.join(directory, name));
}

function verdictLine(result: FleetResult): string {
  const code = exitCodeOf(result);
  const state = result.complete ? 'complete' : `INCOMPLETE (${result.incomplete.join('; ')})`;
  return `${code === 0 ? 'PASSED' : code === 1 ? 'FAILED' : 'ERROR'}: ${state}`;
}

export function summaryMarkdown(result: FleetResult): string {
  const lines = [
    `# Fleet run: ${result.scenario.name}`,
    '',
    `**${verdictLine(result)}**`,
    '',
    `- target: ${result.target}; scenario ${result.scenario.file}, seed ${result.scenario.seed}, ${result.scenario.durationSeconds} s`,
    `- shards: ${result.shards.map((s) => `${s.index}/${s.count}`).join(', ')}`,
    `- ${result.startedAt} → ${result.endedAt}`,
    `- devices: ${result.devices.planned} planned, ${result.devices.peakConnected} connected at peak; ${result.devices.tags} virtual tags`,
    ...perNodeLine(result),
    `- connects: ${result.connects.count} (${result.connects.failed} failed), ${result.connects.perSecond}/s during the ramp`,
    `- messages: ${result.messages.sent} sent, ${result.messages.received} received, ${result.messages.perSecond}/s`,
    `- client memory: ≈ ${(result.memory.bytesPerDevice / 1024).toFixed(1)} KB per device (RSS ${(result.memory.rssBytes / 1048576).toFixed(0)} MB)`,
    '',
    '## Invariants',
    '',
    '| verdict | rules | invariant | checked | violations | reported (not judged) |',
    '|---|---|---|---|---|---|',
    ...result.invariants.map(
      (i) =>
        `| ${i.status.toUpperCase()} | ${i.rules.join(' ')} | ${i.title} | ${i.checked} | ${i.violations} | ${
          Object.entries(i.reported)
            .map(([reason, count]) => `${count} × ${reason}`)
            .join('; ') || '–'
        } |`,
    ),
    '',
    ...result.invariants.flatMap((i) =>
      i.evidence.length === 0
        ? []
        : [
            `### ${i.rules.join(' ')}: ${i.title}`,
            '',
            ...i.evidence.map(
              (e) => `- ${e.at} ${e.device}${e.message ? ` message ${e.message}` : ''}: ${e.what}`,
            ),
            '',
          ],
    ),
    '## Push-to-ack latency (ms)',
    '',
    '| flow | count | p50 | p90 | p99 | p99.9 | max |',
    '|---|---|---|---|---|---|---|',
    ...Object.entries(result.latency).map(
      ([flow, entry]) =>
        `| ${LATENCY_FLOWS[flow as LatencyFlow]} | ${entry.summary.count} | ${entry.summary.p50} | ${entry.summary.p90} | ${entry.summary.p99} | ${entry.summary['p99.9']} | ${entry.summary.max} |`,
    ),
    '',
    '## Messages per flow (parent topic)',
    '',
    '| flow | sent | received |',
    '|---|---|---|',
    ...Object.entries(result.flows).map(([flow, count]) => `| ${flow} | ${count.sent} | ${count.received} |`),
    '',
    '## Workload issued',
    '',
    ...Object.entries(result.workload).map(([kind, count]) => `- ${kind}: ${count}`),
    '',
    '## Errors by kind',
    '',
    ...(Object.keys(result.errors).length === 0
      ? ['none']
      : Object.entries(result.errors).map(([kind, count]) => `- ${kind}: ${count}`)),
    '',
  ];
  return lines.join('\n');
}

export function summaryHtml(result: FleetResult): string {
  const t = result.timeline.map((p) => p.t);
  const flows = Object.keys(result.latency) as LatencyFlow[];
  const plots = [
    linePlot('Connected devices', 's', 'devices', t, [
      { name: 'connected', values: result.timeline.map((p) => p.connected) },
    ]),
    linePlot('Throughput', 's', 'messages/s', t, [
      { name: 'messages sent/s', values: result.timeline.map((p) => p.messagesPerSecond) },
    ]),
    linePlot(
      result.shards.length > 1 ? 'Latency p99 per interval (worst shard)' : 'Latency p99 per interval',
      's',
      'ms',
      t,
      flows.map((flow) => ({ name: flow, values: result.timeline.map((p) => p.p99[flow] ?? null) })),
    ),
    ...flows.map((flow) => {
      const curve = new LatencyHistogram(result.latency[flow]!.histogram).distribution();
      return linePlot(
        `Latency distribution: ${LATENCY_FLOWS[flow]}`,
        'percentile',
        'ms',
        curve.map(([p]) => p),
        [{ name: flow, values: curve.map(([, ms]) => ms) }],
        true,
      );
    }),
  ];
  const markdown = summaryMarkdown(result);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Fleet run: ${escape(result.scenario.name)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}svg{margin:1em 0;border:1px solid #ddd}
pre{white-space:pre-wrap;background:#f6f6f6;padding:1em}</style></head>
<body><h1>Fleet run: ${escape(result.scenario.name)}</h1>
<p><strong>${escape(verdictLine(result))}</strong></p>
${plots.join('\n')}
<h2>Summary</h2><pre>${escape(markdown)}</pre>
</body></html>
`;
}

/** Devices per broker node, when the target had several. */
function perNodeLine(result: FleetResult): string[] {
  const perNode = Object.entries(result.devices.perNode ?? {});
  if (perNode.length < 2) return [];
  return [`- devices per node: ${perNode.map(([node, count]) => `${count} on ${node}`).join(', ')}`];
}
