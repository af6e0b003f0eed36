import { MQTT_3_1_1 } from './mqtt-3.1.1.ts';
import type { Profile } from './profile.ts';

/** 64 KB as the product's limits page means it (PUB-1): 65 536 bytes. */
const SIXTY_FOUR_KB = 64 * 1024;

/**
 * Alibaba Cloud Message Queue for MQTT, as the seeds and the public docs describe it (docs/rules.md).
 *
 * Lengths count **characters** (Unicode code points), because the seeds say 字符 (characters), not
 * bytes: 64 × `中` (192 UTF-8 bytes) is a valid client ID, 65 × `中` is not. The scenarios check both
 * sides with 3-byte and 4-byte characters, so a broker that counts bytes or UTF-16 units fails CID-2.
 */
export const ALIYUN: Profile = {
  name: 'aliyun',
  title: 'Alibaba Cloud Message Queue for MQTT (aliyun)',
  includes: [MQTT_3_1_1.name],
  featureTags: '@MQTT-3.1.1 or @aliyun',
  notApplicable: {
    '@broker-wide':
      'subscribes to a filter outside any parent topic (a top-level "#" or "+"), which TOP-2 forbids: every topic lives under a provisioned parent topic',
    '@any-client-id':
      'expects a client ID that MQTT 3.1.1 allows (1-23 alphanumerics, an empty one) to be judged as MQTT 3.1.1 judges it; CID-1 and CID-5 narrow client IDs, and the CID scenarios judge them',
    '@takeover':
      'expects a second CONNECT with an online client ID to take the first over [MQTT-3.1.4-2]; CID-4 refuses it instead, as the @CID-4 scenario judges',
    '@persistent-qos2-session':
      'expects a kept QoS 2 session with cleanSession=false, which QCS-4 rules out: the @QCS-4 examples judge that cell',
  },
  limits: {
    clientIdLength: { max: 64, unit: 'characters' }, // CID-2
    topicLength: { max: 64, unit: 'characters' }, // TOP-3
    payloadBytes: SIXTY_FOUR_KB, // PUB-1
    subscriptionsPerClient: 30, // PUB-2
  },
  clientId: { separator: '@@@', forbidInvisible: true, reservedCharacters: ['/', ':', ',', '%'] }, // CID-1, CID-3, PUB-3
  duplicateId: 'refuse', // CID-4: the seed's default; `takeover` is the profile's other setting
  provisioning: { groupIds: ['GID_harness'], parentTopics: ['harness'] }, // CID-5, TOP-2
  p2pTopicFormat: '{parent}/p2p/{clientId}', // P2P-2
  publishRefusal:
    'the message is not delivered (dropped, or the connection is closed: MQTT 3.1.1 has no negative PUBACK)',
  auth: ['anonymous', 'signature', 'token'], // PUB-4, SEC-3
};
