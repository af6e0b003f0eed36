import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { directionViolations, taskTypeViolations, usageViolations } from './topic-plan-check.ts';
import { PRICE_TAG_PLAN, TOPIC_PLANS, type TopicPlan } from './topic-plans.ts';

test('TOP-4: every solution plan keeps uplink and downlink apart and gives each task type its own parents', () => {
  for (const plan of TOPIC_PLANS) {
    assert.deepEqual(directionViolations(plan), [], plan.name);
    assert.deepEqual(taskTypeViolations(plan), [], plan.name);
  }
});

test('TOP-4: a plan that mixes directions or task types on one parent is caught', () => {
  const mixed: TopicPlan = {
    name: 'mixed',
    groupIds: ['GID_x'],
    parents: [
      { name: 'esl', direction: 'uplink', task: 'status report' },
      { name: 'esl', direction: 'downlink', task: 'price change' },
    ],
  };
  assert.match(directionViolations(mixed).join(), /"esl" carries both uplink and downlink/);
  assert.match(taskTypeViolations(mixed).join(), /"esl" carries several task types/);
});

test('TOP-2, TOP-3, CID-2: used topics and client IDs must be declared and fit 64 characters', () => {
  const ok = usageViolations(PRICE_TAG_PLAN, {
    topics: ['esl_status/abcd1234/02005E100001', 'esl_price/p2p/GID_acme@@@02005E100001_abcd1234'],
    clientIds: ['GID_acme@@@02005E100001_abcd1234'],
  });
  assert.deepEqual(ok, []);
  const bad = usageViolations(PRICE_TAG_PLAN, {
    topics: [`esl_status/${'x'.repeat(54)}`, 'harness/x'],
    clientIds: [`GID_acme@@@${'y'.repeat(54)}`, 'GID_other@@@a', 'no-separator'],
  });
  assert.equal(bad.length, 5, bad.join('\n'));
});

test('provisioning.json lists exactly the Group IDs and parent topics of the plans (CID-5, TOP-2)', async () => {
  const file = JSON.parse(await readFile(new URL('./provisioning.json', import.meta.url), 'utf8')) as {
    groupIds: string[];
    parentTopics: string[];
  };
  const sorted = (names: Iterable<string>) => [...new Set(names)].sort();
  assert.deepEqual(sorted(file.groupIds), sorted(TOPIC_PLANS.flatMap((plan) => plan.groupIds)));
  assert.deepEqual(
    sorted(file.parentTopics),
    sorted(TOPIC_PLANS.flatMap((plan) => plan.parents.map((p) => p.name))),
  );
});
