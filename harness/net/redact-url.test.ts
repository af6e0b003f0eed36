import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InfrastructureError } from '../errors.ts';
import { redactUrl, redactUrlsIn } from './redact-url.ts';

test('a URL keeps everything but its password', () => {
  assert.equal(redactUrl('mqtts://user:s3cret@broker:8883'), 'mqtts://user:***@broker:8883');
  assert.equal(redactUrl('amqp://guest:guest@127.0.0.1:5672/'), 'amqp://guest:***@127.0.0.1:5672');
  assert.equal(redactUrl('mqtt://broker:1883'), 'mqtt://broker:1883');
});

test('every URL in a message is masked, also in infrastructure errors', () => {
  const text = 'could not connect to mqtt://u:s3cret@h:1 nor to ws://a:b@h2/mqtt';
  assert.equal(redactUrlsIn(text), 'could not connect to mqtt://u:***@h:1 nor to ws://a:***@h2/mqtt');
  assert.doesNotMatch(new InfrastructureError(text).message, /s3cret/);
});
