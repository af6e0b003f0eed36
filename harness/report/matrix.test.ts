import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MQTT_3_1_1 } from '../profiles/mqtt-3.1.1.ts';
import { buildCertification } from './certification-builder.ts';
import type { CertificationReport } from './certification.ts';
import { buildMatrix, matrixDisagreements } from './matrix.ts';
import { matrixHtml, matrixMarkdown } from './matrix-render.ts';
import type { ScenarioVerdict } from './run-summary.ts';

function report(spec: string, rows: [string, ScenarioVerdict][]): CertificationReport {
  return buildCertification({
    profile: MQTT_3_1_1,
    target: { spec, capabilities: { software: `${spec} 1.0`, p2p: 'none' } },
    startedAt: new Date('2026-11-30T12:00:00Z'),
    scenarios: rows.map(([rule, verdict], i) => ({
      outcome: {
        name: `scenario ${i}`,
        location: `features/x.feature:${i + 1}`,
        rules: [rule],
        verdict,
        ...(verdict === 'failed' ? { reason: `AssertionError: [${rule}] | broke it\nsecond line` } : {}),
        ...(verdict === 'error' ? { reason: 'InfrastructureError: [infrastructure] gone' } : {}),
      },
      tags: [`@${rule}`],
    })),
    problems: [],
  });
}

const reports = [
  report('embedded', [
    ['MQTT-3.1.3-8', 'passed'],
    ['MQTT-3.3.1-1', 'passed'],
    ['ROB-1', 'passed'],
  ]),
  report('embedded:plain', [
    ['MQTT-3.1.3-8', 'failed'],
    ['MQTT-3.3.1-1', 'error'],
  ]),
];

test('the matrix agrees with every broker report, grouped by area, and takes the worst exit code', () => {
  const matrix = buildMatrix('mqtt-3.1.1', new Date(), [
    { target: 'embedded', report: reports[0] as CertificationReport, file: 'embedded-mqtt-3.1.1' },
    {
      target: 'embedded:plain',
      report: reports[1] as CertificationReport,
      file: 'embedded-plain-mqtt-3.1.1',
    },
  ]);
  assert.deepEqual(matrixDisagreements(matrix, reports), []);
  const lying = { ...matrix, exitCode: 1 as const, areas: matrix.areas.slice(1) };
  assert.deepEqual(matrixDisagreements(lying, reports), [
    'ROB-1: no row in the matrix',
    "exit code 1, the worst report's is 2",
  ]);
  assert.deepEqual(
    matrix.areas.map((a) => a.area),
    ['ROB', 'MQTT-3.1.1'],
  );
  const cid = matrix.areas[1]?.rows.find((r) => r.rule === 'MQTT-3.1.3-8');
  assert.deepEqual(cid?.cells[1], {
    verdict: 'fail',
    reason: 'AssertionError: [MQTT-3.1.3-8] | broke it',
    evidence: 'embedded-plain-mqtt-3.1.1.md#rule-mqtt-3.1.3-8',
  });
  assert.equal(matrix.areas[0]?.rows[0]?.cells[1]?.verdict, 'absent');
  assert.equal(matrix.exitCode, 2);
  const md = matrixMarkdown(matrix);
  assert.match(
    md,
    /\| MQTT-3.1.3-8 \| .+ \| \[✅ pass\]\(embedded-mqtt-3.1.1.md\) \| \[❌ fail\]\(embedded-plain-mqtt-3.1.1.md#rule-mqtt-3.1.3-8\): AssertionError: \[MQTT-3.1.3-8\] \\\| broke it \|/,
  );
  const html = matrixHtml(matrix);
  assert.match(html, /<a href="embedded-plain-mqtt-3.1.1.md#rule-mqtt-3.1.3-8">✗ fail<\/a>/);
  assert.doesNotMatch(html, /<(script|link)|src=/, 'self-contained');
});

test('a broker that wrote no report is an error column and the matrix exits 2', () => {
  const matrix = buildMatrix('mqtt-3.1.1', new Date(), [
    { target: 'embedded', report: reports[0] as CertificationReport, file: 'embedded-mqtt-3.1.1' },
    { target: 'process:mosquitto', missing: 'its certification wrote no report (exit 2)' },
  ]);
  assert.equal(matrix.exitCode, 2);
  assert.deepEqual(matrix.columns[1], {
    target: 'process:mosquitto',
    software: 'unknown',
    verdict: 'error',
    exitCode: 2,
    problems: ['its certification wrote no report (exit 2)'],
  });
  assert.ok(matrix.areas.every((a) => a.rows.every((r) => r.cells[1]?.verdict === 'absent')));
});

test('an inconclusive broker is its own column verdict (exit 3); a failure or an error elsewhere is worse', () => {
  const inconclusive = buildCertification({
    profile: MQTT_3_1_1,
    target: { spec: 'process:nats', capabilities: { software: 'nats 2.9', p2p: 'none' } },
    startedAt: new Date('2026-11-30T12:00:00Z'),
    scenarios: [
      {
        outcome: { name: 'ok', location: 'features/x.feature:1', rules: ['MQTT-3.2.0-1'], verdict: 'passed' },
        tags: ['@MQTT-3.2.0-1'],
      },
      {
        outcome: {
          name: 'qos 2',
          location: 'features/x.feature:2',
          rules: ['MQTT-4.3.3-1'],
          verdict: 'inconclusive',
          reason: 'PreconditionFailed: inconclusive: "sub" was granted QoS 1 and the check needs QoS 2',
        },
        tags: ['@MQTT-4.3.3-1'],
      },
    ],
    problems: [],
  });
  const column = { target: 'process:nats', report: inconclusive, file: 'process-nats-mqtt-3.1.1' };
  const alone = buildMatrix('mqtt-3.1.1', new Date(), [column]);
  assert.deepEqual([alone.columns[0]?.verdict, alone.exitCode], ['inconclusive', 3]);
  const cell = alone.areas[0]?.rows.find((r) => r.rule === 'MQTT-4.3.3-1')?.cells[0];
  assert.deepEqual(cell, {
    verdict: 'inconclusive',
    reason: 'PreconditionFailed: inconclusive: "sub" was granted QoS 1 and the check needs QoS 2',
    evidence: 'process-nats-mqtt-3.1.1.md#rule-mqtt-4.3.3-1',
  });
  assert.match(matrixMarkdown(alone), /❔ inconclusive/);
  assert.deepEqual(matrixDisagreements(alone, [inconclusive]), []);
  const withPass = buildMatrix('mqtt-3.1.1', new Date(), [
    column,
    { target: 'embedded', report: reports[0] as CertificationReport, file: 'embedded-mqtt-3.1.1' },
  ]);
  assert.equal(withPass.exitCode, 3);
  const withError = buildMatrix('mqtt-3.1.1', new Date(), [
    column,
    {
      target: 'embedded:plain',
      report: reports[1] as CertificationReport,
      file: 'embedded-plain-mqtt-3.1.1',
    },
  ]);
  assert.equal(withError.exitCode, 2, 'an error column outranks an inconclusive one, though 3 > 2');
  const failing = report('process:mosquitto', [
    ['MQTT-3.1.3-8', 'failed'],
    ['MQTT-3.2.0-1', 'passed'],
  ]);
  const withFail = buildMatrix('mqtt-3.1.1', new Date(), [
    column,
    { target: 'process:mosquitto', report: failing, file: 'process-mosquitto-mqtt-3.1.1' },
  ]);
  assert.equal(withFail.exitCode, 1, 'a failing column outranks an inconclusive one, though 3 > 1');
});
