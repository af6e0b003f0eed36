import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../errors.ts';
import { parseTarget } from '../parse-target.ts';
import { imageSpecConfig } from './image-spec.ts';

void test('image=REF runs any image on 1883, ready by a real CONNECT', () => {
  const config = imageSpecConfig('image=acme/broker:4.2');
  assert.equal(config.spec, 'container:image=acme/broker:4.2');
  assert.equal(config.image, 'acme/broker:4.2');
  assert.deepEqual(config.exposedPorts, [1883]);
  assert.equal(config.readyLog, undefined);
  assert.match(config.waitStrategy, /MQTT CONNECT/);
  assert.deepEqual(config.capabilities, { software: 'acme/broker:4.2', p2p: 'none' });
  assert.equal(config.build, undefined, 'a vendor image is pulled when missing');
  assert.equal(parseTarget('container:image=acme/broker:4.2').spec, 'container:image=acme/broker:4.2');
});

void test('port, ready (commas allowed) and env.K=V options', () => {
  const config = imageSpecConfig(
    'image=registry.local:5000/acme/broker@sha256:' +
      'a'.repeat(64) +
      ',port=11883,ready=up, listening,env.MODE=test,env.X=a=b',
  );
  assert.equal(config.image, `registry.local:5000/acme/broker@sha256:${'a'.repeat(64)}`);
  assert.deepEqual(config.exposedPorts, [11883]);
  assert.equal(config.mqttPort, 11883);
  assert.equal(String(config.readyLog), '/up, listening/');
  assert.deepEqual(config.environment, { MODE: 'test', X: 'a=b' });
});

void test('an image without a tag means :latest', () => {
  assert.equal(imageSpecConfig('image=acme/broker').image, 'acme/broker:latest');
  assert.equal(imageSpecConfig('image=localhost:5000/broker').image, 'localhost:5000/broker:latest');
});

void test('every mistake is one usage line saying what to write', () => {
  const cases: [string, RegExp][] = [
    ['image=Acme/Broker', /not an image reference.*container:image=acme\/broker:4\.2,port=1883/],
    ['image=', /not an image reference/],
    ['port=1883', /names no image/],
    ['image=a:1,port=http', /port=http is not a port/],
    ['image=a:1,port=70000', /port=70000 is not a port/],
    ['image=a:1,ready=(', /not a regular expression/],
    ['image=a:1,env.1X=y', /not an environment variable name/],
    [
      'image=a:1,tls=true',
      /"tls=true" in .* is not an option; the options are port=N, ready=REGEX, env.NAME=VALUE/,
    ],
    ['image=a:1,port=1,port=2', /port is given twice/],
  ];
  for (const [text, message] of cases) {
    assert.throws(
      () => imageSpecConfig(text),
      (error: unknown) => {
        assert.ok(error instanceof UsageError, text);
        assert.doesNotMatch(error.message, /\n/, 'one line');
        assert.match(error.message, message, text);
        return true;
      },
    );
  }
});
