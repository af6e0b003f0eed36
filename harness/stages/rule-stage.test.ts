import assert from 'node:assert/strict';
import { AssertionError } from 'node:assert';
import { test } from 'node:test';
import { ScenarioNamespace } from '../client/namespace.ts';
import { closeRunMq } from '../mq/run-mq.ts';
import { ALIYUN } from '../profiles/aliyun.ts';
import { faultyReferenceTarget, referenceTarget } from '../targets/reference-target.ts';
import type { BrokerTarget } from '../targets/broker-target.ts';
import { RuleStage } from './rule-stage.ts';

/**
 * F3, TOP-2: "a PUBLISH under an unprovisioned parent is not delivered" must be able to fail. The
 * reference broker refuses every MQTT observer there, so the MQ side watches; without it the check
 * is inconclusive (an error), never a pass.
 */
async function top2PublishCheck(target: BrokerTarget, withMq: boolean): Promise<unknown> {
  const started = await target.start();
  const scenario = new RuleStage(
    started.url,
    ALIYUN,
    new ScenarioNamespace('top2-test'),
    ['TOP-2'],
    withMq && started.endpoints?.mq
      ? { kind: 'memory', ref: started.endpoints.mq }
      : { kind: 'none', reason: 'test without MQ' },
  );
  try {
    await scenario.listenUnderUnprovisionedParent('listener');
    await scenario.goOnline('sender');
    await scenario.publishUnderUnprovisionedParent('sender');
    await scenario.expectDelivery('sender', 'does not reach', 'listener');
    return 'passed';
  } catch (error) {
    return error;
  } finally {
    assert.ok(
      scenario.transcript().some((r) => r.packet === 'suback'),
      'the transcript records the SUBACKs',
    );
    await scenario.close();
    await closeRunMq();
    await started.stop();
  }
}

test('TOP-2 publish: passes on the reference broker, observed through the MQ side', async () => {
  assert.equal(await top2PublishCheck(referenceTarget(), true), 'passed');
});

test('TOP-2 publish: inconclusive (not a pass) when no observer can see the message', async () => {
  const outcome = await top2PublishCheck(referenceTarget(), false);
  assert.ok(outcome instanceof Error && !(outcome instanceof AssertionError));
  assert.match(outcome.message, /inconclusive.*"unprovisioned[^"]*\/#" → 0x80.*"#" → 0x80.*no MQ side/);
});

test('TOP-2 publish: the publish-only mutant fails the check', async () => {
  const outcome = await top2PublishCheck(
    faultyReferenceTarget('embedded:fault:accept-publish-unprovisioned-parent'),
    true,
  );
  assert.ok(outcome instanceof AssertionError);
  assert.match(outcome.message, /\[TOP-2\].*delivered to the MQ side/);
});
