import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONTEXT_DIGEST_LABEL } from './context-digest.ts';
import { parseImageState } from './local-images.ts';

test('an inspected image yields its broker version and the context it was built from', () => {
  const json = JSON.stringify({
    Id: 'sha256:abc',
    Size: 116_000_000,
    Created: '2026-11-30T09:00:00Z',
    Config: {
      Labels: {
        'org.opencontainers.image.version': '2.0.11',
        [CONTEXT_DIGEST_LABEL]: 'sha256:0123',
      },
    },
  });
  const state = parseImageState('mqtt-harness/mosquitto:local', json);
  assert.equal(state.version, '2.0.11');
  assert.equal(state.contextDigest, 'sha256:0123');
  assert.equal(state.id, 'sha256:abc');
});

test('an image without labels (built some other way) has no version and no digest', () => {
  const state = parseImageState('x:y', JSON.stringify({ Id: 'sha256:def', Config: { Labels: null } }));
  assert.equal(state.version, undefined);
  assert.equal(state.contextDigest, undefined);
});
