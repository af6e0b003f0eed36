import assert from 'node:assert/strict';
import { test } from 'node:test';
import { preconditionFailed } from '../expectation.ts';
import { PropertyMismatch } from './property-result.ts';
import { MQTT_3_1_1 } from '../profiles/mqtt-3.1.1.ts';
import { buildCertification } from '../report/certification-builder.ts';
import { UnjudgedCases } from './unjudged-cases.ts';

const base = { name: 'session model', rules: ['QCS-1', 'QCS-2'], runs: 3, seed: 7 };
const closedOnQos2 = () =>
  Promise.reject(
    preconditionFailed('the broker closed the connection without answering the QoS 2 PUBLISH', 'QCS-1'),
  );

test('a case the broker left unjudged is skipped; the others are still judged, and a mismatch still fails', async () => {
  const unjudged = new UnjudgedCases();
  assert.equal(await unjudged.unlessInconclusive(() => Promise.resolve(), 0, ['QCS-2']), true);
  // Finished out of order: the reason reported is that of the first case in case order (index 3).
  const second = () => Promise.reject(preconditionFailed('a later case, finished first', 'QCS-1'));
  assert.equal(await unjudged.unlessInconclusive(second, 7, ['QCS-1']), false);
  assert.equal(await unjudged.unlessInconclusive(closedOnQos2, 3, ['QCS-1', 'MQTT-4.3.3-1']), false);
  await assert.rejects(
    unjudged.unlessInconclusive(() => Promise.reject(new PropertyMismatch('QCS-2', 'kept')), 4, ['QCS-2']),
    PropertyMismatch,
  );
  const result = unjudged.verdict(base, new Set(['QCS-2']));
  assert.equal(result.verdict, 'pass');
  assert.deepEqual(result.exercised, ['QCS-2']);
  // What was never judged is not passed: its rules are inconclusive in the report.
  assert.deepEqual(result.unjudged?.rules, ['QCS-1', 'MQTT-4.3.3-1']);
  assert.match(
    result.unjudged?.detail ?? '',
    /^2 case\(s\) left unjudged by the broker, the first: \[QCS-1\] inconclusive: the broker closed/,
  );
  const report = buildCertification({
    profile: MQTT_3_1_1,
    target: { spec: 'x', capabilities: { software: 'x', p2p: 'none' } },
    startedAt: new Date(),
    properties: [result],
    problems: [],
  });
  assert.deepEqual(
    report.rules.map((row) => `${row.rule} ${row.verdict}`),
    ['QCS-1 inconclusive', 'QCS-2 pass', 'MQTT-4.3.3-1 inconclusive'],
  );
});

test('no case judged at all is inconclusive; none left unjudged is a plain pass', async () => {
  const none = new UnjudgedCases();
  await none.unlessInconclusive(closedOnQos2, 0, ['QCS-1']);
  const result = none.verdict(base, new Set());
  assert.equal(result.verdict, 'inconclusive');
  assert.match(
    result.detail ?? '',
    /^1 case\(s\) left unjudged by the broker, the first: \[QCS-1\] inconclusive: /,
  );
  const all = new UnjudgedCases();
  await all.unlessInconclusive(() => Promise.resolve(), 0, ['QCS-1']);
  assert.deepEqual(all.verdict(base, new Set(['QCS-1'])), { ...base, verdict: 'pass', exercised: ['QCS-1'] });
});
