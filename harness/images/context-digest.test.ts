import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { contextDigest } from './context-digest.ts';

test('a context digest changes with any file of the context and with the base, and only then', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mqtt-harness-digest-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(path.join(dir, 'Dockerfile'), 'FROM ${BASE}\n');
  await mkdir(path.join(dir, 'conf'));
  await writeFile(path.join(dir, 'conf', 'broker.conf'), 'listener 1883\n');
  const first = await contextDigest(dir, 'mqtt-harness/debian:bookworm');
  assert.equal(await contextDigest(dir, 'mqtt-harness/debian:bookworm'), first);
  assert.notEqual(await contextDigest(dir, 'debian:bookworm-slim'), first);
  await writeFile(path.join(dir, 'conf', 'broker.conf'), 'listener 1884\n');
  assert.notEqual(await contextDigest(dir, 'mqtt-harness/debian:bookworm'), first);
});
