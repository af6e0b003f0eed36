import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BrokerHarmed, searchFromBelow } from './limit-search.ts';

test('the search from below finds the limit without ever trying the cap', async () => {
  const tried: number[] = [];
  const result = await searchFromBelow(20, 65_535, (n) => {
    tried.push(n);
    return Promise.resolve(n <= 64);
  });
  assert.deepEqual(result, { value: 64, capped: false });
  assert.ok(Math.max(...tried) <= 2 * 64, `largest probe ${Math.max(...tried)}`);
  assert.deepEqual(tried.slice(0, 4), [20, 40, 80, 60]);
});

test('the search from below reaches the cap only when everything below it is accepted', async () => {
  assert.deepEqual(await searchFromBelow(1, 1000, () => Promise.resolve(true)), {
    value: 1000,
    capped: true,
  });
  assert.deepEqual(await searchFromBelow(5, 1000, () => Promise.resolve(false)), {
    value: undefined,
    capped: false,
  });
  assert.deepEqual(await searchFromBelow(5, 1000, (n) => Promise.resolve(n <= 999)), {
    value: 999,
    capped: false,
  });
});

test('a probe that harms the broker stops the search with a lower bound and the reason', async () => {
  const result = await searchFromBelow(10, 65_535, (n) => {
    if (n > 100) throw new BrokerHarmed({ probe: `a SUBSCRIBE to a ${n}-character topic`, how: 'wedged' });
    return Promise.resolve(true);
  });
  assert.equal(result.value, 80);
  assert.equal(result.capped, false);
  assert.match(result.stopped ?? '', /after a SUBSCRIBE to a 160-character topic: wedged/);
});
