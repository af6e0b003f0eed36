import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MQTT_3_1_1 } from '../profiles/mqtt-3.1.1.ts';
import { buildCertification } from './certification-builder.ts';
import type { ScenarioOutcome } from './run-summary.ts';

function certify(outcome: ScenarioOutcome) {
  return buildCertification({
    profile: MQTT_3_1_1,
    target: { spec: 'test', capabilities: { software: 'test', p2p: 'none' } },
    startedAt: new Date(),
    scenarios: [{ outcome, tags: outcome.rules.map((rule) => `@${rule}`) }],
    problems: [],
  });
}

test('a failure naming one of its rules fails that rule; the others are inconclusive (error), not failed', () => {
  const report = certify({
    name: 'redelivery',
    location: 'x.feature:1',
    rules: ['MQTT-3.3.1-1', 'MQTT-4.4.0-1'],
    failedRules: ['MQTT-4.4.0-1'],
    verdict: 'failed',
    reason: 'AssertionError: [MQTT-4.4.0-1] "order 1" was not re-sent',
  });
  const verdict = (rule: string) => report.rules.find((row) => row.rule === rule)?.verdict;
  assert.equal(verdict('MQTT-4.4.0-1'), 'fail');
  assert.equal(verdict('MQTT-3.3.1-1'), 'error');
  assert.match(
    report.rules.find((row) => row.rule === 'MQTT-3.3.1-1')?.evidence[0]?.detail ?? '',
    /^inconclusive: /,
  );
});

test('a failure that names no rule still fails every rule of its scenario', () => {
  const report = certify({
    name: 'x',
    location: 'x.feature:1',
    rules: ['MQTT-3.3.1-1', 'MQTT-4.4.0-1'],
    verdict: 'failed',
    reason: 'AssertionError: "a" was refused',
  });
  assert.deepEqual(
    report.rules.map((row) => row.verdict),
    ['fail', 'fail'],
  );
});
