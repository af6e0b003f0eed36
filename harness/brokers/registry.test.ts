import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { composeServices, PROJECT_ROOT } from '../targets/compose-target.ts';
import { BROKER_MODULES, containerPresets, DEFAULT_CONTAINER_PRESET, processBrokers } from './registry.ts';

const PINNED = /^\d+\.\d+(\.\d+)?(-[a-z]+)?$/;

void test('one module per broker, each named once', () => {
  const names = BROKER_MODULES.map((broker) => broker.name);
  assert.deepEqual(names, [...new Set(names)]);
  assert.deepEqual(
    new Set(names),
    new Set(['emqx', 'mosquitto', 'hivemq', 'nanomq', 'vernemq', 'rabbitmq', 'nats']),
  );
  for (const broker of BROKER_MODULES) assert.ok(broker.capabilities.software, broker.name);
});

void test('the container presets: emqx (the default) first, vendor images pinned, local ones built here', () => {
  const presets = containerPresets();
  assert.equal(presets[0]?.name, DEFAULT_CONTAINER_PRESET);
  assert.deepEqual(
    presets.map((entry) => entry.name),
    [
      'emqx',
      'mosquitto',
      'hivemq',
      'nanomq',
      'vernemq',
      'rabbitmq',
      'local/mosquitto',
      'local/nats',
      'local/rabbitmq',
    ],
  );
  for (const { name, preset } of presets) {
    assert.equal(preset.mqttPort, 1883, name);
    assert.ok(preset.startupTimeoutMs > 0, name);
    if (name.startsWith('local/')) {
      assert.equal(preset.image, `mqtt-harness/${name.slice('local/'.length)}`);
      assert.equal(preset.tag, 'local');
      assert.match(preset.build ?? '', /^npx mqtt-harness images build (mosquitto|nats|rabbitmq)$/, name);
    } else {
      assert.match(preset.tag, PINNED, `${name} pins its tag`);
      assert.equal(preset.build, undefined, name);
    }
  }
});

void test('process brokers: mosquitto, nats, rabbitmq, each with its Debian package', () => {
  assert.deepEqual(
    processBrokers().map((broker) => broker.name),
    ['mosquitto', 'nats', 'rabbitmq'],
  );
  for (const broker of processBrokers()) assert.ok(broker.process.debianPackage, broker.name);
});

void test('every compose service a module names is in docker-compose.yml, and the reverse', () => {
  const services = composeServices(readFileSync(`${PROJECT_ROOT}docker-compose.yml`, 'utf8'));
  const named = BROKER_MODULES.flatMap((broker) => (broker.composeService ? [broker.composeService] : []));
  assert.deepEqual(new Set(named), new Set(services));
});
