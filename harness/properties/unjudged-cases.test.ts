import assert from 'node:assert/strict';
import { test } from 'node:test';
import { preconditionFailed } from '../expectation.ts';
import { PropertyMismatch } from './property-result.ts';
import { UnjudgedCases } from './unjudged-cases.ts';

const base = { name: 'session model', rules: ['QCS-1', 'QCS-2'], runs: 3, seed: 7 };
const closedOnQos2 = () =>
  Promise.reject(
    preconditionFailed('the broker closed the connection without answering the QoS 2 PUBLISH', 'QCS-1'),
  );

test('a case the broker left unjudged is skipped; the others are still judged, and a mismatch still fails', async () => {
  const unjudged = new UnjudgedCases();
  assert.equal(await unjudged.unlessInconclusive(() => Promise.resolve()), true);
  assert.equal(await unjudged.unlessInconclusive(closedOnQos2), false);
  assert.equal(await unjudged.unlessInconclusive(closedOnQos2), false);
  await assert.rejects(
    unjudged.unlessInconclusive(() => Promise.reject(new PropertyMismatch('QCS-2', 'kept'))),
    PropertyMismatch,
  );
  const result = unjudged.verdict(base, new Set(['QCS-2']));
  assert.equal(result.verdict, 'pass');
  assert.deepEqual(result.exercised, ['QCS-2']);
  assert.match(
    result.detail ?? '',
    /^2 case\(s\) left unjudged by the broker, the first: \[QCS-1\] inconclusive: /,
  );
});

test('no case judged at all is inconclusive; none left unjudged is a plain pass', async () => {
  const none = new UnjudgedCases();
  await none.unlessInconclusive(closedOnQos2);
  const result = none.verdict(base, new Set());
  assert.equal(result.verdict, 'inconclusive');
  assert.match(result.detail ?? '', /^\[QCS-1\] inconclusive: the broker closed the connection/);
  const all = new UnjudgedCases();
  await all.unlessInconclusive(() => Promise.resolve());
  assert.deepEqual(all.verdict(base, new Set(['QCS-1'])), { ...base, verdict: 'pass', exercised: ['QCS-1'] });
});
