import type { Profile } from './profile.ts';

/**
 * Plain MQTT 3.1.1 (OASIS). Client IDs are opaque: a server MUST accept 1–23 UTF-8 bytes
 * [MQTT-3.1.3-5] and MAY accept more, so the 23 is declared as a floor and a broker's real maximum is
 * only measured and recorded. The brief treats a second CONNECT with an ID in use as implementation
 * behaviour to record (takeover is what [MQTT-3.1.4-2] describes; aliyun refuses), so it is not judged.
 */
export const MQTT_3_1_1: Profile = {
  name: 'mqtt-3.1.1',
  title: 'MQTT 3.1.1 (OASIS standard)',
  includes: [],
  featureTags: '@MQTT-3.1.1',
  notApplicable: {
    '@aliyun':
      'an aliyun rule; MQTT 3.1.1 leaves client ID shape, topic provisioning and these limits to the broker',
  },
  limits: { clientIdLength: { max: 23, unit: 'bytes' } },
  duplicateId: 'record',
  auth: ['anonymous'],
};
