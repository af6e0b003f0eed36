import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { UsageError } from '../harness/errors.ts';
import { ALIYUN } from '../harness/profiles/aliyun.ts';
import { MQTT_3_1_1 } from '../harness/profiles/mqtt-3.1.1.ts';
import type { Profile } from '../harness/profiles/profile.ts';
import { buildCertification } from '../harness/report/certification-builder.ts';
import { compareCommand } from './commands/compare.ts';

async function reportFile(dir: string, name: string, profile: Profile, verdict: 'passed' | 'failed') {
  const report = buildCertification({
    profile,
    target: { spec: name, capabilities: { software: 'reference', p2p: 'none' } },
    startedAt: new Date(),
    scenarios: [
      {
        outcome: {
          name: 'a client ID of limit + 1 ASCII characters: the broker refuses it',
          location: 'features/conformance/client-id.feature:18',
          rules: ['CID-2'],
          verdict,
          ...(verdict === 'failed' ? { reason: 'AssertionError: [CID-2] client ID … was accepted' } : {}),
        },
        tags: ['@CID-2'],
      },
    ],
    problems: [],
  });
  const file = path.join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(report));
  return file;
}

test('compare: exit 1 and the rule on a regression, 0 for a report with itself, a usage error across profiles', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'mqtt-harness-compare-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const lines: string[] = [];
  t.mock.method(console, 'log', (line: string) => void lines.push(line));
  const before = await reportFile(dir, 'embedded', ALIYUN, 'passed');
  const after = await reportFile(dir, 'faulty', ALIYUN, 'failed');
  const md = path.join(dir, 'out/compare.md');
  assert.equal(await compareCommand([before, after, '--md', md]), 1);
  assert.ok(
    lines.some((line) => /^REGRESSION +CID-2 +pass → fail/.test(line)),
    lines.join('\n'),
  );
  assert.match(await readFile(md, 'utf8'), /\| CID-2 \| pass \| fail \|/);
  lines.length = 0;
  assert.equal(await compareCommand([before, before]), 0);
  assert.deepEqual(lines.slice(1), [
    '0 regressions, 0 fixes, 0 other changes, 0 rules added, 0 removed, 0 limit changes',
  ]);
  const plain = await reportFile(dir, 'plain', MQTT_3_1_1, 'passed');
  await assert.rejects(
    compareCommand([before, plain]),
    (e: unknown) => e instanceof UsageError && /different profiles/.test(e.message),
  );
  await assert.rejects(compareCommand([before]), UsageError);
  await assert.rejects(
    compareCommand([before, path.join(dir, 'missing.json')]),
    /cannot read .*missing.json \(ENOENT\)/,
  );
});
