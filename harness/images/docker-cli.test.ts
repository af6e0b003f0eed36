import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
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

test('a command (and what it started) does not outlive a harness stopped by SIGTERM', async () => {
  const script = [
    "import { runCommand } from './harness/images/docker-cli.ts';",
    "void runCommand('bash', ['-c', 'sleep 30 & echo $!; wait'], { onLine: (line) => console.log(line) });",
  ].join('\n');
  const harness = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const sleepPid = await new Promise<number>((resolve) =>
    harness.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
  );
  assert.ok(isAlive(sleepPid));
  harness.kill('SIGTERM');
  assert.equal(await new Promise((resolve) => harness.once('exit', resolve)), 143);
  // The group's SIGTERM reaches the grandchild, not only bash.
  for (let i = 0; i < 50 && isAlive(sleepPid); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(isAlive(sleepPid), false);
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('once no command runs, the signal handlers are gone again', async () => {
  const before = process.listenerCount('SIGINT');
  const running = runCommand(process.execPath, ['-e', '']);
  assert.equal(process.listenerCount('SIGINT'), before + 1);
  await running;
  assert.equal(process.listenerCount('SIGINT'), before);
});
