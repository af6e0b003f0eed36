import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runProfile } from '../profiles/load-profile.ts';
import type { StartedBrokerTarget } from '../targets/broker-target.ts';
import { parseTarget } from '../targets/parse-target.ts';
import { checkSessionModel, describeModelResult } from './session-model-property.ts';

// The session model against a real broker over sockets: BROKER (default: the embedded reference
// broker), QCS_RUNS runs (fast by default), QCS_SEED / QCS_PATH to replay a printed failure,
// QCS_MAX_QOS=1 to explore a broker that has no QoS 2, QCS_SEQUENCES=K to first run every command
// sequence up to length K (default 1; a systematic failure replays with QCS_PATH=sequence:K:N).
const runs = Number(process.env.QCS_RUNS ?? 20);
const sequences = Number(process.env.QCS_SEQUENCES ?? 1);
const seed = process.env.QCS_SEED === undefined ? undefined : Number(process.env.QCS_SEED);
const path = process.env.QCS_PATH;
const maxQos =
  process.env.QCS_MAX_QOS === undefined ? undefined : (Number(process.env.QCS_MAX_QOS) as 0 | 1 | 2);

let broker: StartedBrokerTarget;

before(async () => {
  broker = await parseTarget(process.env.BROKER).start();
});

after(async () => {
  await broker?.stop();
});

test(`the broker follows the QoS × cleanSession model (${runs} runs)`, { timeout: 120_000 }, async () => {
  const { profile } = runProfile(broker.capabilities.profile);
  const result = await checkSessionModel(broker.url, profile, {
    numRuns: runs,
    sequences,
    ...(seed === undefined ? {} : { seed }),
    ...(path ? { path } : {}),
    ...(maxQos === undefined ? {} : { maxQos }),
  });
  const report = describeModelResult(result);
  console.log(`# ${broker.spec} under ${profile.name}: ${report.replaceAll('\n', '\n# ')}`);
  assert.equal(result.verdict, 'pass', report);
});
