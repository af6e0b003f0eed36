import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import path from 'node:path';
import { InfrastructureError, UsageError } from '../../harness/errors.ts';
import { exitCodeOf, type FleetResult } from '../../harness/fleet/fleet-result.ts';
import { runDirectory, writeFleetReport } from '../../harness/fleet/fleet-report.ts';
import { ProgressDisplay, serveMetrics, type LiveView } from '../../harness/fleet/live-figures.ts';
import { fleetSize, type FleetScenario } from '../../harness/fleet/scenario.ts';
import { loadScenario } from '../../harness/fleet/scenario-file.ts';
import { parseShard, WHOLE_FLEET, type Shard } from '../../harness/fleet/shard.ts';
import { redactUrl } from '../../harness/net/redact-url.ts';
import { clientIdScheme } from '../../harness/profiles/client-id-scheme.ts';
import { runProfile } from '../../harness/profiles/load-profile.ts';
import { nodeUrls } from '../../harness/targets/multi-node.ts';
import { DEFAULT_TARGET, targetForms } from '../../harness/targets/parse-target.ts';
import { P2pRoute } from '../../simulators/p2p.ts';
import { runFleet } from '../../simulators/fleet/fleet-runner.ts';
import { parseOptions } from '../options.ts';
import { resolveRunOptions, RUN_OPTIONS, runContextFor } from '../run-options.ts';
import { LIVE_PREFIX, runWorkers } from './simulate-workers.ts';

const HELP = `usage: mqtt-harness simulate SCENARIO.yaml [--broker TARGET] [--set PATH=NUMBER ...] [--duration D] [--seed N]
                         [--shard I/N] [--workers N] [--metrics-port N] [--run NAME]

Runs a fleet scenario (scenarios/*.yaml) against one broker with the same devices and services as the
Gherkin scenarios, checks the solutions' invariants while it runs, and writes
reports/fleet/<run>/summary.{json,md} and index.html.

options:
  --broker TARGET     the broker (default: $BROKER or "${DEFAULT_TARGET}"); one of
                        ${targetForms().join('\n                        ')}
  --set PATH=NUMBER   replace a number of the file: --set retail.stores=2000 (or --set stores=2000)
  --duration D        how long the workload runs: 90, 90s, 10m, 1h
  --seed N            the workload's seed (same seed, same devices and events)
  --shard I/N         run shard I of N (0-based): a disjoint part of the fleet; writes shard-I.json
                      for "mqtt-harness report --merge"
  --workers N         spread this run's devices over N child processes (each may hold 20,000 sockets)
  --metrics-port N    serve live figures at http://HOST:N/metrics in the Prometheus text format
  --metrics-host H    the address it listens on (default 127.0.0.1; 0.0.0.0 in a pod)
  --run NAME          the report folder under reports/fleet/ (default: SCENARIO-TIME; with --shard
                      SCENARIO-seedS-of-N, the same for every shard)
  --profile NAME      the client-ID scheme and P2P topic format to use (default: the broker's own)
  --p2p MODE          how P2P reaches devices (default: what the target declares)

exit codes: 0 every invariant held, 1 an invariant failed, 2 usage or infrastructure error (also a run
that stopped early: Ctrl-C, the broker went away); the summary is written in every case`;

