import { ruleGroup } from '../rule-group.ts';

/** P2P: point-to-point messages (seeds 001, 004 and the public product docs). */
export const P2P_RULES = ruleGroup(
  {
    id: 'P2P',
    title: 'Point-to-point messages',
    about:
      'Messages addressed to one client by its client ID; seeds 001 and 004 and the public product docs.',
  },
  [
    {
      id: 'P2P-1',
      text: 'A P2P message reaches exactly one client, named by its client ID, without that client subscribing.',
      source: 'seed 001 §2; seed 000',
      profile: 'aliyun',
      check: 'wire',
    },
    {
      id: 'P2P-2',
      text:
        'The P2P topic is `<ParentTopic>/p2p/<TargetClientID>` (public docs; the seeds only link to it); the ' +
        'harness takes the format from the profile, never from code.',
      source: 'seed 000 (link); public product docs',
      profile: 'aliyun',
      check: 'wire',
    },
    {
      id: 'P2P-3',
      text:
        'A P2P message sent from the MQ side may set `cleansessionflag` (default true) and `mqttRealTopic` (the ' +
        'topic the client sees; without it, a fixed P2P topic). See MQM-4 and MQM-6.',
      source: 'seed 004 §2',
      profile: 'aliyun',
      check: 'wire',
    },
  ],
);
