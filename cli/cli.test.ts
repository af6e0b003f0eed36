import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { checkContainerRuntime } from '../harness/targets/container-runtime.ts';

/** Runs the real CLI as a user would (`npx mqtt-harness …`), returning exit code, output and time taken. */
async function cli(
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, ['cli/bin.js', ...args], { env: { ...process.env, BROKER: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr, ms: Date.now() - started };
}

test('an unknown target is a usage error that lists the valid forms', async () => {
  const { code, stderr } = await cli('run', '--broker', 'nonsense');
  assert.equal(code, 2);
  assert.match(stderr, /unknown broker target "nonsense"/);
  assert.match(stderr, /process:mosquitto/);
  assert.match(stderr, /container:emqx/);
});

test('an unreachable broker is one clear error line within 10 s, exit 2', async () => {
  const { code, stderr, ms } = await cli('run', '--broker', 'mqtt://127.0.0.1:1');
  assert.equal(code, 2);
  assert.ok(ms < 12_000, `took ${ms} ms`);
  const lines = stderr.split('\n').filter((line) => line.trim() && !line.includes('npm warn'));
  assert.equal(lines.length, 1, stderr);
  assert.match(
    lines[0] ?? '',
    /error: broker not reachable at mqtt:\/\/127\.0\.0\.1:1 within 10 s \(ECONNREFUSED\)/,
  );
});

test('container:emqx without a Docker engine is one clear error line, exit 2', async (t) => {
  const runtime = await checkContainerRuntime();
  if (runtime.available)
    return t.skip('a Docker engine is available here; the live run is tested in container-target.test.ts');
  const { code, stderr } = await cli('run', '--broker', 'container:emqx');
  assert.equal(code, 2);
  const lines = stderr.split('\n').filter((line) => line.trim());
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0] ?? '', /no Docker engine found/);
});

test('a failing scenario turns the run red and names the scenario and its rule ID', async () => {
  const { code, stdout } = await cli(
    'run',
    '--broker',
    'embedded',
    'cli/fixtures/deliberately-failing.feature',
  );
  assert.equal(code, 1, stdout);
  assert.match(
    stdout,
    /FAILED .*deliberately-failing\.feature:\d+ +expects a retained message that was never set \[MQTT-3\.3\.1-6\]/,
  );
  assert.match(stdout, /0 passed, 1 failed/);
});

test('an unparseable scenario file is an error, not a pass', async () => {
  const { code, stdout, stderr } = await cli(
    'run',
    '--broker',
    'embedded',
    'cli/fixtures/unparseable.feature',
  );
  assert.equal(code, 2, stdout + stderr);
  assert.match(stderr, /cannot parse|Parse error/i);
});

test('a step without a definition is an error naming the scenario', async () => {
  const { code, stdout } = await cli('run', '--broker', 'embedded', 'cli/fixtures/undefined-step.feature');
  assert.equal(code, 2, stdout);
  assert.match(stdout, /ERROR .*uses a step that does not exist \[MQTT-3\.2\.0-1\]/);
});

test('brokers lists every target form with its availability', async () => {
  const { code, stdout } = await cli('brokers');
  assert.equal(code, 0);
  for (const spec of ['embedded', 'process:mosquitto', 'container:emqx', 'compose:SERVICE'])
    assert.match(stdout, new RegExp(spec));
});
