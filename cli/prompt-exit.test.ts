import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { Duplex } from 'node:stream';
import { test } from 'node:test';
import { Aedes } from 'aedes';
import { CLI_BIN, ownPath, scratchDirectory } from './fixtures/scratch-directory.ts';

function ignore(): void {}

/**
 * A broker that requires a login (user / pass), withholds and paces: Aedes behind a stream that lets one chunk through every 25 ms,
 * that closes a connection only after it has paced out everything (a client's FIN leaves it half
 * open), and that re-publishes one QoS 1 message at a time. Its late FINs meet the fault proxy's links
 * while they are being torn down (what made Node spin at exit, issue 11), and what a run leaves
 * behind stays alive as long as the broker likes: the CLI must end regardless.
 */
async function startPacingBroker(): Promise<{ url: string; stop: () => Promise<void> }> {
  const broker = await Aedes.createBroker({
    authenticate(_client, username, password, done) {
      if (username === 'user' && password?.toString() === 'pass') return done(null, true);
      done(Object.assign(new Error('not authorized'), { returnCode: 5 as const }), false);
    },
  });
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.on('error', ignore);
    let paced = Promise.resolve();
    const toBroker = new Duplex({
      read: ignore,
      write(chunk: Buffer, _encoding, done) {
        paced = paced
          .then(() => new Promise((resolve) => setTimeout(resolve, 25)))
          .then(() => {
            if (!socket.destroyed) socket.write(chunk);
          });
        done();
      },
    });
    toBroker.on('error', ignore);
    // The broker closes its side (FIN) only when it is done with the client, after what it still
    // paces out; the client's FIN alone closes nothing (half open, as allowHalfOpen allows).
    toBroker.on('close', () => {
      void paced.then(() => socket.end());
    });
    socket.on('data', (chunk: Buffer) => toBroker.push(chunk));
    broker.handle(toBroker);
  });
  const ticker = setInterval(() => {
    broker.publish(
      { cmd: 'publish', topic: 'pacer/tick', payload: Buffer.from('tick'), qos: 1, retain: true, dup: false },
      ignore,
    );
  }, 100);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `mqtt://user:pass@127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    async stop() {
      clearInterval(ticker);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

test('on a pacing broker that requires a login, no row is a refused login and the CLI exits within seconds of its summary', async () => {
  const broker = await startPacingBroker();
  try {
    // The delivery-fault scenarios: fault proxies (which once dropped the login: CONNACK 5, then a
    // spin at exit), withheld acks, cut and black-holed links.
    const child = spawn(
      process.execPath,
      [CLI_BIN, 'run', '--broker', broker.url, ownPath('features/conformance/qos-delivery-faults.feature')],
      { cwd: scratchDirectory('prompt-exit'), env: { ...process.env, BROKER: '' } },
    );
    let stdout = '';
    let summaryAt: number | undefined;
    let killed = false;
    let killer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (
        summaryAt === undefined &&
        /mqtt-harness: mqtt:\/\/user:\*\*\*@127\.0\.0\.1:\d+: \d+ passed/.test(stdout)
      ) {
        summaryAt = Date.now();
        killer = setTimeout(() => {
          killed = true;
          child.kill('SIGKILL');
        }, 20_000);
      }
    });
    child.stderr.on('data', ignore);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearTimeout(killer);
    assert.ok(summaryAt !== undefined, `no summary line:\n${stdout}`);
    const afterSummary = Date.now() - summaryAt;
    assert.equal(killed, false, 'the process was still running 20 s after its summary');
    assert.ok(afterSummary < 5_000, `exited ${afterSummary} ms after its summary`);
    assert.ok(code === 0 || code === 1, `exit code ${code}`);
    assert.doesNotMatch(stdout, /CONNACK return code [45]|refused the harness's login/);
  } finally {
    await broker.stop();
  }
});
