import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../errors.ts';
import { parseTarget } from './parse-target.ts';

test('embedded is the default target', () => {
  assert.equal(parseTarget(undefined).spec, 'embedded');
  assert.equal(parseTarget('').spec, 'embedded');
  assert.equal(parseTarget('embedded:plain').spec, 'embedded:plain');
});

test('URLs name existing brokers, with credentials kept out of the spec', () => {
  assert.equal(parseTarget('mqtt://127.0.0.1:1883').spec, 'mqtt://127.0.0.1:1883');
  assert.equal(parseTarget('ws://broker.local:8083/mqtt').spec, 'ws://broker.local:8083/mqtt');
  assert.equal(
    parseTarget('mqtts://user:secret@broker.local:8883').spec,
    'mqtts://user:***@broker.local:8883',
  );
});

test('process, container and compose forms', () => {
  assert.equal(parseTarget('process:mosquitto').spec, 'process:mosquitto');
  assert.equal(parseTarget('container:emqx').spec.startsWith('container:emqx'), true);
  assert.equal(parseTarget('compose:emqx').spec, 'compose:emqx');
});

test('an unknown target lists the valid forms', () => {
  assert.throws(
    () => parseTarget('nonsense'),
    (error: unknown) =>
      error instanceof UsageError &&
      error.message.includes('unknown broker target "nonsense"') &&
      error.message.includes('process:mosquitto') &&
      error.message.includes('container:emqx') &&
      error.message.includes('mqtt://host:port'),
  );
  assert.throws(() => parseTarget('process:nosuchbroker'), UsageError);
  assert.throws(() => parseTarget('mqtt://'), UsageError);
});
