import assert from 'node:assert/strict';
import { test } from 'node:test';
import { containerConfig } from '../../targets/container/container-config.ts';

void test('nanomq runs a pinned emqx/nanomq image, ready by a real CONNECT', () => {
  const config = containerConfig('nanomq');
  assert.match(config.image, /^emqx\/nanomq:\d+\.\d+\.\d+$/);
  assert.equal(config.readyLog, undefined);
  assert.deepEqual(config.capabilities, { software: 'nanomq', p2p: 'none' });
});
