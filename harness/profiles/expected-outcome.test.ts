import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALIYUN } from './aliyun.ts';
import { expectedClientId, expectedTopic } from './expected-outcome.ts';
import { MQTT_3_1_1 } from './mqtt-3.1.1.ts';
import { measure } from './profile.ts';

const id = (device: string) => `GID_harness@@@${device}`;
const ruleOf = (outcome: ReturnType<typeof expectedClientId>) => (outcome.allowed ? 'allowed' : outcome.rule);

test('CID-2 counts characters: 64 three-byte characters are allowed, 65 are not', () => {
  const at64 = id('中'.repeat(64 - 14));
  assert.equal(measure(at64, 'characters'), 64);
  assert.equal(measure(at64, 'bytes'), 14 + 50 * 3);
  assert.equal(ruleOf(expectedClientId(ALIYUN, at64)), 'allowed');
  assert.equal(ruleOf(expectedClientId(ALIYUN, id('中'.repeat(51)))), 'CID-2');
  assert.equal(ruleOf(expectedClientId(ALIYUN, id('😀'.repeat(50)))), 'allowed'); // 100 UTF-16 units, 64 characters
});

test('CID-1 wants exactly one separator, overlaps counted, and two non-empty parts', () => {
  for (const bad of [
    'GID_harness@@dev',
    'GID_harnessdev',
    'GID_harness@@@a@@@b',
    'GID_harness@@@@dev',
    '@@@dev',
    'GID_harness@@@',
  ]) {
    assert.equal(ruleOf(expectedClientId(ALIYUN, bad)), 'CID-1', bad);
  }
});

test('CID-3 refuses invisible characters, PUB-3 reserved ones, CID-5 unknown groups', () => {
  for (const char of [
    '\u0000',
    '\t',
    ' ',
    '\u00a0',
    '\u200b',
    '\u200d',
    '\u2060',
    '\ufeff',
    '\u00ad',
    '\u202e',
    '\u3000',
    '\u0085',
  ]) {
    assert.equal(ruleOf(expectedClientId(ALIYUN, id(`a${char}b`))), 'CID-3', JSON.stringify(char));
  }
  for (const char of ['é', '中', '😀', '-', '_', '.'])
    assert.equal(ruleOf(expectedClientId(ALIYUN, id(`a${char}b`))), 'allowed');
  for (const char of [':', ',', '%', '/'])
    assert.equal(ruleOf(expectedClientId(ALIYUN, id(`a${char}b`))), 'PUB-3');
  assert.equal(ruleOf(expectedClientId(ALIYUN, 'GID_other@@@dev')), 'CID-5');
});

test('MQTT 3.1.1 judges no client ID shape', () => {
  assert.equal(ruleOf(expectedClientId(MQTT_3_1_1, 'x'.repeat(200))), 'allowed');
  assert.equal(ruleOf(expectedClientId(MQTT_3_1_1, 'a b')), 'allowed');
});

test('topics: TOP-3 length, PUB-3 reserved characters, TOP-2 provisioned parent', () => {
  assert.equal(ruleOf(expectedTopic(ALIYUN, `harness/${'x'.repeat(56)}`)), 'allowed');
  assert.equal(ruleOf(expectedTopic(ALIYUN, `harness/${'x'.repeat(57)}`)), 'TOP-3');
  assert.equal(ruleOf(expectedTopic(ALIYUN, 'harness/a:b')), 'PUB-3');
  assert.equal(ruleOf(expectedTopic(ALIYUN, 'other/a')), 'TOP-2');
  assert.equal(ruleOf(expectedTopic(ALIYUN, '#')), 'TOP-2');
  assert.equal(ruleOf(expectedTopic(ALIYUN, 'harness/#')), 'allowed');
});
