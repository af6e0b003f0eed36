import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { getContainerRuntimeClient } from 'testcontainers';
import { InfrastructureError } from '../../errors.ts';
import { checkContainerRuntime } from '../container-runtime.ts';
import { containerTarget, containerTargetFor } from '../container-target.ts';
import { containerConfig } from './container-config.ts';
import { imageExists } from './container-images.ts';
import { CONTAINER_LABELS } from './container-registry.ts';

/**
 * No container of ours outlives a run, an aborted run (Ctrl-C) or a failed start — without
 * testcontainers' reaper, which cannot be pulled where no registry is reachable.
 */
const PRESET = 'local/mosquitto';
const runtime = await checkContainerRuntime();
const image = containerConfig(PRESET).image;
const skip = !runtime.available
  ? `no Docker engine: ${runtime.reason}`
  : (await imageExists(image))
    ? false
    : `${image} is not built here (npx mqtt-harness images build mosquitto)`;

void test(
  'Ctrl-C during a container run leaves no container of ours',
  { skip, timeout: 90_000 },
  async () => {
    const script =
      "import { parseTarget } from './harness/targets/parse-target.ts';" +
      `const started = await parseTarget('container:${PRESET}').start();` +
      "process.stdout.write('STARTED ' + started.url + '\\n');" +
      'setInterval(() => undefined, 1000);';
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: new URL('../../../', import.meta.url),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('STARTED')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the child exited with ${code} before it started`)));
    });
    assert.equal((await ours({ pid: child.pid })).length, 1, 'the running target is one labelled container');
    child.kill('SIGINT');
    assert.equal(await exited, 130, 'exits as interrupted');
    assert.deepEqual(await ours({ pid: child.pid }), [], 'docker ps -a shows none of its containers');
  },
);

void test('a failed start removes its container', { skip, timeout: 60_000 }, async () => {
  const config = containerConfig(PRESET);
  // Nothing answers MQTT on 1884 inside: readiness fails after the container was created.
  const broken = {
    ...config,
    spec: 'container:broken-test',
    exposedPorts: [1884],
    mqttPort: 1884,
    startupTimeoutMs: 3_000,
  };
  await assert.rejects(containerTarget(broken).start(), InfrastructureError);
  assert.deepEqual(await ours({ pid: process.pid, spec: broken.spec }), []);
});

void test(
  'a missing local image says how to build it, at once',
  { skip: runtime.available ? false : runtime.reason },
  async () => {
    const begin = Date.now();
    await assert.rejects(containerTargetFor(`${PRESET}:no-such-tag`).start(), (error: unknown) => {
      assert.ok(error instanceof InfrastructureError);
      assert.match(
        error.reason,
        /mqtt-harness\/mosquitto:no-such-tag is not built.*npx mqtt-harness images build mosquitto/,
      );
      return true;
    });
    assert.ok(Date.now() - begin < 5_000);
  },
);

void test(
  'a missing registry image that cannot be pulled is one line, not a hang',
  { skip: runtime.available ? false : runtime.reason, timeout: 120_000 },
  async () => {
    await assert.rejects(
      containerTargetFor('image=mqtt-harness/no-such-image:0.0.0').start(),
      (error: unknown) => {
        assert.ok(error instanceof InfrastructureError);
        assert.match(
          error.reason,
          /mqtt-harness\/no-such-image:0\.0\.0 is not on this Docker engine and could not be pulled/,
        );
        assert.doesNotMatch(error.reason, /\n/);
        return true;
      },
    );
  },
);

async function ours(filter: { pid: number | undefined; spec?: string }): Promise<string[]> {
  const client = await getContainerRuntimeClient();
  const labels = [`${CONTAINER_LABELS.pid}=${filter.pid}`];
  if (filter.spec) labels.push(`${CONTAINER_LABELS.spec}=${filter.spec}`);
  const containers = await client.container.dockerode.listContainers({
    all: true,
    filters: { label: labels },
  });
  return containers.map((container) => `${container.Id.slice(0, 12)} ${container.State}`);
}
