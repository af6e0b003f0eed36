import assert from 'node:assert/strict';
import { test } from 'node:test';
import { containerConfig } from '../../targets/container/container-config.ts';

void test('vernemq runs a pinned image with the EULA accepted and anonymous clients allowed', () => {
  const config = containerConfig('vernemq');
  assert.match(config.image, /^vernemq\/vernemq:\d+\.\d+\.\d+$/);
  assert.equal(config.environment.DOCKER_VERNEMQ_ACCEPT_EULA, 'yes');
  assert.equal(config.environment.DOCKER_VERNEMQ_ALLOW_ANONYMOUS, 'on');
});
