import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MeasuredLimits } from '../limits/limit-detection.ts';
import { MQTT_3_1_1 } from '../profiles/mqtt-3.1.1.ts';
import { buildCertification } from './certification-builder.ts';
import type { ScenarioOutcome } from './run-summary.ts';

const target = { spec: 'mqtt://127.0.0.1:1883', capabilities: { software: 'unknown', p2p: 'none' as const } };
const limit = (value: number) => ({ value, capped: false, how: 'search from below' });
const passed = {
  outcome: {
    name: 'a scenario',
    location: 'features/x.feature:3',
    rules: ['MQTT-3.2.0-1'],
    verdict: 'passed' as const,
  },
  tags: ['@MQTT-3.2.0-1'],
};

test('a probe that wedged the broker fails ROB-1 with the input, and a stopped search shows no limit', () => {
  const stopped = 'the broker stopped serving after a SUBSCRIBE to a topic of 80 characters: refused';
  const limits: MeasuredLimits = {
    clientIdLength: limit(64),
    topicLength: { value: 40, capped: false, how: 'search from below', stopped },
    payloadBytes: { value: undefined, capped: false, how: 'search from below', stopped },
    subscriptionsPerClient: { value: undefined, capped: false, how: 'one at a time', stopped },
    duplicateId: undefined,
    robustness: { probes: 12, finding: { probe: 'a SUBSCRIBE to a topic of 80 characters', how: 'refused' } },
  };
  const report = buildCertification({
    profile: MQTT_3_1_1,
    target,
    startedAt: new Date(),
    scenarios: [passed],
    limits,
    problems: [],
  });
  const rob = report.rules.find((row) => row.rule === 'ROB-1');
  assert.equal(rob?.verdict, 'fail');
  assert.match(
    rob?.evidence[0]?.detail ?? '',
    /^\[ROB-1\] after a SUBSCRIBE to a topic of 80 characters, refused/,
  );
  // A finding, not a run error: the verdict is fail (exit 1), and the topic limit is only a lower bound.
  assert.equal(report.exitCode, 1);
  const topic = report.limits.find((row) => row.limit.startsWith('topic length'));
  assert.equal(topic?.measured, '≥ 40 characters (search stopped, ROB-1)');
  assert.match(topic?.note ?? '', /stopped serving after a SUBSCRIBE to a topic of 80 characters/);
  assert.equal(
    report.limits.find((row) => row.limit.startsWith('duplicate'))?.measured,
    'unknown (search stopped, ROB-1)',
  );
});

test('a healthy broker passes ROB-1; a broker gone mid-run keeps the verdicts and errors the checks not run', () => {
  const limits: MeasuredLimits = {
    clientIdLength: limit(23),
    topicLength: limit(65_535),
    payloadBytes: limit(1000),
    subscriptionsPerClient: limit(200),
    duplicateId: 'takeover',
    robustness: { probes: 50 },
  };
  const healthy = buildCertification({
    profile: MQTT_3_1_1,
    target,
    startedAt: new Date(),
    scenarios: [passed],
    limits,
    problems: [],
  });
  assert.equal(healthy.rules.find((row) => row.rule === 'ROB-1')?.verdict, 'pass');
  assert.equal(healthy.exitCode, 0);

  const gone = { at: '2026-01-01T00:00:00.000Z', how: 'a fresh connection failed: ECONNREFUSED' };
  const why = `not run: broker went away at ${gone.at}: ${gone.how}`;
  const report = buildCertification({
    profile: MQTT_3_1_1,
    target,
    startedAt: new Date(),
    scenarios: [passed],
    wentAway: gone,
    notRun: [{ name: 'limit detection', rules: ['ROB-1'], why }],
    problems: [],
  });
  assert.equal(report.rules.find((row) => row.rule === 'MQTT-3.2.0-1')?.verdict, 'pass');
  assert.deepEqual(report.rules.find((row) => row.rule === 'ROB-1')?.evidence[0]?.detail, why);
  assert.deepEqual(report.problems, [`broker went away at ${gone.at}: ${gone.how}`]);
  assert.equal(report.exitCode, 2);
});

