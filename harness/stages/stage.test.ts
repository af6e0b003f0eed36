import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closeStages, NO_EVIDENCE, type Stage } from './stage.ts';

function recordingStage(name: string, closed: string[], failure?: Error): Stage {
  return {
    evidence: () => NO_EVIDENCE,
    close: async () => {
      closed.push(name);
      if (failure) throw failure;
    },
  };
}

test('stages close newest first, so a stage goes before the ones it was built on', async () => {
  const closed: string[] = [];
  await closeStages([recordingStage('clients', closed), recordingStage('mq', closed)]);
  assert.deepEqual(closed, ['mq', 'clients']);
});

test('a failing close does not keep the other stages open, and its error is not swallowed', async () => {
  const closed: string[] = [];
  const failure = new Error('proxy would not stop');
  const stages = [
    recordingStage('clients', closed),
    recordingStage('sessions', closed, failure),
    recordingStage('mq', closed),
  ];
  await assert.rejects(closeStages(stages), failure);
  assert.deepEqual(closed, ['mq', 'sessions', 'clients']);
});
