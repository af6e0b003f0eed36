import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateJUnit } from './junit-schema.ts';
import { junitXml, type JUnitRun } from './junit.ts';
import { scenarioCases } from './junit-cases.ts';

const RUN: JUnitRun = {
  name: 'mqtt-harness run embedded × aliyun',
  startedAt: new Date('2026-11-30T12:00:00.123Z'),
  properties: { target: 'embedded', profile: 'aliyun' },
  cases: scenarioCases(
    [
      { name: 'a', location: 'features/c.feature:3', rules: ['CID-2'], verdict: 'passed', durationMs: 12 },
      {
        name: 'b <&> "quoted"\u0000\ud800',
        location: 'features/c.feature:9',
        rules: ['CID-2', 'MQTT-3.1.3-8'],
        verdict: 'failed',
        reason: 'AssertionError: [CID-2] a client ID of 65 characters was accepted',
      },
      {
        name: 'c',
        location: 'features/t.feature:4',
        rules: ['MQTT-3.3.1-1'],
        verdict: 'error',
        reason: 'InfrastructureError: [infrastructure] broker went away at 2026-11-30T12:00:01Z',
      },
      {
        name: 'e',
        location: 'features/t.feature:6',
        rules: ['MQTT-3.3.1-1'],
        verdict: 'inconclusive',
        reason: 'PreconditionFailed: inconclusive: "sub" was granted QoS 1 and the check needs QoS 2',
      },
      {
        name: 'd',
        location: 'features/t.feature:8',
        rules: ['P2P-1'],
        verdict: 'skipped',
        notApplicable: 'no P2P mode',
      },
    ],
    ['broker went away at 2026-11-30T12:00:01Z: a fresh connection failed'],
  ),
};

test('the JUnit file validates against JUnit.xsd and keeps failures, errors and not-applicable apart', async () => {
  const xml = junitXml(RUN);
  const { valid, errors } = await validateJUnit(xml);
  assert.ok(valid, `${errors.join('\n')}\n${xml}`);
  const cid = /<testsuite package="CID"[^>]*>/.exec(xml)?.[0] ?? '';
  assert.match(cid, /tests="2" failures="1" errors="0"/);
  assert.match(xml, /<testsuite package="MQTT-3.1.1"[^>]*tests="1" failures="0" errors="1"/);
  assert.match(
    xml,
    /<error message="InfrastructureError: \[infrastructure\] broker went away[^"]*" type="InfrastructureError">/,
  );
  assert.match(xml, /<failure message="AssertionError: \[CID-2\][^"]*" type="AssertionError">/);
  // Not applicable is never a pass: it is no testcase, but a line of its suite's output.
  assert.match(xml, /<testsuite package="P2P"[^>]*tests="0"/);
  assert.match(
    xml,
    /<system-out>skipped: d \(features\/t.feature:8\): not applicable: no P2P mode<\/system-out>/,
  );
  assert.match(
    xml,
    /<property name="b &lt;&amp;&gt; &quot;quoted&quot;\uFFFD\uFFFD \(features\/c.feature:9\)" value="CID-2 MQTT-3.1.3-8"\/>/,
  );
  // Inconclusive is neither a failure nor an error (the MQTT-3.1.1 suite's one error is "c"): skipped, with why.
  assert.match(
    xml,
    /skipped: e \(features\/t.feature:6\): PreconditionFailed: inconclusive: "sub" was granted QoS 1/,
  );
  assert.match(xml, /<testsuite package="run"[^>]*errors="1"/);
  assert.match(xml, /timestamp="2026-11-30T12:00:00"/);
});

test('the validator is real: a JUnit file without its properties element is refused', async () => {
  const broken = junitXml(RUN).replace(/ {4}<properties>[\s\S]*?<\/properties>\n/, '');
  const { valid, errors } = await validateJUnit(broken);
  assert.equal(valid, false);
  assert.match(errors.join('\n'), /properties/);
});