function certify(outcome: ScenarioOutcome) {
  return buildCertification({
    profile: MQTT_3_1_1,
    target: { spec: 'test', capabilities: { software: 'test', p2p: 'none' } },
    startedAt: new Date(),
    scenarios: [{ outcome, tags: outcome.rules.map((rule) => `@${rule}`) }],
    problems: [],
  });
}

test('a failure naming one of its rules fails that rule; it is no evidence for the others', () => {
  const report = certify({
    name: 'redelivery',
    location: 'x.feature:1',
    rules: ['MQTT-3.3.1-1', 'MQTT-4.4.0-1'],
    rulesNamed: ['MQTT-4.4.0-1'],
    verdict: 'failed',
    reason: 'AssertionError: [MQTT-4.4.0-1] "order 1" was not re-sent',
  });
  const row = (rule: string) => report.rules.find((r) => r.rule === rule);
  assert.equal(row('MQTT-4.4.0-1')?.verdict, 'fail');
  // Not judged by this scenario: neither passed nor an error, so the certificate is FAIL (exit 1), not ERROR.
  assert.equal(row('MQTT-3.3.1-1')?.evidence.length ?? 0, 0);
  assert.equal(report.verdict, 'fail');
  assert.equal(report.exitCode, 1);
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

test('an inconclusive check makes its rule inconclusive, never passed; the report is inconclusive (exit 3) unless a rule failed', () => {
  const outcome = (name: string, rule: string, verdict: ScenarioOutcome['verdict'], reason?: string) => ({
    outcome: {
      name,
      location: `x.feature:${name.length}`,
      rules: [rule],
      verdict,
      ...(reason ? { reason } : {}),
    },
    tags: [`@${rule}`],
  });
  const lower =
    'PreconditionFailed: [MQTT-4.3.3-1] inconclusive: "sub" was granted QoS 1 and the check needs QoS 2';
  const build = (scenarios: ReturnType<typeof outcome>[]) =>
    buildCertification({ profile: MQTT_3_1_1, target, startedAt: new Date(), scenarios, problems: [] });
  const report = build([
    outcome('qos 1 flow', 'MQTT-4.3.3-1', 'passed'),
    outcome('qos 2 flow', 'MQTT-4.3.3-1', 'inconclusive', lower),
    outcome('connack', 'MQTT-3.2.0-1', 'passed'),
  ]);
  const row = report.rules.find((r) => r.rule === 'MQTT-4.3.3-1');
  assert.equal(row?.verdict, 'inconclusive');
  assert.deepEqual(row?.counts, { pass: 1, fail: 0, inconclusive: 1, 'not applicable': 0, error: 0 });
  assert.equal(row?.evidence[0]?.detail, lower, 'the inconclusive evidence first, with what was missing');
  assert.equal(report.verdict, 'inconclusive');
  assert.equal(report.exitCode, 3);
  assert.equal(report.counts.inconclusive, 1);
  // A failure elsewhere outranks it (exit 1); an error outranks both (exit 2).
  const failed = build([
    outcome('qos 2 flow', 'MQTT-4.3.3-1', 'inconclusive', lower),
    outcome('connack', 'MQTT-3.2.0-1', 'failed', 'AssertionError: [MQTT-3.2.0-1] no CONNACK'),
  ]);
  assert.deepEqual([failed.verdict, failed.exitCode], ['fail', 1]);
  const errored = build([
    outcome('qos 2 flow', 'MQTT-4.3.3-1', 'inconclusive', lower),
    outcome('connack', 'MQTT-3.2.0-1', 'failed', 'AssertionError: [MQTT-3.2.0-1] no CONNACK'),
    outcome('ping', 'MQTT-3.12.4-1', 'error', 'Error: harness bug'),
  ]);
  assert.deepEqual([errored.verdict, errored.exitCode], ['error', 2]);
});
