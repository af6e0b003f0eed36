import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runMutantUnits, type MutantUnit, type UnitResult } from './mutant-jobs.ts';

// One stream, in this process: the child streams run real brokers (`npm run test:mutants` runs them).

test('one stream runs the units in the order given and hands each result back under its index', async () => {
  const units: MutantUnit[] = [{ profile: 'aliyun' }, { profile: 'mqtt-3.1.1' }];
  const ran: string[] = [];
  const reported: number[] = [];
  const results = await runMutantUnits(
    units,
    1,
    async (unit): Promise<UnitResult> => {
      ran.push(unit.profile);
      return { outcomes: [], problems: [unit.profile] };
    },
    (index) => reported.push(index),
  );
  assert.deepEqual(ran, ['aliyun', 'mqtt-3.1.1']);
  assert.deepEqual(reported, [0, 1]);
  assert.deepEqual(
    results.map((result) => result.problems),
    [['aliyun'], ['mqtt-3.1.1']],
  );
});
