import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';

/** Runs the real CLI as a user would, with extra environment. */
async function cli(
  env: NodeJS.ProcessEnv,
  ...args: string[]
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['cli/bin.js', ...args], { env: { ...process.env, ...env } });
  let stderr = '';
  child.stdout.resume();
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stderr };
}

function lines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.trim() && !line.includes('npm warn'));
}

test('an unknown image name is one usage line, exit 2, even without a Docker engine', async () => {
  const { code, stderr } = await cli(
    { DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
    'images',
    'build',
    'emqx',
  );
  assert.equal(code, 2);
  assert.deepEqual(lines(stderr), ['mqtt-harness: unknown image "emqx" (known: mosquitto, nats, rabbitmq)']);
});

test('images without an action, or with an unknown one, is a usage error', async () => {
  assert.equal((await cli({}, 'images')).code, 2);
  const { code, stderr } = await cli({}, 'images', 'pull');
  assert.equal(code, 2);
  assert.match(stderr, /unknown action "pull"; use build or list/);
});

for (const action of ['build', 'list']) {
  test(`images ${action} without a Docker engine is one line "no Docker engine found: …", exit 2`, async () => {
    const { code, stderr } = await cli({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' }, 'images', action);
    assert.equal(code, 2);
    const [line, ...more] = lines(stderr);
    assert.deepEqual(more, [], stderr);
    assert.match(line ?? '', /^mqtt-harness: error: no Docker engine found: /);
  });
}

test('images --help names both actions and exits 0', async () => {
  const child = spawn(process.execPath, ['cli/bin.js', 'images', '--help']);
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  assert.equal(code, 0);
  assert.match(stdout, /mqtt-harness images build \[NAME\.\.\.\] \[--force\]/);
  assert.match(stdout, /mqtt-harness images list/);
});
