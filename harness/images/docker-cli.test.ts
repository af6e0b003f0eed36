import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineTail, runCommand } from './docker-cli.ts';

test('streamed chunks become whole lines, also across chunk borders and without a final newline', () => {
  const seen: string[] = [];
  const tail = new LineTail(10, (line) => seen.push(line));
  tail.push('Step 1/2 : FR');
  tail.push('OM base\r\nStep 2/2');
  tail.push(' : RUN x\nlast');
  tail.end();
  assert.deepEqual(seen, ['Step 1/2 : FROM base', 'Step 2/2 : RUN x', 'last']);
});

test('only the last lines are kept for an error message', () => {
  const tail = new LineTail(2);
  tail.push('a\nb\nc\nd\n');
  assert.deepEqual(tail.lines(), ['c', 'd']);
});

test('a command reports its exit code, stdout and last lines, and never rejects on failure', async () => {
  const lines: string[] = [];
  const result = await runCommand(
    process.execPath,
    ['-e', 'console.log("out 1"); console.error("err 1"); process.exit(3)'],
    { onLine: (line) => lines.push(line) },
  );
  assert.equal(result.code, 3);
  assert.equal(result.stdout, 'out 1\n');
  assert.deepEqual([...lines].sort(), ['err 1', 'out 1']);
});

test('a command that outlives its bound is killed and says so', async () => {
  const started = Date.now();
  const result = await runCommand(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], {
    timeoutMs: 200,
  });
  assert.notEqual(result.code, 0);
  assert.ok(Date.now() - started < 10_000);
  assert.match(result.tail.join('\n'), /killed after 200 ms/);
});

test('a command that cannot be started rejects', async () => {
  await assert.rejects(runCommand('/nonexistent/docker', []), { code: 'ENOENT' });
});
