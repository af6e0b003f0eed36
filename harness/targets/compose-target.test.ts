import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InfrastructureError, UsageError } from '../errors.ts';
import { composeServiceImage, LOCAL_OVERRIDE_FILE } from './compose/compose-file.ts';
import { composeImplementation } from './compose/compose-implementation.ts';
import { imageExists } from './container/container-images.ts';
import { composeServices, composeTarget, PROJECT_ROOT } from './compose-target.ts';
import { checkContainerRuntime, NO_ENGINE_MESSAGE } from './container-runtime.ts';
import { tryMqttConnect } from './readiness.ts';

const runtime = await checkContainerRuntime();
const composeFile = readFileSync(`${PROJECT_ROOT}docker-compose.yml`, 'utf8');
const BROKERS = ['emqx', 'mosquitto', 'hivemq', 'nanomq', 'vernemq', 'rabbitmq'];

void test('docker-compose.yml defines the six brokers, emqx first', () => {
  assert.deepEqual(composeServices(composeFile), BROKERS);
});

void test('every compose broker pins its image, publishes 1883 on an ephemeral loopback port, has limits', () => {
  const blocks = composeFile.split(/^ {2}(?=[a-z])/m).slice(1);
  assert.equal(blocks.length, BROKERS.length);
  for (const block of blocks) {
    const name = block.slice(0, block.indexOf(':'));
    const image = /^ {4}image: (\S+)$/m.exec(block)?.[1] ?? '';
    assert.match(image, /:\d+(\.\d+)+(-management)?$/, `${name} pins a version tag (${image})`);
    assert.match(
      block,
      /^ {4}ports:\n {6}- '127\.0\.0\.1::1883'$/m,
      `${name} publishes 1883 on 127.0.0.1 without a fixed host port`,
    );
    assert.match(block, /^ {4}mem_limit: 1g$/m, `${name} has a memory limit`);
    assert.match(block, /^ {4}cpus: 1\.0$/m, `${name} has a CPU limit`);
  }
});

void test('composeServices reads only the top-level services block', () => {
  const text = [
    'version: "3"',
    'services:',
    '  # a comment',
    '  broker-a:',
    '    image: a:1',
    '    environment:',
    '      NOT_A_SERVICE: x',
    '',
    '  "broker.b": # quoted',
    '    image: b:1',
    'volumes:',
    '  data:',
  ].join('\n');
  assert.deepEqual(composeServices(text), ['broker-a', 'broker.b']);
  assert.deepEqual(composeServices('volumes:\n  data:\n'), []);
});

void test('an unknown service is a usage error listing the services of docker-compose.yml', () => {
  assert.throws(
    () => composeTarget('kafka'),
    (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.match(error.message, /unknown compose service "kafka"/);
      assert.match(error.message, new RegExp(BROKERS.join(', ')));
      return true;
    },
  );
});

void test(
  'without a Docker engine start() rejects with "no Docker engine found"',
  { skip: runtime.available ? 'a Docker engine is available here' : false },
  async () => {
    const started = Date.now();
    await assert.rejects(composeTarget('emqx').start(), (error: unknown) => {
      assert.ok(error instanceof InfrastructureError);
      assert.ok(error.reason.startsWith(NO_ENGINE_MESSAGE), error.reason);
      assert.match(error.reason, /compose:emqx/);
      return true;
    });
    assert.ok(Date.now() - started < 5_000, 'fails fast');
  },
);

void test('docker-compose.local.yml points services at the images built here', () => {
  const local = readFileSync(`${PROJECT_ROOT}${LOCAL_OVERRIDE_FILE}`, 'utf8');
  assert.equal(composeServiceImage(local, 'mosquitto'), 'mqtt-harness/mosquitto:local');
  assert.equal(composeServiceImage(local, 'rabbitmq'), 'mqtt-harness/rabbitmq:local');
  assert.equal(composeServiceImage(composeFile, 'emqx'), 'emqx/emqx:5.8.6');
});

/** Why compose:mosquitto cannot run live here, or false: stated in the skip, never silent. */
async function composeSkip(): Promise<string | false> {
  if (!runtime.available) return runtime.reason;
  const compose = await composeImplementation();
  if (compose.kind === 'none') return compose.reason;
  const images = [composeServiceImage(composeFile, 'mosquitto'), 'mqtt-harness/mosquitto:local'];
  for (const image of images) if (image && (await imageExists(image))) return false;
  return `neither ${images.join(' nor ')} is on this engine, and no registry may be reachable`;
}

void test(
  'compose:mosquitto starts, accepts an MQTT CONNECT and stops',
  { skip: await composeSkip(), timeout: 300_000 },
  async () => {
    const target = await composeTarget('mosquitto').start();
    try {
      assert.match(
        target.capabilities.software,
        /^mosquitto( |$)/,
        'the software, with the image version label when it has one',
      );
      await tryMqttConnect(target.url, 5_000);
    } finally {
      await target.stop();
    }
  },
);
