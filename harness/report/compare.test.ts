import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../errors.ts';
import { ALIYUN } from '../profiles/aliyun.ts';
import { MQTT_3_1_1 } from '../profiles/mqtt-3.1.1.ts';
import type { Profile } from '../profiles/profile.ts';
import { buildCertification } from './certification-builder.ts';
import type { CertificationReport } from './certification.ts';
import { compareReports, comparisonLines, comparisonMarkdown, parseReport, unchanged } from './compare.ts';
import type { ScenarioVerdict } from './run-summary.ts';

const limit = (value: number) => ({ value, capped: false, how: 'search from below' });

/** A report over scenarios, each `[rule, verdict]`, with a measured client-ID limit. */
function report(
  profile: Profile,
  spec: string,
  rows: [string, ScenarioVerdict][],
  clientIds = 64,
): CertificationReport {
  return buildCertification({
    profile,
    target: { spec, capabilities: { software: 'test', p2p: 'none' } },
    startedAt: new Date('2026-11-30T12:00:00Z'),
    scenarios: rows.map(([rule, verdict], i) => ({
      outcome: {
        name: `scenario ${i}`,
        location: `features/x.feature:${i + 1}`,
        rules: [rule],
        verdict,
        ...(verdict === 'failed' ? { reason: `AssertionError: [${rule}] broke it` } : {}),
        ...(verdict === 'error' ? { reason: 'InfrastructureError: [infrastructure] gone' } : {}),
        ...(verdict === 'inconclusive' ? { reason: 'PreconditionFailed: inconclusive: granted QoS 1' } : {}),
      },
      tags: [`@${rule}`],
    })),
    limits: {
      clientIdLength: limit(clientIds),
      topicLength: limit(64),
      payloadBytes: limit(65_536),
      subscriptionsPerClient: limit(30),
      duplicateId: 'refuse',
      robustness: { probes: 3 },
    },
    problems: [],
  });
}

const before = report(ALIYUN, 'embedded', [
  ['CID-2', 'passed'],
  ['CID-3', 'failed'],
  ['TOP-3', 'passed'],
  ['MQTT-3.1.3-8', 'passed'],
]);

test('a report compared with itself lists nothing', () => {
  const same = compareReports(before, before);
  assert.ok(unchanged(same));
  assert.match(comparisonLines(same).at(-1) ?? '', /^0 regressions, 0 fixes/);
});

test('pass → fail is a regression, fail → pass a fix; added and removed rules and changed limits are listed', () => {
  const after = report(
    ALIYUN,
    'embedded:fault:accept-long-client-id',
    [
      ['CID-2', 'failed'],
      ['CID-3', 'passed'],
      ['TOP-3', 'error'],
      ['MQTT-3.1.3-8', 'inconclusive'],
      ['PUB-1', 'passed'],
    ],
    65_535,
  );
  const c = compareReports(before, after);
  assert.deepEqual(
    c.regressions.map((x) => `${x.rule} ${x.before}→${x.after}`),
    ['CID-2 pass→fail', 'TOP-3 pass→error', 'MQTT-3.1.3-8 pass→inconclusive'],
  );
  assert.match(c.regressions[0]?.why ?? '', /\[CID-2\] broke it/);
  assert.deepEqual(
    c.fixes.map((x) => x.rule),
    ['CID-3'],
  );
  assert.deepEqual(c.added, [{ rule: 'PUB-1', verdict: 'pass' }]);
  assert.deepEqual(c.removed, []);
  assert.deepEqual(compareReports(after, before).removed, [{ rule: 'PUB-1', verdict: 'pass' }]);
  assert.deepEqual(
    compareReports(after, before).fixes.map((x) => `${x.rule} ${x.before}→${x.after}`),
    ['CID-2 fail→pass', 'TOP-3 error→pass', 'MQTT-3.1.3-8 inconclusive→pass'],
  );
  assert.deepEqual(c.limits, [
    {
      limit: 'client ID length (CID-2)',
      what: 'measured',
      before: '64 characters',
      after: '65535 characters',
    },
  ]);
  const md = comparisonMarkdown(c);
  assert.match(
    md,
    /## Regressions \(pass → fail, error or inconclusive\)\n\n\| Rule \| Before \| After \| Why \|\n\|---\|---\|---\|---\|\n\| CID-2 \| pass \| fail \|/,
  );
});

test('reports of different profiles or schemas, and files that are no report, are refused with one line', () => {
  const plain = report(MQTT_3_1_1, 'embedded', [['MQTT-3.1.3-8', 'passed']]);
  assert.throws(
    () => compareReports(before, plain),
    (e: unknown) => e instanceof UsageError && /different profiles \(aliyun, mqtt-3.1.1\)/.test(e.message),
  );
  const old = JSON.stringify({ ...before, schema: 'mqtt-harness/certification/v0' });
  assert.throws(() => parseReport(old, 'old.json'), /old.json has schema "mqtt-harness\/certification\/v0"/);
  assert.throws(() => parseReport('{', 'x.json'), /x.json is not JSON/);
  assert.throws(() => parseReport('{"a":1}', 'y.json'), /y.json is not a certification report/);
  assert.equal(parseReport(JSON.stringify(before), 'a.json').rules.length, before.rules.length);
  // An accepted v1 report (no inconclusive verdict yet) still gates a v2 one.
  const v1 = parseReport(JSON.stringify({ ...before, schema: 'mqtt-harness/certification/v1' }), 'v1.json');
  assert.deepEqual(compareReports(v1, before).regressions, []);
});
