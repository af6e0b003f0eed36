import path from 'node:path';
import { Writable } from 'node:stream';
import type { Envelope } from '@cucumber/messages';
import {
  loadConfiguration,
  loadSupport,
  runCucumber,
  type ISourcesCoordinates,
  type ISupportCodeLibrary,
} from '@cucumber/cucumber/api';
import type { KnownDeviation } from '../harness/report/known-deviations.ts';
import { beginShardedRun, endShardedRun } from '../harness/report/allure-formatter.ts';
import { RunSummary } from '../harness/report/run-summary.ts';
import { closeRunMq } from '../harness/mq/run-mq.ts';
import { handOverRunContext, type RunContext } from '../harness/run/run-context.ts';
import { plannedOrder, RUNS_ALONE, shardSources } from './scenario-shards.ts';
import { ownPath } from './package-root.ts';

/** The harness's Allure formatter (cucumber.mjs): its shards make one run (allure-formatter.ts). */
const ALLURE_FORMATTER = ownPath('harness/report/allure-formatter.ts');

export interface FeatureRunOptions {
  /** Feature files or globs; none: cucumber's default, every feature under features/. */
  readonly paths?: readonly string[];
  readonly tags?: string;
  /** A cucumber profile from cucumber.mjs (e.g. "ci"). */
  readonly cucumberProfile?: string;
  /** The broker's documented deviations: those failures are listed but do not fail the run. */
  readonly deviations?: readonly KnownDeviation[];
  /** No cucumber output on the terminal (the caller prints its own verdicts). */
  readonly quiet?: boolean;
  /** Without the Allure/JUnit files of cucumber.mjs: for runs whose failures are expected (mutants). */
  readonly noFiles?: boolean;
  /**
   * Scenarios run side by side in this process, in that many shards (scenario-shards.ts); 1 or absent:
   * one at a time. Each shard has its own formatters; a shard's terminal output is printed whole when it
   * ends. A run that writes a cucumber report file of its own (the `ci` profile's JUnit) runs one at a
   * time: the shards would each write that file over the others'.
   */
  readonly concurrency?: number;
}

export interface FeatureRun {
  readonly summary: RunSummary;
  /** `uri|scenario name` → the scenario's tags, to say why a skipped scenario does not apply. */
  readonly tags: ReadonlyMap<string, readonly string[]>;
}

/**
 * The one way the CLI runs cucumber (`run`, `certify`, `mutants`): in this process, against an already
 * started broker, with the run context handed over (harness/run/run-context.ts). The support code
 * (steps, hooks) is loaded once and reused, so the mutation run can go through many brokers in one process.
 */
export class FeatureRunner {
  #support: ISupportCodeLibrary | undefined;

  async run(context: RunContext, options: FeatureRunOptions): Promise<FeatureRun> {
    const { runConfiguration } = await loadConfiguration({
      // The harness's own config (its steps, its formatter), also when run from another project;
      // cucumber joins it to the current directory, so it is given relative to that.
      file: path.relative(process.cwd(), ownPath('cucumber.mjs')),
      profiles: options.cucumberProfile ? [options.cucumberProfile] : [],
      provided: {
        ...(options.paths ? { paths: [...options.paths] } : {}),
        ...(options.tags ? { tags: options.tags } : {}),
      },
    });
    const support = (this.#support ??= await loadSupport(runConfiguration));
    const summary = new RunSummary(options.deviations);
    const tags = new Map<string, readonly string[]>();
    const onMessage = (envelope: Envelope) => {
      summary.accept(envelope);
      if (envelope.pickle)
        tags.set(
          `${envelope.pickle.uri}|${envelope.pickle.name}`,
          envelope.pickle.tags.map((t) => t.name),
        );
    };
    handOverRunContext(context);
    const { formats } = runConfiguration;
    const files = options.noFiles ? {} : formats.files;
    const ownFiles = Object.values(files).every((formatter) => formatter === ALLURE_FORMATTER);
    const shards = ownFiles ? (options.concurrency ?? 1) : 1;
    const silent = () => new Writable({ write: (_chunk, _encoding, done) => done() });
    const runOnce = async (sources: ISourcesCoordinates, label?: string) => {
      // A shard's terminal output, kept until it ends so the shards' lines never interleave.
      let kept = '';
      const keep = new Writable({
        write: (chunk: Buffer, _encoding, done) => void ((kept += String(chunk)), done()),
      });
      const sharded = label !== undefined;
      let ran = 0;
      try {
        await runCucumber(
          {
            ...runConfiguration,
            sources,
            support,
            // The live progress bar needs the terminal to itself: a shard gives plain progress.
            formats: { ...formats, files, ...(sharded ? { stdout: 'progress' } : {}) },
          },
          options.quiet ? { stdout: silent(), stderr: silent() } : sharded ? { stdout: keep } : undefined,
          (envelope) => {
            if (envelope.testCaseStarted) ran += 1;
            onMessage(envelope);
          },
        );
      } catch (error) {
        // The verdicts gathered so far stay; the run is an error with the reason (exit 2), never lost.
        summary.problems.push(
          `the cucumber run stopped: ${error instanceof Error ? error.message : String(error)}`,
        );
      } finally {
        // A part with no scenario (often the alone one) has nothing to say.
        if (sharded && !options.quiet && ran > 0) console.log(`-- scenarios ${label} --\n${kept.trimEnd()}`);
      }
    };
    try {
      if (shards <= 1) await runOnce(runConfiguration.sources);
      else {
        beginShardedRun();
        const { together, alone } = shardSources(runConfiguration.sources, shards);
        await Promise.all(together.map((sources) => runOnce(sources, `shard ${sources.shard}`)));
        await runOnce(alone, `that run alone (${RUNS_ALONE.join(', ')})`);
        // The report lists the scenarios in the order a one-at-a-time run gives, whichever ended first.
        const order = await plannedOrder(runConfiguration.sources);
        const at = (location: string) => order.get(location) ?? Number.MAX_SAFE_INTEGER;
        summary.outcomes.sort((a, b) => at(a.location) - at(b.location));
        // Each shard parses every feature: a parse error is one problem, not one per shard.
        summary.problems.splice(0, summary.problems.length, ...new Set(summary.problems));
      }
    } finally {
      // The run's MQ side is closed by the run, after all its shards (not by a shard's AfterAll).
      await closeRunMq();
      if (shards > 1) await endShardedRun();
    }
    return { summary, tags };
  }
}
