import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { checkContainerRuntime } from '../harness/targets/container-runtime.ts';
import { CLI_BIN, ownPath, scratchDirectory } from './fixtures/scratch-directory.ts';

const scratch = scratchDirectory('cli');

/** Runs the real CLI as a user would (`npx mqtt-harness …`), returning exit code, output and timing. */
async function cli(...args: string[]): Promise<{
  code: number | null;
  stdout: string;
  stderr: string;
  /** From the "starting <target> …" line to the exit, when that line was printed. */
  afterStart?: number;
}> {
  const child = spawn(process.execPath, [CLI_BIN, ...args], {
    cwd: scratch,
    env: { ...process.env, BROKER: '' },
  });
  let stdout = '';
  let stderr = '';
  let startLine: number | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (startLine === undefined && /mqtt-harness: starting /.test(stdout)) startLine = Date.now();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const ended = Date.now();
  return {
    code,
    stdout,
    stderr,
    ...(startLine === undefined ? {} : { afterStart: ended - startLine }),
  };
}

test('an unknown target is a usage error that lists the valid forms', async () => {
  const { code, stderr } = await cli('run', '--broker', 'nonsense');
  assert.equal(code, 2);
  assert.match(stderr, /unknown broker target "nonsense"/);
  assert.match(stderr, /process:mosquitto/);
  assert.match(stderr, /container:emqx/);
});

test('a refused connection is one clear error line at once, exit 2', async () => {
  const { code, stderr, afterStart } = await cli('run', '--broker', 'mqtt://127.0.0.1:1');
  assert.equal(code, 2);
  // ECONNREFUSED on the first try is final for a URL target: no retries (their back-off would take
  // seconds). Timed from the "starting" line, not from spawn: starting Node and tsx says nothing about
  // retries and takes much longer on a loaded machine.
  assert.ok(afterStart !== undefined && afterStart < 2_000, `took ${afterStart} ms after "starting"`);
  const lines = stderr.split('\n').filter((line) => line.trim() && !line.includes('npm warn'));
  assert.equal(lines.length, 1, stderr);
  assert.match(
    lines[0] ?? '',
    /error: broker not reachable at mqtt:\/\/127\.0\.0\.1:1 \(ECONNREFUSED: connection refused, nothing listens on that port\)/,
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
    ownPath('cli/fixtures/deliberately-failing.feature'),
  );
  assert.equal(code, 1, stdout);
  assert.match(
    stdout,
    /FAILED .*deliberately-failing\.feature:\d+ +expects a retained message that was never set \[MQTT-3\.3\.1-6\]/,
  );
  assert.match(stdout, /0 passed, 1 failed/);
});

test('a check whose precondition the broker did not meet is inconclusive: its own verdict, exit 3', async () => {
  // The reference broker granting QoS 1 to a QoS 2 SUBSCRIBE, as a server may [MQTT-3.9.3]: the QoS 2
  // flow cannot be judged there; the CONNACK scenario beside it passes.
  const { code, stdout } = await cli(
    'run',
    '--broker',
    'embedded:fault:grant-qos1-for-qos2',
    '--profile',
    'mqtt-3.1.1',
    '--tags',
    '@MQTT-4.3.3-1 or @MQTT-3.2.0-1',
    ownPath('features/conformance'),
  );
  assert.equal(code, 3, stdout);
  assert.match(
    stdout,
    /^INCONCLUSIVE .*qos-flows\.feature:\d+ .*\[MQTT-4\.3\.3-1\]\n +PreconditionFailed: inconclusive: "sub" was granted QoS 1 and the check needs QoS 2/m,
  );
  assert.match(stdout, /1 passed, 0 failed, 1 inconclusive, 0 errors/);
  assert.match(stdout, /rules: \d+ pass, 0 fail, 1 inconclusive, 0 error/);
});

test('an unparseable scenario file is an error, not a pass', async () => {
  const { code, stdout, stderr } = await cli(
    'run',
    '--broker',
    'embedded',
    ownPath('cli/fixtures/unparseable.feature'),
  );
  assert.equal(code, 2, stdout + stderr);
  assert.match(stderr, /cannot parse|Parse error/i);
});

test('a step without a definition is an error naming the scenario', async () => {
  const { code, stdout } = await cli(
    'run',
    '--broker',
    'embedded',
    ownPath('cli/fixtures/undefined-step.feature'),
  );
  assert.equal(code, 2, stdout);
  assert.match(stdout, /ERROR .*uses a step that does not exist \[MQTT-3\.2\.0-1\]/);
});

test('brokers lists every target form with its availability', async () => {
  const { code, stdout } = await cli('brokers');
  assert.equal(code, 0);
  for (const spec of ['embedded', 'process:mosquitto', 'container:emqx', 'compose:SERVICE'])
    assert.match(stdout, new RegExp(spec));
});