export async function simulateCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    'simulate',
    argv,
    {
      broker: RUN_OPTIONS.broker,
      profile: RUN_OPTIONS.profile,
      p2p: RUN_OPTIONS.p2p,
      set: { type: 'string', multiple: true },
      duration: { type: 'string' },
      seed: { type: 'string' },
      shard: { type: 'string' },
      workers: { type: 'string' },
      'metrics-port': { type: 'string' },
      'metrics-host': { type: 'string' },
      run: { type: 'string' },
      // Internal: a worker writes its result here and nothing else.
      'result-file': { type: 'string' },
      scope: { type: 'string' },
      // Internal: the node URLs of a multi-node target the parent started (repeated).
      node: { type: 'string', multiple: true },
    },
    true,
  );
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError(
      'simulate: give one scenario file, e.g. mqtt-harness simulate scenarios/retail-chain.yaml',
    );
  const scenario = loadScenario(positionals[0]!, {
    ...(values.set ? { set: values.set } : {}),
    ...(values.duration !== undefined ? { duration: values.duration } : {}),
    ...(values.seed !== undefined ? { seed: values.seed } : {}),
  });
  const shard = values.shard ? parseShard(values.shard) : WHOLE_FLEET;
  const workers = values.workers ? positiveInteger('--workers', values.workers) : 1;
  const metricsPort = values['metrics-port']
    ? positiveInteger('--metrics-port', values['metrics-port'])
    : undefined;
  if (workers > 1 && values.shard)
    throw new UsageError('--workers and --shard: use one of them (a shard may not split again)');
  const resolved = resolveRunOptions({ broker: values.broker, profile: values.profile, p2p: values.p2p });
  const size = fleetSize(scenario);
  const runName =
    values.run ??
    (shard.count > 1
      ? `${scenario.name}-seed${scenario.seed}-of-${shard.count}`
      : path.basename(runDirectory(scenario.name)));
  const directory = path.join('reports', 'fleet', runName);
  const resultFile = values['result-file'];
  const say = (line: string) => (resultFile ? undefined : console.log(`mqtt-harness: ${line}`));

  say(
    `${scenario.name}: ${size.devices} devices, ${size.tags} virtual tags${shard.count > 1 ? `, shard ${shard.index}/${shard.count}` : ''}; starting ${resolved.target.spec} …`,
  );
  const started = await resolved.target.start();
  const controller = new AbortController();
  const interrupt = (signal: string) => () => controller.abort(`interrupted (${signal})`);
  const onInt = interrupt('SIGINT');
  const onTerm = interrupt('SIGTERM');
  process.on('SIGINT', onInt).on('SIGTERM', onTerm);
  let server: Server | undefined;
  let result: FleetResult;
  try {
    const { context } = runContextFor(started, resolved);
    const profile = resolved.profile ?? runProfile(context.target.capabilities.profile);
    const target = redactUrl(started.spec);
    const p2p = new P2pRoute(context.target.capabilities.p2p, profile.profile.p2pTopicFormat);
    say(`${target} is ready; ${p2p.describe()}`);
    let latest: LiveView | undefined;
    if (metricsPort) {
      server = await serveMetrics(metricsPort, values['metrics-host'] ?? '127.0.0.1', () => latest).catch(
        (error: unknown) => {
          throw new UsageError(
            `--metrics-port ${metricsPort}: cannot listen (${error instanceof Error ? error.message : String(error)})`,
          );
        },
      );
      say(`live figures at http://${values['metrics-host'] ?? '127.0.0.1'}:${metricsPort}/metrics`);
    }
    const urls = values.node ?? nodeUrls(started);
    if (urls.length > 1)
      say(`${urls.length} broker nodes, not bridged: each store, CSG region and the RTC fleet on one`);
    const scope = values.scope ?? `${randomBytes(3).toString('hex')}${shard.index.toString(36)}`;
    if (workers > 1) {
      result = await runWorkers({
        argv,
        scenario,
        urls,
        p2p: context.target.capabilities.p2p,
        profile: profile.profile.name,
        workers,
        scope,
        signal: controller.signal,
        onView: (view) => (latest = view),
      });
      result = { ...result, target };
    } else {
      const display = new ProgressDisplay();
      const startedAt = Date.now();
      result = await runFleet({
        scenario,
        urls,
        target,
        p2p,
        clientIds: clientIdScheme(profile.profile),
        scope,
        shard,
        logDir: directory,
        signal: controller.signal,
        onSample: (live) => {
          latest = {
            phase: live.phase,
            planned: live.planned,
            connected: live.point.connected,
            messagesPerSecond: live.point.messagesPerSecond,
            metrics: live.metrics,
            failingInvariants: live.failingInvariants,
          };
          if (!resultFile) display.show(latest, (Date.now() - startedAt) / 1_000);
          else {
            const { metrics: _metrics, ...figures } = latest;
            console.log(`${LIVE_PREFIX}${JSON.stringify(figures)}`);
          }
        },
      });
      display.done();
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new InfrastructureError(
      `the fleet run against ${started.spec} stopped: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    process.off('SIGINT', onInt).off('SIGTERM', onTerm);
    server?.close();
    await started.stop().catch(() => {});
  }
  return report(result, { directory, shard, resultFile, scenario });
}

async function report(
  result: FleetResult,
  where: { directory: string; shard: Shard; resultFile: string | undefined; scenario: FleetScenario },
): Promise<number> {
  if (where.resultFile) {
    await writeFile(where.resultFile, JSON.stringify(result));
    return exitCodeOf(result);
  }
  await mkdir(where.directory, { recursive: true });
  if (where.shard.count > 1) {
    const file = path.join(where.directory, `shard-${where.shard.index}.json`);
    await writeFile(file, `${JSON.stringify(result)}\n`);
    console.log(
      `mqtt-harness: shard result in ${file}; merge all shards with: mqtt-harness report --merge ${where.directory}/shard-*.json`,
    );
  }
  const files = await writeFleetReport(
    where.shard.count > 1 ? path.join(where.directory, `shard-${where.shard.index}`) : where.directory,
    result,
  );
  printFleetSummary(result);
  console.log(`mqtt-harness: reports: ${files.join(', ')}`);
  return exitCodeOf(result);
}

/** The verdicts and headline figures on the console. */
export function printFleetSummary(result: FleetResult): void {
  const out = (line: string) => console.log(`mqtt-harness: ${line}`);
  out(
    `${result.devices.planned} devices (${result.devices.peakConnected} connected at peak), ${result.connects.perSecond} connects/s, ${result.messages.sent} messages sent (${result.messages.perSecond}/s)`,
  );
  const perNode = Object.entries(result.devices.perNode ?? {});
  if (perNode.length > 1)
    out(`devices per node: ${perNode.map(([node, count]) => `${count} on ${node}`).join(', ')}`);
  for (const [flow, entry] of Object.entries(result.latency))
    out(
      `latency ${flow}: p50 ${entry.summary.p50} ms, p99 ${entry.summary.p99} ms, p99.9 ${entry.summary['p99.9']} ms, max ${entry.summary.max} ms (${entry.summary.count})`,
    );
  for (const invariant of result.invariants) {
    out(
      `${invariant.status.toUpperCase().padEnd(13)} ${invariant.rules.join(' ')}: ${invariant.title} (${invariant.checked} checked, ${invariant.violations} violations)`,
    );
    for (const evidence of invariant.evidence.slice(0, 3))
      out(
        `    ${evidence.at} ${evidence.device}${evidence.message ? ` ${evidence.message}` : ''}: ${evidence.what}`,
      );
  }
  const errors = Object.entries(result.errors);
  if (errors.length > 0) out(`errors: ${errors.map(([kind, count]) => `${count} × ${kind}`).join('; ')}`);
  if (!result.complete) out(`INCOMPLETE: ${result.incomplete.join('; ')}`);
}

function positiveInteger(option: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new UsageError(`${option} "${text}": give a whole number of at least 1`);
  return value;
}
