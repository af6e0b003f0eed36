import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quietWindowMs } from './quiet-window.ts';

test('the quiet window is 25 round trips, clamped to 150..1500 ms, the maximum when unmeasured', () => {
  assert.equal(quietWindowMs(2), 150);
  assert.equal(quietWindowMs(20), 500);
  assert.equal(quietWindowMs(200), 1_500);
  assert.equal(quietWindowMs(undefined), 1_500);
  assert.equal(quietWindowMs(Number.POSITIVE_INFINITY), 1_500);
});
