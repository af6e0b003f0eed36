import path from 'node:path';
import { Writable } from 'node:stream';
import type { Envelope } from '@cucumber/messages';
import {
  loadConfiguration,
  loadSupport,
  runCucumber,
  type ISupportCodeLibrary,
} from '@cucumber/cucumber/api';
import type { KnownDeviation } from '../harness/report/known-deviations.ts';
import { RunSummary } from '../harness/report/run-summary.ts';
import { handOverRunContext, type RunContext } from '../harness/run/run-context.ts';
import { ownPath } from './package-root.ts';

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
    this.#support ??= await loadSupport(runConfiguration);
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
    const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
    try {
      await runCucumber(
        {
          ...runConfiguration,
          support: this.#support,
          ...(options.noFiles ? { formats: { ...runConfiguration.formats, files: {} } } : {}),
        },
        options.quiet ? { stdout: silent, stderr: silent } : undefined,
        onMessage,
      );
    } catch (error) {
      // The verdicts gathered so far stay; the run is an error with the reason (exit 2), never lost.
      summary.problems.push(
        `the cucumber run stopped: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return { summary, tags };
  }
}
