import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Envelope, TestStepResultStatus } from '@cucumber/messages';
import { InfrastructureError } from '../errors.ts';
import { preconditionFailed } from '../expectation.ts';
import { BROKER_GONE, namedRules, RunSummary } from './run-summary.ts';

function scenario(
  summary: RunSummary,
  id: string,
  tags: string[],
  statuses: [`${TestStepResultStatus}`, string?, string?][],
  logs: string[] = [],
) {
  const envelopes = [
    {
      pickle: {
        id: `p${id}`,
        name: `scenario ${id}`,
        uri: 'features/x.feature',
        astNodeIds: [],
        tags: tags.map((name) => ({ name, astNodeId: '' })),
        steps: [],
        language: 'en',
      },
    },
    { testCase: { id: `t${id}`, pickleId: `p${id}`, testSteps: [], testRunStartedId: 'r' } },
    {
      testCaseStarted: {
        id: `s${id}`,
        testCaseId: `t${id}`,
        attempt: 0,
        timestamp: { seconds: 0, nanos: 0 },
      },
    },
    ...statuses.map(([status, message, exceptionType]) => ({
      testStepFinished: {
        testCaseStartedId: `s${id}`,
        testStepId: 'x',
        testStepResult: {
          status,
          duration: { seconds: 0, nanos: 0 },
          ...(message ? { message } : {}),
          ...(exceptionType ? { exception: { type: exceptionType, message } } : {}),
        },
        timestamp: { seconds: 0, nanos: 0 },
      },
    })),
    ...logs.map((body) => ({
      attachment: { testCaseStartedId: `s${id}`, mediaType: 'text/x.cucumber.log+plain', body },
    })),
    {
      testCaseFinished: {
        testCaseStartedId: `s${id}`,
        willBeRetried: false,
        timestamp: { seconds: 0, nanos: 0 },
      },
    },
  ];
  for (const envelope of envelopes) summary.accept(envelope as unknown as Envelope);
}

test('an all-passing run exits 0', () => {
  const summary = new RunSummary();
  scenario(summary, '1', ['@MQTT-3.1.1', '@MQTT-3.3.1-5'], [['PASSED'], ['PASSED']]);
  assert.equal(summary.count('passed'), 1);
  assert.deepEqual(summary.outcomes[0]?.rules, ['MQTT-3.3.1-5']);
  assert.equal(summary.exitCode, 0);
});

test('a failed assertion is a rule failure (exit 1), named with its rule IDs', () => {
  const summary = new RunSummary();
  scenario(summary, '1', ['@CID-2'], [['PASSED']]);
  scenario(
    summary,
    '2',
    ['@CID-2'],
    [['PASSED'], ['FAILED', 'AssertionError: "a" was refused\n    at x', 'AssertionError'], ['SKIPPED']],
  );
  assert.equal(summary.count('failed'), 1);
  assert.equal(summary.outcomes[1]?.reason, 'AssertionError: "a" was refused');
  assert.deepEqual(summary.outcomes[1]?.rules, ['CID-2']);
  assert.equal(summary.exitCode, 1);
});

test('an infrastructure problem or an undefined step is an error (exit 2), never a rule failure', () => {
  const infra = new RunSummary();
  scenario(infra, '1', [], [['FAILED', new InfrastructureError('broker gone').message]]);
  assert.equal(infra.count('error'), 1);
  assert.equal(infra.count('failed'), 0);
  assert.equal(infra.exitCode, 2);

  const harnessBug = new RunSummary();
  scenario(harnessBug, '1', ['@CID-2'], [['FAILED', 'TypeError: x is undefined', 'TypeError']]);
  assert.equal(harnessBug.count('error'), 1, 'a thrown TypeError proves nothing about CID-2');

  const undefinedStep = new RunSummary();
  scenario(undefinedStep, '1', [], [['UNDEFINED']]);
  assert.equal(undefinedStep.count('error'), 1);
  assert.equal(undefinedStep.exitCode, 2);
});

test('a run with no scenario at all is an error, not a pass', () => {
  assert.equal(new RunSummary().exitCode, 2);
});

