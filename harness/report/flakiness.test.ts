import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CertificationReport, RuleRow } from './certification.ts';
import type { RuleVerdict } from './verdicts.ts';
import { compareCertifications, flakinessLines, flakinessMarkdown } from './flakiness.ts';

function row(rule: string, verdict: RuleVerdict, detail = ''): RuleRow {
  const counts = { pass: 0, fail: 0, inconclusive: 0, 'not applicable': 0, error: 0, [verdict]: 1 };
  return { rule, verdict, counts, evidence: [{ kind: 'property', name: 'model', verdict, detail }] };
}

function report(rows: RuleRow[]): CertificationReport {
  const verdict = rows.some((r) => r.verdict === 'fail') ? 'fail' : 'pass';
  return {
    schema: 'mqtt-harness/certification/v2',
    target: { spec: 'process:x', software: 'x' },
    profile: { name: 'mqtt-3.1.1', title: '', limits: {}, duplicateId: 'record', auth: 'anonymous' },
    startedAt: '2026-01-01T00:00:00Z',
    durationMs: 1000,
    seed: 42,
    verdict,
    exitCode: verdict === 'fail' ? 1 : 0,
    counts: { pass: 0, fail: 0, inconclusive: 0, 'not applicable': 0, error: 0 },
    rules: rows,
    limits: [],
    notCovered: [],
    problems: [],
  } as CertificationReport;
}

test('identical certifications are stable, even when a rule fails every time', () => {
  const runs = [1, 2, 3].map(() => report([row('QCS-1', 'pass'), row('MQTT-3.3.5-1', 'fail')]));
  const flakiness = compareCertifications(runs, 'restarted');
  assert.equal(flakiness.stable, true);
  assert.deepEqual(
    flakiness.rules.map((r) => r.changed),
    [false, false],
  );
  assert.match(flakinessLines(flakiness).at(-1) ?? '', /^STABLE/);
});

test('a rule whose verdict changes (or that is absent once) is reported with each run’s evidence', () => {
  const flakiness = compareCertifications(
    [
      report([row('QCS-1', 'pass'), row('CID-1', 'pass')]),
      report([row('QCS-1', 'fail', '"m3" reached the subscriber 1 times'), row('CID-1', 'pass')]),
      report([row('QCS-1', 'pass')]),
    ],
    'restarted',
  );
  assert.equal(flakiness.stable, false);
  const [first, second] = flakiness.rules;
  assert.equal(first?.rule, 'QCS-1');
  assert.deepEqual(first?.verdicts, ['pass', 'fail', 'pass']);
  assert.match(first?.details[1] ?? '', /run 2: fail — model: "m3" reached/);
  assert.deepEqual(second?.verdicts, ['pass', 'pass', 'absent']);
  assert.equal(second?.changed, true);
  assert.match(flakinessLines(flakiness).join('\n'), /CHANGED +QCS-1 +PFP/);
  assert.match(flakinessMarkdown(flakiness), /\| QCS-1 \| \*\*yes\*\* \| pass \| fail \| pass \|/);
});
