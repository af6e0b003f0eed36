import { Writable } from 'node:stream';
import type { Envelope } from '@cucumber/messages';
import {
  loadConfiguration,
  loadSupport,
  runCucumber,
  type ISupportCodeLibrary,
} from '@cucumber/cucumber/api';
import { RunSummary } from '../harness/report/run-summary.ts';
import type { StartedBrokerTarget } from '../harness/targets/broker-target.ts';
import { handOverTarget } from '../harness/targets/run-target.ts';

export interface FeatureRunOptions {
  readonly paths: readonly string[];
  readonly tags?: string;
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
 * Runs cucumber in this process against an already started broker. The support code (steps, hooks)
 * is loaded once and reused, so the mutation run can go through many brokers in one process.
 */
export class FeatureRunner {
  #support: ISupportCodeLibrary | undefined;

  async run(started: StartedBrokerTarget, options: FeatureRunOptions): Promise<FeatureRun> {
    const { runConfiguration } = await loadConfiguration({
      file: 'cucumber.mjs',
      provided: { paths: [...options.paths], ...(options.tags ? { tags: options.tags } : {}) },
    });
    this.#support ??= await loadSupport(runConfiguration);
    const summary = new RunSummary();
    const tags = new Map<string, readonly string[]>();
    const onMessage = (envelope: Envelope) => {
      summary.accept(envelope);
      if (envelope.pickle)
        tags.set(
          `${envelope.pickle.uri}|${envelope.pickle.name}`,
          envelope.pickle.tags.map((t) => t.name),
        );
    };
    handOverTarget(started);
    const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
    await runCucumber(
      {
        ...runConfiguration,
        support: this.#support,
        ...(options.noFiles ? { formats: { ...runConfiguration.formats, files: {} } } : {}),
      },
      options.quiet ? { stdout: silent, stderr: silent } : undefined,
      onMessage,
    );
    return { summary, tags };
  }
}