test('a known deviation that fails is reported as such; one that passes makes the list stale', () => {
  const deviation = {
    rule: 'MQTT-3.3.5-1',
    scenario: 'scenario 1',
    observed: 'QoS 0 copy only',
    failure: 'it received .* \\(QoS 0',
  };
  const failing = new RunSummary([deviation]);
  scenario(
    failing,
    '1',
    ['@MQTT-3.3.5-1'],
    [['FAILED', 'AssertionError: it received "m" (QoS 0)', 'AssertionError']],
  );
  assert.equal(failing.count('known-deviation'), 1);
  assert.equal(failing.count('failed'), 0);
  assert.equal(failing.exitCode, 2, 'nothing passed, so the run proves nothing');

  const stale = new RunSummary([deviation]);
  scenario(stale, '1', ['@MQTT-3.3.5-1'], [['PASSED']]);
  assert.deepEqual(stale.staleDeviations, [deviation]);
  assert.equal(stale.exitCode, 1);

  const otherFailure = new RunSummary([deviation]);
  scenario(
    otherFailure,
    '1',
    ['@MQTT-3.3.5-1'],
    [['FAILED', 'AssertionError: it received nothing', 'AssertionError']],
  );
  assert.equal(otherFailure.count('failed'), 1, 'failing another way than the listed one is a real failure');

  const brokenNotDeviating = new RunSummary([deviation]);
  scenario(brokenNotDeviating, '1', [], [['FAILED', new InfrastructureError('gone').message]]);
  assert.equal(
    brokenNotDeviating.count('error'),
    1,
    'an infrastructure error is never excused as a deviation',
  );
});

test('a failure met on a broker found gone right after it is an error saying so, never a rule failure', () => {
  const summary = new RunSummary();
  const gone = 'broker went away at 2026-01-01T00:00:00.000Z: a fresh connection failed: ECONNREFUSED';
  scenario(
    summary,
    '1',
    ['@CID-2'],
    [['PASSED'], ['FAILED', '[CID-2] was refused', 'AssertionError']],
    [`${BROKER_GONE}${gone}`],
  );
  // The same failure with the broker still there stays a failure.
  scenario(summary, '2', ['@CID-2'], [['FAILED', '[CID-2] was refused', 'AssertionError']]);
  assert.equal(summary.outcomes[0]?.verdict, 'error');
  assert.equal(summary.outcomes[0]?.reason, `${gone} (the scenario had ended with: [CID-2] was refused)`);
  assert.equal(summary.outcomes[1]?.verdict, 'failed');
  assert.equal(summary.exitCode, 2);
});
test('an unmet precondition (preconditionFailed) is inconclusive: neither a failure nor an error', () => {
  const summary = new RunSummary();
  const inconclusive = preconditionFailed('the control subscriber received nothing', 'MQTT-4.7.2-1');
  // Even reported with an assertion's type, a message starting "inconclusive:" stays inconclusive.
  scenario(summary, '1', ['@MQTT-4.7.2-1'], [['FAILED', inconclusive.stack, 'AssertionError']]);
  scenario(summary, '2', ['@MQTT-4.7.2-1'], [['FAILED', inconclusive.stack, inconclusive.constructor.name]]);
  assert.equal(summary.count('inconclusive'), 2);
  assert.equal(summary.count('error'), 0);
  assert.equal(summary.count('failed'), 0);
  assert.match(summary.outcomes[0]?.reason ?? '', /^PreconditionFailed: \[MQTT-4\.7\.2-1\] inconclusive: /);
  // Nothing passed: nothing was judged, so the run is an error (exit 2), not merely inconclusive.
  assert.equal(summary.exitCode, 2);
  scenario(summary, '3', ['@MQTT-3.3.1-4'], [['PASSED']]);
  assert.equal(summary.exitCode, 3, 'passes and inconclusive scenarios, no failure: exit 3');
  scenario(
    summary,
    '4',
    ['@MQTT-3.3.1-5'],
    [['FAILED', 'AssertionError: [MQTT-3.3.1-5] x', 'AssertionError']],
  );
  assert.equal(summary.exitCode, 1, 'a failure outranks inconclusive');
  scenario(summary, '5', ['@MQTT-3.3.1-6'], [['FAILED', 'Error: harness bug', 'Error']]);
  assert.equal(summary.exitCode, 2, 'an error outranks a failure');
});

test('a failure that names one of its scenario rules fails that rule only', () => {
  const summary = new RunSummary();
  const tags = ['@MQTT-3.3.1-1', '@MQTT-4.4.0-1'];
  const message = 'AssertionError [ERR_ASSERTION]: [MQTT-4.4.0-1] "order 1" was not re-sent';
  scenario(summary, '1', tags, [['FAILED', message, 'AssertionError']]);
  scenario(summary, '2', tags, [['FAILED', 'AssertionError: "a" was refused', 'AssertionError']]);
  assert.deepEqual(summary.outcomes[0]?.rulesNamed, ['MQTT-4.4.0-1']);
  assert.equal(summary.outcomes[1]?.rulesNamed, undefined);
  assert.deepEqual(namedRules('AssertionError: [MQTT-9.9.9-9] x', ['MQTT-4.4.0-1']), undefined);
  assert.deepEqual(namedRules('[MQTT-3.3.1-1 MQTT-4.4.0-1] x', ['MQTT-3.3.1-1', 'MQTT-4.4.0-1']), undefined);
});
