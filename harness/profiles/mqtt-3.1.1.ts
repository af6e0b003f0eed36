import type { Profile } from './profile.ts';

/**
 * Plain MQTT 3.1.1 (OASIS). Client IDs are opaque: a server MUST accept 1–23 UTF-8 bytes
 * [MQTT-3.1.3-5] and MAY accept more, so the 23 is declared as a floor and a broker's real maximum is
 * only measured and recorded. A second CONNECT with an ID in use is judged by the @takeover scenarios
 * under [MQTT-3.1.4-2]; the CID-4 scenario only records it here (`duplicateId: 'record'`), since the
 * duplicate-ID policy is aliyun's setting (refuse or takeover).
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
