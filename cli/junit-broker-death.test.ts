import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { validateJUnit } from '../harness/report/junit-schema.ts';
import { runCommand } from './commands/run.ts';
import { brokerThatDies } from './fixtures/broker-that-dies.ts';
import { ownPath, inScratchDirectory } from './fixtures/scratch-directory.ts';

// Its own file, so its own process: cucumber's support code loads once per process (cli/cucumber-runner.ts).

test('run --junit: a broker that went away mid-run gives <error>s, never <failure>s', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'mqtt-harness-junit-'));
  const broker = await brokerThatDies(5);
  t.after(async () => {
    await broker.close();
    await rm(dir, { recursive: true, force: true });
  });
  const file = path.join(dir, 'junit.xml');
  t.mock.method(console, 'log', () => {});
  t.mock.method(console, 'error', () => {});
  // Its reports in a scratch directory of its own: CLI tests never share reports/.
  const code = await inScratchDirectory('junit-broker-death', () =>
    runCommand([
      '--broker',
      broker.url,
      '--profile',
      'aliyun',
      '--tags',
      '@CID-2',
      ownPath('features'),
      '--junit',
      file,
    ]),
  );
  t.mock.restoreAll();
  assert.ok(broker.dead());
  assert.equal(code, 2);
  const xml = await readFile(file, 'utf8');
  const { valid, errors } = await validateJUnit(xml);
  assert.ok(valid, errors.join('\n'));
  assert.match(xml, /<testsuite package="CID"[^>]* failures="0" errors="[1-9]\d*"/);
  assert.match(xml, /<error message="[^"]*broker went away at [^"]*" type="InfrastructureError">/);
  assert.match(xml, /<testsuite package="run"[^>]* errors="1"/, 'the run problem is an error of its own');
  assert.doesNotMatch(xml, /<failure /);
});
