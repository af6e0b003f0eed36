import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { CertificationReport, RuleRow } from './certification.ts';
import { certificationHtml } from './html-certificate.ts';
import { chromiumPath, NO_CHROMIUM, renderHeadless, visibleText } from './html-chromium.ts';

const HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';

function row(rule: string, verdict: RuleRow['verdict'], detail?: string): RuleRow {
  const counts = { pass: 0, fail: 0, inconclusive: 0, 'not applicable': 0, error: 0, [verdict]: 1 };
  const evidence = {
    kind: 'scenario' as const,
    name: `a scenario about ${rule}`,
    location: 'features/conformance/client-id.feature:19',
    verdict,
    ...(detail ? { detail } : {}),
  };
  return { rule, verdict, counts, evidence: [evidence] };
}

const REPORT: CertificationReport = {
  schema: 'mqtt-harness/certification/v2',
  target: { spec: 'mqtt://vendor:s3cret-pw@broker.example:1883', software: 'mosquitto 2.0.11', p2p: 'none' },
  profile: {
    name: 'aliyun',
    title: 'Message Queue for MQTT',
    limits: {},
    duplicateId: 'refuse',
    auth: 'anonymous',
  },
  startedAt: '2026-11-30T12:00:00.000Z',
  durationMs: 61_500,
  seed: 4242,
  verdict: 'fail',
  exitCode: 1,
  counts: { pass: 1, fail: 1, inconclusive: 1, 'not applicable': 1, error: 1 },
  rules: [
    row('CID-2', 'fail', `[CID-2] a client ID of 65 characters was accepted ${HOSTILE}`),
    row('CID-3', 'pass'),
    row('TOP-3', 'error', 'InfrastructureError: [infrastructure] cannot reach mqtt://u:s3cret-pw@h:1'),
    row(
      'MQTT-4.7.2-1',
      'inconclusive',
      '[MQTT-4.7.2-1] inconclusive: the control subscriber received nothing from mqtt://u:s3cret-pw@h:1',
    ),
    row('QCS-4', 'not applicable', 'under the mqtt-3.1.1 profile'),
  ],
  limits: [
    {
      limit: 'client ID length (CID-2)',
      declared: '64 characters',
      measured: '≥ 65535 characters (search capped)',
      note: 'search over CONNECT',
    },
  ],
  notCovered: ['MQM-1'],
  problems: [],
};

const scratch = mkdtempSync(path.join(os.tmpdir(), 'mqtt-harness-cert-html-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test('the certificate is one self-contained page: no script, no external asset, no secret', () => {
  const html = certificationHtml(REPORT);
  assert.doesNotMatch(html, /<script/i, 'a script in the page (or an unescaped one from the evidence)');
  assert.doesNotMatch(
    html,
    /<(img|link|iframe|object|embed)\b|\ssrc="|href="(?!#)|@import|url\(/i,
    'an external asset',
  );
  assert.doesNotMatch(html, /s3cret-pw/, 'a password reached the page');
  assert.match(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; &lt;img/);
  assert.match(html, /<style>[\s\S]*@media print/);
});

test('every rule appears with its text and verdict; failing evidence is open, passing evidence on demand', () => {
  const html = certificationHtml(REPORT);
  for (const rule of REPORT.rules)
    assert.match(html, new RegExp(`id="rule-${rule.rule}" class="v-${rule.verdict.replace(' ', '-')}"`));
  assert.match(html, /A client ID is at most 64 characters/);
  assert.equal(
    (html.match(/<details open>/g) ?? []).length,
    3,
    'the fail, the inconclusive and the error row',
  );
  assert.equal((html.match(/<details>/g) ?? []).length, 2, 'the pass and the not-applicable row');
});

test(
  'headless Chromium renders the certificate: verdict, target, rules, limits beside the declared ones',
  { skip: chromiumPath() ? false : NO_CHROMIUM },
  async () => {
    const file = path.join(scratch, 'certificate.html');
    const png = path.join(scratch, 'certificate.png');
    writeFileSync(file, certificationHtml(REPORT));
    const text = visibleText(
      await renderHeadless(file, '', {
        until: (shown) => shown.includes('Not covered'),
        screenshot: png,
        height: 1800,
      }),
    );
    assert.match(
      text,
      /FAIL MQTT broker certification: mqtt:\/\/vendor:\*\*\*@broker\.example:1883 × aliyun/,
    );
    assert.match(text, /1 rules pass, 1 fail, 1 inconclusive, 1 error, 1 not applicable/);
    assert.match(text, /\? inconclusive/);
    for (const rule of ['CID-2', 'CID-3', 'TOP-3', 'QCS-4', 'MQTT-4.7.2-1'])
      assert.ok(text.includes(rule), `${rule} is not shown`);
    assert.match(text, /✘ fail/);
    assert.match(text, /client ID length \(CID-2\) 64 characters ≥ 65535 characters \(search capped\)/);
    assert.match(text, /Property seed 4242/);
    assert.ok(text.includes(HOSTILE), 'the hostile evidence is shown as text');
    assert.ok(statSync(png).size > 20_000, 'the screenshot is (nearly) empty');
  },
);
