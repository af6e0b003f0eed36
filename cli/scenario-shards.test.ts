import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ISourcesCoordinates } from '@cucumber/cucumber/api';
import { plannedOrder, RUNS_ALONE, shardSources } from './scenario-shards.ts';

const sources: ISourcesCoordinates = {
  defaultDialect: 'en',
  paths: ['features/conformance/mqtt-3.1.1/wildcards.feature'],
  names: [],
  tagExpression: '@MQTT-4.5.0-1 or @MQTT-3.3.2-3 or @MQTT-4.7.2-1',
  order: 'defined',
};

test('shards take every scenario but the ones that run alone, which run after them on their own', () => {
  const { together, alone } = shardSources(sources, 3);
  assert.deepEqual(
    together.map((s) => s.shard),
    ['1/3', '2/3', '3/3'],
  );
  for (const shard of together)
    assert.equal(shard.tagExpression, `(${sources.tagExpression}) and (not (${RUNS_ALONE.join(' or ')}))`);
  assert.equal(alone.tagExpression, `(${sources.tagExpression}) and (${RUNS_ALONE.join(' or ')})`);
  assert.equal(
    shardSources({ ...sources, tagExpression: '' }, 2).alone.tagExpression,
    RUNS_ALONE.join(' or '),
  );
});

test('the shards and the alone part together hold each planned scenario exactly once', async () => {
  const { together, alone } = shardSources(sources, 3);
  const planned = [...(await plannedOrder(sources)).keys()];
  // cucumber's own sharding (applied by runCucumber, not by loadSources) deals the "together" part.
  const { shard: _, ...unsharded } = together[0] ?? sources;
  const parts = await Promise.all([unsharded, alone].map(plannedOrder));
  const dealt = parts.flatMap((part) => [...part.keys()]);
  assert.ok(planned.length > 3, 'the example selects a few scenarios');
  assert.deepEqual([...dealt].sort(), [...planned].sort());
  // The two @broker-wide scenarios of the example are in the alone part only.
  assert.equal(parts[1]?.size, 2);
});
