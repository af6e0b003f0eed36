import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import { InfrastructureError } from '../errors.ts';
import { BROKER_IMAGES } from './broker-images.ts';
import { buildImages } from './build-images.ts';
import { runDocker } from './docker-cli.ts';
import { dockerEngineStatus } from './docker-engine.ts';
import { inspectImage, localImages } from './local-images.ts';

// Live: needs a Docker engine (CI starts one in .ci/run). Builds what is missing (≈ 40 s with the base).
const engine = await dockerEngineStatus();
const skip = engine.available ? false : `needs a Docker engine: ${engine.reason}`;
const mosquitto = BROKER_IMAGES.find((image) => image.name === 'mosquitto');

test(
  'the Mosquitto image builds, runs with MQTT on a loopback port and accepts a real CONNECT',
  { skip, timeout: 600_000 },
  async (t) => {
    assert.ok(mosquitto);
    const results = await buildImages(['mosquitto']);
    assert.deepEqual(
      results.filter((result) => result.name !== 'base').map((result) => result.tag),
      [mosquitto.tag],
    );
    const listed = (await localImages()).find((image) => image.name === 'mosquitto');
    assert.equal(listed?.present, true);
    assert.equal(listed?.version, '2.0.11');

    const name = `mqtt-harness-images-test-${process.pid}`;
    t.after(() => runDocker(['rm', '--force', name], { timeoutMs: 30_000 }));
    const limits = ['--memory', '256m', '--cpus', '1'];
    const publish = ['--publish', `127.0.0.1::${mosquitto.mqttPort}`];
    const started = await runDocker(
      ['run', '--detach', '--name', name, ...limits, ...publish, mosquitto.tag],
      {
        timeoutMs: 60_000,
      },
    );
    assert.equal(started.code, 0, started.tail.join('\n'));

    await waitForLog(name, mosquitto.readyLog, 30_000);
    const port = await publishedPort(name, mosquitto.mqttPort);
    // [MQTT-3.2.2-3]: a CONNACK with return code 0 accepts the connection.
    assert.deepEqual([...(await connack(port))], [0x20, 0x02, 0x00, 0x00]);
  },
);

test(
  'a failed build is an infrastructure error with the last lines of its log, and keeps the old image',
  { skip, timeout: 120_000 },
  async () => {
    const before = await inspectImage('mqtt-harness/mosquitto:local');
    // A base that exists nowhere: `docker build` fails at FROM (with no registry, or with one).
    await assert.rejects(
      buildImages(['mosquitto'], { base: 'mqtt-harness/no-such-base:none' }),
      (error: unknown) => {
        assert.ok(error instanceof InfrastructureError);
        assert.match(
          error.reason,
          /^building mqtt-harness\/mosquitto:local failed \(exit \d+\); its last lines:\n/,
        );
        assert.match(error.reason, /\| Step 2\/\d+ : FROM \$\{BASE\}/);
        return true;
      },
    );
    assert.equal((await inspectImage('mqtt-harness/mosquitto:local'))?.id, before?.id);
  },
);

/** Polls `docker logs` (stdout and stderr) until `pattern` appears. */
async function waitForLog(container: string, pattern: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const logs = await runDocker(['logs', container], { timeoutMs: 10_000 });
    if (pattern.test(logs.tail.join('\n'))) return;
    if (Date.now() > deadline) assert.fail(`no ${pattern} in ${timeoutMs} ms:\n${logs.tail.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function publishedPort(container: string, port: number): Promise<number> {
  const result = await runDocker(['port', container, `${port}/tcp`], { timeoutMs: 10_000 });
  const published = /^127\.0\.0\.1:(\d+)$/m.exec(result.stdout)?.[1];
  assert.ok(published, `not published on 127.0.0.1: ${result.stdout}`);
  return Number(published);
}

/** A raw MQTT 3.1.1 CONNECT (clean session, keep-alive 60 s); resolves with the first 4 bytes back. */
function connack(port: number): Promise<Buffer> {
  const clientId = Buffer.from(`images-test-${process.pid}`);
  const variable = Buffer.from([0x00, 0x04, ...Buffer.from('MQTT'), 0x04, 0x02, 0x00, 0x3c]);
  const payload = Buffer.concat([Buffer.from([0x00, clientId.length]), clientId]);
  const remaining = variable.length + payload.length;
  const connect = Buffer.concat([Buffer.from([0x10, remaining]), variable, payload]);
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(connect));
    let received = Buffer.alloc(0);
    const timer = setTimeout(() => fail(new Error('no CONNACK within 10 s')), 10_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    };
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4) return;
      clearTimeout(timer);
      socket.end();
      resolve(received.subarray(0, 4));
    });
    socket.once('error', fail);
    socket.once('close', () => fail(new Error(`closed after ${received.length} bytes`)));
  });
}
