import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InfrastructureError } from '../errors.ts';
import { preconditionFailed } from '../expectation.ts';
import { buildCertification } from '../report/certification-builder.ts';
import { MQTT_3_1_1 } from '../profiles/mqtt-3.1.1.ts';
import { failedProperty, PropertyMismatch } from './property-result.ts';

const base = { name: 'session model', rules: ['QCS-1', 'QCS-2', 'MQTT-3.1.2-4'], runs: 7, seed: 42 };

test('a failed property: a mismatch fails its rule, an unmet precondition is inconclusive, anything else an error', () => {
  const mismatch = failedProperty(base, new PropertyMismatch('QCS-2', 'kept'), '[]', '0:1', 'model run');
  assert.deepEqual([mismatch.verdict, mismatch.rule], ['fail', 'QCS-2']);
  const lower = preconditionFailed('"sub" was granted QoS 1 and the check needs QoS 2', 'QCS-1');
  const inconclusive = failedProperty(base, lower, '[]', '0:1', 'model run');
  assert.equal(inconclusive.verdict, 'inconclusive');
  assert.match(inconclusive.detail ?? '', /^\[QCS-1\] inconclusive: "sub" was granted QoS 1/);
  const gone = new InfrastructureError('broker went away');
  assert.equal(failedProperty(base, gone, '[]', undefined, 'model run').verdict, 'error');
  assert.equal(failedProperty(base, new Error('bug'), '[]', undefined, 'model run').verdict, 'error');
  // In a certification: inconclusive about the rule it names only, not every rule the property meant to check.
  const report = buildCertification({
    profile: MQTT_3_1_1,
    target: { spec: 'x', capabilities: { software: 'x', p2p: 'none' } },
    startedAt: new Date(),
    properties: [inconclusive],
    problems: [],
  });
  assert.deepEqual(
    report.rules.map((row) => `${row.rule} ${row.verdict}`),
    ['QCS-1 inconclusive'],
  );
});
