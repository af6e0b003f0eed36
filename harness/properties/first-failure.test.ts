import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstFailure } from './first-failure.ts';

/** Jobs that finish in an order set by the test (a resolver per job), not by timers. */
function gatedJobs(count: number, failing: ReadonlySet<number>) {
  const started: number[] = [];
  const gates = new Map<number, () => void>();
  const job = (index: number) =>
    new Promise<void>((resolve, reject) => {
      started.push(index);
      gates.set(index, () => (failing.has(index) ? reject(new Error(`job ${index}`)) : resolve()));
    });
  const open = (index: number) => gates.get(index)?.();
  return { started, job, open };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('all jobs pass: no failure, each job run once, never more than the limit at a time', async () => {
  const { started, job, open } = gatedJobs(5, new Set());
  const done = firstFailure(5, 2, job);
  await settle();
  assert.deepEqual(started, [0, 1]);
  for (const index of [1, 0, 2, 3, 4]) {
    open(index);
    await settle();
  }
  assert.equal(await done, undefined);
  assert.deepEqual(started, [0, 1, 2, 3, 4]);
});

test('the lowest failing index wins, even when a higher one fails first', async () => {
  const { job, open } = gatedJobs(6, new Set([1, 2]));
  const done = firstFailure(6, 3, job);
  await settle();
  open(2); // fails first; jobs 0 and 1 are still running and must be waited for
  await settle();
  open(0);
  await settle();
  open(1);
  await settle();
  const failure = await done;
  assert.equal(failure?.index, 1);
  assert.match(String(failure?.error), /job 1/);
});

test('after a failure no job of a higher index starts', async () => {
  const { started, job, open } = gatedJobs(6, new Set([0]));
  const done = firstFailure(6, 2, job);
  await settle();
  open(0);
  await settle();
  open(1);
  await settle();
  assert.equal((await done)?.index, 0);
  assert.deepEqual(started, [0, 1]);
});
