import { After, AfterAll, Before, BeforeAll, setDefaultTimeout } from '@cucumber/cucumber';
import { describeRecord } from '../../harness/client/message-record.ts';
import { redactUrl } from '../../harness/net/redact-url.ts';
import { acquireRunContext, type AcquiredRun } from '../../harness/targets/run-target.ts';
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

Before(function (this: HarnessWorld, { pickle }) {
  if (!run) throw new Error('the run has no broker target (BeforeAll failed)');
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

After(async function (this: HarnessWorld) {
  if (!this.clients) return;
  const transcript = this.clients.transcript().map(describeRecord);
  if (transcript.length > 0) {
    this.attach(
      JSON.stringify({ target: this.target.spec, namespace: this.namespace.id, transcript }, null, 2),
      {
        mediaType: 'application/json',
        fileName: 'message-transcript.json',
      },
    );
  }
  // The raw probes' packets (CID/TOP, malformed packets), next to the MQTT.js clients' transcript.
  const packets = this.rules.transcript();
  if (packets.length > 0) {
    this.attach(
      JSON.stringify({ target: redactUrl(this.target.spec), namespace: this.namespace.id, packets }, null, 2),
      {
        mediaType: 'application/json',
        fileName: 'raw-packet-transcript.json',
      },
    );
  }
  await this.clients.closeAll();
  await this.rules.close();
});
