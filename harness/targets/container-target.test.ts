import { spawn } from 'node:child_process';
import net from 'node:net';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tryMqttConnect } from './readiness.ts';
import { InfrastructureError, UsageError } from '../errors.ts';
import { checkContainerRuntime, NO_ENGINE_MESSAGE } from './container-runtime.ts';
import { containerPresets } from '../brokers/registry.ts';
import { imageExists } from './container/container-images.ts';
import { containerConfig, containerTarget, containerTargetFor } from './container-target.ts';

const runtime = await checkContainerRuntime();
const emqxImage = runtime.available ? await imageExists(containerConfig('emqx').image) : undefined;

void test('every container preset says what it waits for, ending with an MQTT CONNECT', () => {
  for (const { name } of containerPresets()) {
    const config = containerConfig(name);
    assert.equal(config.spec, `container:${name}`);
    assert.equal(config.mqttPort, 1883);
    assert.ok(config.startupTimeoutMs > 0);
    assert.match(config.waitStrategy, /then an MQTT CONNECT$/);
  }
});

void test(':tag overrides the pinned tag and shows in the spec', () => {
  const config = containerConfig('emqx', '5.8.5');
  assert.equal(config.image, 'emqx/emqx:5.8.5');
  assert.equal(config.spec, 'container:emqx:5.8.5');
  assert.equal(containerTargetFor('emqx:5.8.5').spec, 'container:emqx:5.8.5');
  assert.equal(containerTargetFor('local/mosquitto:2.0.11').spec, 'container:local/mosquitto:2.0.11');
});

void test('an unknown broker or a malformed tag is a usage error naming what to write', () => {
  assert.throws(
    () => containerConfig('nats'),
    (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.match(error.message, /container:emqx, container:mosquitto, container:hivemq/);
      assert.match(error.message, /container:image=REF/);
      return true;
    },
  );
  assert.throws(() => containerConfig('constructor'), UsageError);
  assert.throws(() => containerTargetFor('emqx:bad tag!'), /container:emqx:5\.8\.6/);
  assert.throws(() => containerTargetFor('emqx:5.8.6:x'), UsageError);
});

void test(
  'without a Docker engine start() rejects with "no Docker engine found"',
  { skip: runtime.available ? 'a Docker engine is available here' : false },
  async () => {
    const started = Date.now();
    await assert.rejects(containerTargetFor('emqx').start(), (error: unknown) => {
      assert.ok(error instanceof InfrastructureError);
      assert.ok(error.reason.startsWith(NO_ENGINE_MESSAGE), error.reason);
      assert.match(error.reason, /no Docker engine found: install Docker or use --broker process:mosquitto/);
      assert.match(error.reason, /container:emqx/);
      return true;
    });
    assert.ok(Date.now() - started < 5_000, 'fails fast');
  },
);

void test('a Docker endpoint that never answers is reported as unavailable within the bound', async () => {
  // A TCP server that accepts and stays silent, as a wedged remote engine would. testcontainers reads
  // DOCKER_HOST once per process, hence the child process; it must also exit by itself afterwards,
  // i.e. leave no request behind.
  const silent = net.createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as net.AddressInfo;
  try {
    const script =
      "import { probeContainerRuntime } from './harness/targets/container-runtime.ts';" +
      'const status = await probeContainerRuntime(300);' +
      'process.stdout.write(JSON.stringify(status));';
    const output = await runChild(['--import', 'tsx', '--input-type=module', '-e', script], {
      DOCKER_HOST: `tcp://127.0.0.1:${port}`,
    });
    const status = JSON.parse(output) as { available: boolean; reason?: string };
    assert.equal(status.available, false);
    assert.match(
      status.reason ?? '',
      new RegExp(`DOCKER_HOST=tcp://127\\.0\\.0\\.1:${port}\\b.* did not answer within 0\\.3 s`),
    );
  } finally {
    silent.close();
  }
});

void test(
  'container:emqx starts, accepts an MQTT CONNECT and stops',
  {
    skip: !runtime.available
      ? runtime.reason
      : emqxImage
        ? false
        : `${containerConfig('emqx').image} is not on this engine and no registry may be reachable`,
    timeout: 300_000,
  },
  async () => {
    const target = await containerTarget(containerConfig('emqx')).start();
    try {
      assert.match(target.url, /^mqtt:\/\/[^:]+:\d+$/);
      assert.match(target.capabilities.software, /^emqx( |$)/);
      await tryMqttConnect(target.url, 5_000);
    } finally {
      await target.stop();
    }
    await assert.rejects(tryMqttConnect(target.url, 2_000));
  },
);

function runChild(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 8_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: new URL('../../', import.meta.url),
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child still running after ${timeoutMs} ms (something left a handle open)`));
    }, timeoutMs);
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`child exited with ${code}`));
    });
  });
}
