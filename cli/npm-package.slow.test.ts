import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { CertificationReport } from '../harness/report/certification.ts';
import { validateJUnit } from '../harness/report/junit-schema.ts';
import { PACKAGE_ROOT } from './package-root.ts';

// Slow (8 min wall, 66 s CPU on a loaded 2-core machine; most of it `npm install` from the npm cache), so it
// is not part of `npm run test:unit`: `npm run test:package` runs it.

function exec(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? 2, output }));
  });
}

/** The installed package's bin, started as its own Node process (so it can be stopped by its PID). */
function harness(project: string, args: string[]) {
  return exec(process.execPath, [path.join(project, 'node_modules/.bin/mqtt-harness'), ...args], project);
}

/** `mqtt-harness broker` from the installed package on a free port; resolves with its URL once it listens. */
function startBroker(project: string): Promise<{ url: string; child: ChildProcess }> {
  const bin = path.join(project, 'node_modules/.bin/mqtt-harness');
  const child = spawn(process.execPath, [bin, 'broker', '--profile', 'mqtt-3.1.1', '--port', '0'], {
    cwd: project,
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (mqtt:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve({ url, child });
    });
    child.on('exit', (code) => reject(new Error(`the broker exited (${code}): ${output}`)));
  });
}

test('npm pack → install into an empty project → certify a broker and run the project’s own feature', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'mqtt-harness-package-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const packed = await exec('npm', ['pack', '--pack-destination', dir], PACKAGE_ROOT);
  assert.equal(packed.code, 0, packed.output);
  const tarball = (await readdir(dir)).find((file) => file.endsWith('.tgz'));
  assert.ok(tarball, packed.output);
  const project = path.join(dir, 'project');
  await mkdir(path.join(project, 'features'), { recursive: true });
  await writeFile(
    path.join(project, 'package.json'),
    '{ "name": "ci-project", "version": "1.0.0", "private": true }\n',
  );
  const installed = await exec(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(dir, tarball)],
    project,
  );
  assert.equal(installed.code, 0, installed.output);

  const broker = await startBroker(project);
  const stopped = new Promise((resolve) => broker.child.once('exit', resolve));
  t.after(async () => {
    broker.child.kill('SIGTERM');
    await stopped;
  });

  const certify = await harness(project, [
    'certify',
    '--broker',
    broker.url,
    '--profile',
    'mqtt-3.1.1',
    '--tags',
    '@MQTT-3.2.0-1 or @MQTT-3.1.3-8',
    '--no-limits',
    '--runs',
    '1',
    '--sequences',
    '0',
    '--junit',
    'reports/certify.xml',
  ]);
  assert.equal(certify.code, 0, certify.output);
  const reports = path.join(project, 'reports/certification');
  const [json] = (await readdir(reports)).filter((file) => file.endsWith('.json'));
  const report = JSON.parse(await readFile(path.join(reports, json ?? ''), 'utf8')) as CertificationReport;
  assert.equal(report.verdict, 'pass');
  assert.ok(report.rules.some((row) => row.rule === 'MQTT-3.1.3-8' && row.verdict === 'pass'));
  assert.ok((await validateJUnit(await readFile(path.join(project, 'reports/certify.xml'), 'utf8'))).valid);

  // The project's own Gherkin, with the harness's steps.
  await writeFile(
    path.join(project, 'features/our-device.feature'),
    [
      'Feature: our device and its broker',
      '  Scenario: our door sensor gets its session back after a reconnect',
      '    Given "door" is connected with a persistent session',
      '    And "door" subscribes to "home/door/cmd" at QoS 1',
      '    When "door" disconnects',
      '    And "door" connects with a persistent session',
      '    Then the broker accepts "door" with its session present',
      '',
    ].join('\n'),
  );
  const run = await harness(project, [
    'run',
    '--broker',
    broker.url,
    '--profile',
    'mqtt-3.1.1',
    '--features',
    'features',
    '--junit',
    'reports/run.xml',
  ]);
  assert.equal(run.code, 0, run.output);
  assert.match(run.output, /1 passed, 0 failed, 0 inconclusive, 0 errors/);
  const junit = await readFile(path.join(project, 'reports/run.xml'), 'utf8');
  assert.match(
    junit,
    /<testcase name="our door sensor gets its session back after a reconnect \(features\/our-device.feature:2\)"/,
  );
});
