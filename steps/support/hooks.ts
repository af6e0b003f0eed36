import { After, AfterAll, Before, BeforeAll, setDefaultTimeout } from '@cucumber/cucumber';
import { InfrastructureError } from '../../harness/errors.ts';
import { brokerGone, watchBroker, wentAwayLine } from '../../harness/limits/broker-health.ts';
import { closeRunMq } from '../../harness/mq/run-mq.ts';
import { BROKER_GONE } from '../../harness/report/run-summary.ts';
import { closeStages } from '../../harness/stages/stage.ts';
import { acquireRunContext, type AcquiredRun } from '../../harness/targets/run-target.ts';
import { redactUrl } from '../../harness/net/redact-url.ts';
import type { HarnessWorld } from './world.ts';

// Above every bounded wait inside the harness, so a harness timeout (with its explanation) fires first.
setDefaultTimeout(30_000);

let run: AcquiredRun | undefined;

// One broker and one run context per run, not per scenario.
BeforeAll({ timeout: 120_000 }, async function () {
  run = await acquireRunContext();
});

AfterAll({ timeout: 60_000 }, async function () {
  await run?.owned?.stop();
});

// The run's MQ connection (--mq amqp), shared by the scenarios' MQ stages: closed here by a bare cucumber
// run; a CLI run may go in shards side by side, so the CLI closes it after all of them (cli/cucumber-runner.ts).
AfterAll(async function () {
  if (run?.owned) await closeRunMq();
});

Before(function (this: HarnessWorld, { pickle }) {
  if (!run) throw new Error('the run has no broker target (BeforeAll failed)');
  // A broker noticed gone makes every later scenario an error at once, instead of each waiting out its timeouts.
  const gone = brokerGone(run.context.target.url);
  if (gone) throw new InfrastructureError(wentAwayLine(gone));
  this.begin(
    run.context,
    pickle.id,
    pickle.tags.map((tag) => tag.name),
  );
  // A scenario the run's profile does not judge is skipped with its reason: never failed, never dropped.
  if (this.notApplicable) {
    this.log(`not applicable: ${this.notApplicable}`);
    return 'skipped';
  }
  return undefined;
});

// After a scenario that did not pass: is the broker still there? (harness/limits/broker-health.ts). Defined
// before the stage-closing hook, so it runs after it (cucumber runs After hooks in reverse order).
After({ timeout: 40_000 }, async function (this: HarnessWorld, { result, pickle }) {
  if (!run || result?.status !== 'FAILED' || brokerGone(run.context.target.url)) return;
  const gone = await watchBroker(run.context.target.url, this.profile, `the scenario "${pickle.name}"`);
  // Its failure was met on a dead broker: the run summary makes it an error, never a rule failure.
  if (gone) this.log(`${BROKER_GONE}${wentAwayLine(gone)}`);
});

// The one end of every scenario: each stage it used leaves its evidence in the report, for passes
// too (message-transcript.json, raw-packet-transcript.json, qcs-evidence.json, solution-transcript.json,
// "evidence: …" lines), then all of them are closed. 90 s: the closes used to run in hooks of 30 s each.
After({ timeout: 90_000 }, async function (this: HarnessWorld) {
  const { stages } = this;
  if (stages.length === 0) return;
  // The target as the report may show it: a password in a broker URL never reaches an attachment.
  const run = { target: redactUrl(this.target.spec), namespace: this.namespace.id };
  try {
    for (const stage of stages) {
      const { attachments = [], lines = [] } = stage.evidence(run);
      for (const { fileName, body } of attachments)
        this.attach(JSON.stringify(body, null, 2), { mediaType: 'application/json', fileName });
      for (const line of lines) this.log(`evidence: ${line}`);
    }
  } finally {
    await closeStages(stages);
  }
});
