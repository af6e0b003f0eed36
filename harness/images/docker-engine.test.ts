import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { InfrastructureError } from '../errors.ts';
import { dockerEngineStatus, requireDockerEngine } from './docker-engine.ts';

/** Runs `body` with environment variables changed, restoring them afterwards. */
async function withEnv<T>(changes: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(changes).map((key) => [key, process.env[key]]));
  Object.assign(process.env, changes);
  try {
    return await body();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

test('an engine that is not there is "no Docker engine found" with what the CLI said', async () => {
  await withEnv({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' }, async () => {
    const status = await dockerEngineStatus();
    assert.equal(status.available, false);
    await assert.rejects(requireDockerEngine(), (error: unknown) => {
      assert.ok(error instanceof InfrastructureError);
      assert.match(error.reason, /^no Docker engine found: /);
      // Either the CLI's own words about the socket, or that there is no CLI at all.
      assert.match(error.reason, /nonexistent\/docker\.sock|docker CLI is not installed/);
      assert.doesNotMatch(error.reason, /\n/);
      return true;
    });
  });
});

test('no docker CLI at all says what to install', async (t) => {
  const empty = await mkdtemp(path.join(os.tmpdir(), 'mqtt-harness-nopath-'));
  t.after(() => rm(empty, { recursive: true, force: true }));
  await withEnv({ PATH: empty }, async () => {
    const status = await dockerEngineStatus();
    assert.deepEqual(status, {
      available: false,
      reason:
        'no Docker engine found: the docker CLI is not installed (apt-get install -y docker.io); ' +
        'install and start one (README "Brokers in containers") or use --broker process:mosquitto',
    });
  });
});
