import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { UsageError } from '../harness/errors.ts';
import { handedRunContext, clearRunContext } from '../harness/run/run-context.ts';
import type { StartedBrokerTarget } from '../harness/targets/broker-target.ts';
import { resolveRunOptions, runContextFor } from './run-options.ts';

/** One resolution of --profile, --profile-config, --broker, --mq and --p2p for run, certify and mutants. */
const dir = mkdtempSync(path.join(tmpdir(), 'mh-run-options-'));
after(() => {
  clearRunContext();
  rmSync(dir, { recursive: true, force: true });
});

function configFile(config: object): string {
  const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(config));
  return file;
}

test("the profile is --profile, else the config's, else the command's default", () => {
  assert.equal(resolveRunOptions({}).profile, undefined); // run: the broker's own, decided by the World
  assert.equal(resolveRunOptions({}, 'aliyun').profile?.profile.name, 'aliyun');
  assert.equal(resolveRunOptions({ profile: 'mqtt-3.1.1' }, 'aliyun').profile?.profile.name, 'mqtt-3.1.1');
  const file = configFile({ profile: 'mqtt-3.1.1' });
  const resolved = resolveRunOptions({ 'profile-config': file }, 'aliyun');
  assert.equal(resolved.profile?.profile.name, 'mqtt-3.1.1');
  assert.equal(resolved.configFile, path.resolve(file));
});

test('a config for another profile than --profile, an unknown profile or --p2p is a usage error', () => {
  const file = configFile({ profile: 'mqtt-3.1.1' });
  assert.throws(() => resolveRunOptions({ profile: 'aliyun', 'profile-config': file }), UsageError);
  assert.throws(() => resolveRunOptions({ profile: 'nonsense' }), UsageError);
  assert.throws(() => resolveRunOptions({ p2p: 'sideways' }), /unknown --p2p "sideways"/);
});

test('the run context carries the P2P override, the MQ choice and the config path, and is handed over', () => {
  const started: StartedBrokerTarget = {
    spec: 'mqtt://127.0.0.1:1883',
    url: 'mqtt://127.0.0.1:1883',
    capabilities: { software: 'unknown', p2p: 'none' },
    endpoints: { amqp: 'amqp://127.0.0.1:5672' },
    stop: async () => undefined,
    [Symbol.asyncDispose]: async () => undefined,
  };
  const file = configFile({ profile: 'aliyun' });
  const resolved = resolveRunOptions({ p2p: 'client', 'profile-config': file });
  const { context, mqLine } = runContextFor(started, resolved);
  assert.equal(context.target.capabilities.p2p, 'client');
  assert.deepEqual(context.mq, { kind: 'amqp', url: 'amqp://127.0.0.1:5672' });
  assert.match(mqLine, /^amqp/);
  assert.equal(context.profile, 'aliyun');
  assert.equal(context.profileConfig, path.resolve(file));
  assert.deepEqual(handedRunContext(), context);
  assert.throws(() => runContextFor(started, resolveRunOptions({ mq: 'memory' })), UsageError);
});
