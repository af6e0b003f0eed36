import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALIYUN } from '../harness/profiles/aliyun.ts';
import { MQTT_3_1_1 } from '../harness/profiles/mqtt-3.1.1.ts';
import type { Profile } from '../harness/profiles/profile.ts';
import {
  directionViolations,
  taskTypeViolations,
  trafficClassViolations,
  usageViolations,
} from './topic-plan-check.ts';
import { PRICE_TAG_PLAN, TOPIC_PLANS, type TopicPlan } from './topic-plans.ts';
import { SOLUTION_PROVISIONING } from '../harness/profiles/solution-provisioning.ts';

test('TOP-4: every solution plan keeps directions, task types and traffic classes on their own parents', () => {
  for (const plan of TOPIC_PLANS) {
    assert.deepEqual(directionViolations(plan), [], plan.name);
    assert.deepEqual(taskTypeViolations(plan), [], plan.name);
    assert.deepEqual(trafficClassViolations(plan), [], plan.name);
  }
});

test('TOP-4: a plan that mixes directions or task types on one parent is caught', () => {
  const mixed: TopicPlan = {
    name: 'mixed',
    groupIds: ['GID_x'],
    parents: [
      { name: 'esl', direction: 'uplink', task: 'status report', priority: 'low', volume: 'low' },
      { name: 'esl', direction: 'downlink', task: 'price change', priority: 'low', volume: 'low' },
    ],
  };
  assert.match(directionViolations(mixed).join(), /"esl" carries both uplink and downlink/);
  assert.match(taskTypeViolations(mixed).join(), /"esl" carries several task types/);
  assert.deepEqual(trafficClassViolations(mixed), []);
});

test('TOP-4: a high-volume status stream and a low-volume command on one parent are caught', () => {
  const mixed: TopicPlan = {
    name: 'mixed',
    groupIds: ['GID_x'],
    parents: [
      { name: 'csg_up', direction: 'uplink', task: 'control', priority: 'low', volume: 'high' },
      { name: 'csg_up', direction: 'uplink', task: 'control', priority: 'high', volume: 'low' },
      { name: 'csg_down', direction: 'downlink', task: 'control', priority: 'high', volume: 'low' },
    ],
  };
  // Same direction and task type: only the traffic class tells them apart.
  assert.deepEqual(directionViolations(mixed), []);
  assert.deepEqual(taskTypeViolations(mixed), []);
  assert.deepEqual(trafficClassViolations(mixed), [
    'parent topic "csg_up" mixes traffic of low priority, high volume and of high priority, low volume',
  ]);
});

const BAD_USAGE = {
  topics: [`esl_status/${'x'.repeat(54)}`, 'harness/x'],
  clientIds: [`GID_acme@@@${'y'.repeat(54)}`, 'GID_other@@@a', 'no-separator'],
};

test("TOP-2, TOP-3, CID-2: used topics and client IDs must be declared and fit the aliyun profile's 64 characters", () => {
  const ok = usageViolations(
    PRICE_TAG_PLAN,
    {
      topics: ['esl_status/abcd1234/02005E100001', 'esl_price/p2p/GID_acme@@@02005E100001_abcd1234'],
      clientIds: ['GID_acme@@@02005E100001_abcd1234'],
    },
    ALIYUN,
  );
  assert.deepEqual(ok, []);
  const bad = usageViolations(PRICE_TAG_PLAN, BAD_USAGE, ALIYUN);
  assert.equal(bad.length, 5, bad.join('\n'));
  assert.match(bad.join('\n'), /65 characters \(TOP-3 limit 64\)/);
});

test('TOP-3, CID-2: the limits come from the run profile, counted in its unit', () => {
  const tight: Profile = {
    ...ALIYUN,
    limits: { ...ALIYUN.limits, topicLength: { max: 20, unit: 'bytes' } },
  };
  // 20 characters, 22 UTF-8 bytes: over a 20-byte limit, within a 20-character one.
  const topic = `esl_status/${'中'.repeat(1)}${'x'.repeat(8)}`;
  assert.deepEqual(usageViolations(PRICE_TAG_PLAN, { topics: [topic], clientIds: [] }, ALIYUN), []);
  assert.deepEqual(usageViolations(PRICE_TAG_PLAN, { topics: [topic], clientIds: [] }, tight), [
    `topic "${topic}" has 22 bytes (TOP-3 limit 20)`,
  ]);
  // MQTT 3.1.1 declares no topic limit and leaves client IDs opaque: only the undeclared parent is left.
  assert.deepEqual(usageViolations(PRICE_TAG_PLAN, BAD_USAGE, MQTT_3_1_1), [
    'topic "harness/x" is under "harness", which the price-tag plan does not declare',
  ]);
});

test('the harness provisions exactly the Group IDs and parent topics of the plans (CID-5, TOP-2)', () => {
  const file = SOLUTION_PROVISIONING;
  const sorted = (names: Iterable<string>) => [...new Set(names)].sort();
  assert.deepEqual(sorted(file.groupIds), sorted(TOPIC_PLANS.flatMap((plan) => plan.groupIds)));
  assert.deepEqual(
    sorted(file.parentTopics),
    sorted(TOPIC_PLANS.flatMap((plan) => plan.parents.map((p) => p.name))),
  );
});
