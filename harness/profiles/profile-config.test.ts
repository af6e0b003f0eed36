import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../errors.ts';
import { MQTT_3_1_1 } from './mqtt-3.1.1.ts';
import { deniedPublishTopic } from './profile.ts';
import { applyProfileConfig, validateProfileConfig } from './profile-config.ts';

void test('deniedPublishTopic: a topic name the run may not publish to, laid over the profile [MQTT-3.3.5-2]', () => {
  const config = validateProfileConfig({ deniedPublishTopic: 'acl/denied' }, 'cfg.json');
  const profile = applyProfileConfig(MQTT_3_1_1, config);
  assert.equal(profile.deniedPublishTopic, 'acl/denied');
  assert.equal(applyProfileConfig(MQTT_3_1_1, {}).deniedPublishTopic, undefined);
});

void test('deniedPublishTopic: the profile config wins over the target, the target is the fallback', () => {
  const configured = applyProfileConfig(MQTT_3_1_1, { deniedPublishTopic: 'acl/denied' });
  assert.equal(deniedPublishTopic(configured, { deniedPublishTopic: 'target/own' }), 'acl/denied');
  assert.equal(deniedPublishTopic(MQTT_3_1_1, { deniedPublishTopic: 'target/own' }), 'target/own');
  assert.equal(deniedPublishTopic(MQTT_3_1_1, {}), undefined);
});

void test('deniedPublishTopic: a bad value is a one-line usage error', () => {
  for (const bad of ['', 'a/#', 'a/+/b', 42, ['a'], 'a\u0000b', 'x'.repeat(65_536)]) {
    assert.throws(
      () => validateProfileConfig({ deniedPublishTopic: bad }, 'cfg.json'),
      (error: unknown) =>
        error instanceof UsageError &&
        /^cfg\.json: deniedPublishTopic /.test(error.message) &&
        !error.message.includes('\n'),
      JSON.stringify(bad).slice(0, 20),
    );
  }
});
