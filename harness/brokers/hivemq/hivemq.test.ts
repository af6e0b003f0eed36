import assert from 'node:assert/strict';
import { test } from 'node:test';
import { containerConfig } from '../../targets/container/container-config.ts';

void test('hivemq runs a pinned hivemq-ce image, ready on "Started HiveMQ in"', () => {
  const config = containerConfig('hivemq');
  assert.match(config.image, /^hivemq\/hivemq-ce:\d{4}\.\d+$/);
  assert.deepEqual(config.exposedPorts, [1883]);
  assert.match('INFO  - Started HiveMQ in 4321ms', config.readyLog ?? /^$/);
  assert.equal(config.capabilities.software, 'hivemq');
  assert.deepEqual(Object.keys(config.tmpFs), ['/opt/hivemq/log', '/opt/hivemq/data']);
});
