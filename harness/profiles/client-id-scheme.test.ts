import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALIYUN } from './aliyun.ts';
import { clientIdFor, clientIdScheme } from './client-id-scheme.ts';
import { MQTT_3_1_1 } from './mqtt-3.1.1.ts';

test('client IDs are <GroupID><separator><DeviceID> under the profile (CID-1)', () => {
  assert.equal(clientIdFor(ALIYUN, 'GID_x', 'dev'), 'GID_x@@@dev');
  // A profile without client-ID rules keeps the same shape, which any broker accepts.
  assert.equal(clientIdFor(MQTT_3_1_1, 'GID_x', 'dev'), 'GID_x@@@dev');
  assert.equal(clientIdFor({ clientId: { ...ALIYUN.clientId!, separator: '#' } }, 'g', 'd'), 'g#d');
});

test('parse splits an ID with exactly one separator, overlaps counted', () => {
  const scheme = clientIdScheme(ALIYUN);
  assert.deepEqual(scheme.parse('GID_x@@@dev_1'), { groupId: 'GID_x', deviceId: 'dev_1' });
  assert.equal(scheme.parse('no-separator'), undefined);
  assert.equal(scheme.parse('a@@@@b'), undefined);
  assert.equal(scheme.parse('a@@@b@@@c'), undefined);
});
