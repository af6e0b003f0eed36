import assert from 'node:assert/strict';
import { test } from 'node:test';
import { containerConfig } from '../../targets/container/container-config.ts';
import { composeBroker } from '../registry.ts';

void test('emqx runs a pinned 5.x image, MQTT on 1883, ready on its "is running now" line', () => {
  const config = containerConfig('emqx');
  assert.equal(config.image, 'emqx/emqx:5.8.6');
  assert.deepEqual(config.exposedPorts, [1883]);
  assert.match('EMQX 5.8.6 is running now!', config.readyLog ?? /^$/);
  assert.match(config.waitStrategy, /is running now.*MQTT CONNECT/);
  assert.deepEqual(config.capabilities, { software: 'emqx', p2p: 'auto-subscribe' });
  assert.match(config.environment.EMQX_AUTO_SUBSCRIBE__TOPICS ?? '', /harness\/p2p\/\$\{clientid\}/);
});

void test('compose:emqx has the same auto-subscribe P2P capability (docker-compose.yml configures it)', () => {
  assert.deepEqual(composeBroker('emqx')?.capabilities, { software: 'emqx', p2p: 'auto-subscribe' });
});
