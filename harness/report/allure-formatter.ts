import { EventEmitter } from 'node:events';
import { readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Formatter, type IFormatterOptions } from '@cucumber/cucumber';
import type { Envelope } from '@cucumber/messages';
import allureReporterModule from 'allure-cucumberjs/reporter';
import { runProfile } from '../profiles/load-profile.ts';
import { redactUrl } from '../net/redact-url.ts';
import { handedRunContext } from '../run/run-context.ts';
import { appendRunToHistory } from './allure-history.ts';
import { ALLURE_CATEGORIES, allureEnvironment, propertiesText } from './allure-metadata.ts';
import { AllureScenarios } from './allure-scenarios.ts';

// Its type declarations read as CommonJS under NodeNext, while the ESM build has a plain default export.
type AllureReporterClass = typeof allureReporterModule.default;
const AllureCucumberReporter = (
  'default' in allureReporterModule ? allureReporterModule.default : allureReporterModule
) as AllureReporterClass;

export const ALLURE_RESULTS_DIR = 'reports/allure-results';

/**
 * allure-cucumberjs, with the harness's names, identities and verdicts per scenario (allure-scenarios.ts),
 * and, when the run ends, its environment block and categories (allure-metadata.ts, read by Allure 2 and 3)
 * and its line in the Allure history (allure-history.ts). Rule-ID labels are added per scenario by the
 * hooks (steps/support/rule-labels.ts).
 */
export default class HarnessAllureFormatter extends Formatter {
  readonly #resultsDir: string;

  constructor(options: IFormatterOptions) {
    super(options);
    this.#resultsDir = (options.parsedArgvOptions.resultsDir as string | undefined) ?? ALLURE_RESULTS_DIR;
    const scenarios = new AllureScenarios();
    const relay = new EventEmitter();
    options.eventBroadcaster.on('envelope', (envelope: Envelope) =>
      scenarios.pass(envelope, (shaped) => relay.emit('envelope', shaped)),
    );
    new AllureCucumberReporter({
      ...options,
      eventBroadcaster: relay,
      parsedArgvOptions: {
        ...options.parsedArgvOptions,
        resultsDir: this.#resultsDir,
        listeners: [{ beforeTestResultWrite: scenarios.beforeTestResultWrite }],
      },
    });
  }

  override async finished(): Promise<void> {
    // The run context is complete only now: a bare cucumber run builds it in its BeforeAll hook.
    const context = handedRunContext();
    const profile = context
      ? runProfile(context.target.capabilities.profile, context).profile.name
      : undefined;
    await mkdir(this.#resultsDir, { recursive: true });
    await writeFile(
      path.join(this.#resultsDir, 'environment.properties'),
      propertiesText(allureEnvironment(context, profile)),
    );
    await writeFile(
      path.join(this.#resultsDir, 'categories.json'),
      `${JSON.stringify(ALLURE_CATEGORIES, null, 2)}\n`,
    );
    // A sharded run is one point in the trend: its shards leave the history to the run (endShardedRun).
    if (shardedRun) shardedRun.resultsDir = this.#resultsDir;
    else await recordRunInHistory(this.#resultsDir, profile);
    await super.finished();
  }
}

/** Set while a run's scenarios go in shards side by side (cli/cucumber-runner.ts): where its results went. */
let shardedRun: { resultsDir?: string } | undefined;

/** The shards that run next are one run: their formatters do not each add a point to the history. */
export function beginShardedRun(): void {
  shardedRun = {};
}

/** The shards have ended: the run's one point in the history. */
export async function endShardedRun(): Promise<void> {
  const resultsDir = shardedRun?.resultsDir;
  shardedRun = undefined;
  if (!resultsDir) return;
  const context = handedRunContext();
  const profile = context ? runProfile(context.target.capabilities.profile, context).profile.name : undefined;
  await recordRunInHistory(resultsDir, profile);
}

async function recordRunInHistory(resultsDir: string, profile: string | undefined): Promise<void> {
  // A run that ran no scenario (a usage error, nothing matched the tags) is no point in the trend.
  if (!readdirSync(resultsDir).some((file) => file.endsWith('-result.json'))) return;
  const context = handedRunContext();
  const name = `${context ? redactUrl(context.target.spec) : 'mqtt-harness'} × ${profile ?? 'unknown profile'}`;
  const problem = await appendRunToHistory(resultsDir, name);
  // A history that could not be kept costs the trend one point, never the run its verdicts.
  if (problem) process.stderr.write(`mqtt-harness: this run is not in the Allure history: ${problem}\n`);
}
