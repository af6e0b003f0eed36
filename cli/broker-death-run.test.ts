import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCommand } from './commands/run.ts';
import { brokerThatDies } from './fixtures/broker-that-dies.ts';
import { ownPath, inScratchDirectory } from './fixtures/scratch-directory.ts';

// Its own file, so its own process: cucumber's support code loads once per process (cli/cucumber-runner.ts).

test('a broker that dies mid-run: `run` prints the verdicts it had, the rest errors saying so, exit 2', async (t) => {
  const broker = await brokerThatDies(5);
  const lines: string[] = [];
  const keep = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  t.mock.method(console, 'log', keep);
  t.mock.method(console, 'error', keep);
  try {
    // Its reports in a scratch directory of its own: CLI tests never share reports/.
    const code = await inScratchDirectory('broker-death-run', () =>
      runCommand([
        ...['--broker', broker.url, '--profile', 'aliyun', '--tags', '@CID-2'],
        ownPath('features'),
      ]),
    );
    t.mock.restoreAll();
    assert.ok(broker.dead(), lines.join('\n'));
    assert.equal(code, 2, lines.join('\n'));
    const output = lines.join('\n');
    assert.match(output, /mqtt-harness: error: broker went away at \S+Z: a fresh connection failed/);
    const counts = /: (\d+) passed, (\d+) failed, (\d+) inconclusive, (\d+) errors/.exec(output);
    assert.ok(counts, output);
    assert.ok(Number(counts[1]) > 0, 'the scenarios before the death kept their pass');
    assert.equal(Number(counts[2]), 0, 'a dead broker fails no rule');
    assert.equal(Number(counts[3]), 0, 'nor leaves one inconclusive');
    assert.ok(Number(counts[4]) > 1, 'the scenarios after it are errors');
    assert.match(output, /ERROR .*\n\s+InfrastructureError: \[infrastructure\] broker went away at/);
  } finally {
    t.mock.restoreAll();
    await broker.close();
  }
});
