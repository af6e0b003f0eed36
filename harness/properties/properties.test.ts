import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALIYUN } from '../profiles/aliyun.ts';
import { startReferenceBroker } from '../reference/reference-broker.ts';
import { REFERENCE_DEFAULTS } from '../reference/reference-options.ts';
import { checkClientIdProperty } from './client-id-property.ts';
import { checkTopicProperty } from './topic-property.ts';

// Few runs here (npm test); `mqtt-harness certify` runs them deep. The seed is printed to replay.
const RUNS = Number(process.env.PROPERTY_RUNS ?? 25);

test('the reference broker accepts exactly the client IDs and topics the aliyun profile allows', async () => {
  const broker = await startReferenceBroker(REFERENCE_DEFAULTS);
  try {
    for (const check of [checkClientIdProperty, checkTopicProperty]) {
      const result = await check(broker.url, ALIYUN, { numRuns: RUNS });
      assert.equal(
        result.verdict,
        'pass',
        `${result.name}: ${result.detail} (seed ${result.seed}, path ${result.path})`,
      );
    }
  } finally {
    await broker.close();
  }
});

test('a faulty broker gives a shrunk counter-example, and the seed and path replay it', async () => {
  const broker = await startReferenceBroker({ ...REFERENCE_DEFAULTS, faults: ['accept-long-client-id'] });
  try {
    const result = await checkClientIdProperty(broker.url, ALIYUN, { numRuns: 200, seed: 42 });
    assert.equal(result.verdict, 'fail');
    assert.equal(result.rule, 'CID-2');
    const id = JSON.parse(result.counterexample ?? '""') as string;
    assert.equal([...id].length, 65, `shrunk to one character over the limit: ${id}`);
    const replay = await checkClientIdProperty(broker.url, ALIYUN, {
      numRuns: 1,
      seed: 42,
      ...(result.path ? { path: result.path } : {}),
    });
    assert.equal(replay.counterexample, result.counterexample);
  } finally {
    await broker.close();
  }
});
