import { ruleGroup } from '../rule-group.ts';

/** QCS: QoS levels and the cleanSession flag (seed 001 §2 and its Table 2-1). */
export const QOS_CLEAN_SESSION_RULES = ruleGroup(
  {
    id: 'QCS',
    title: 'QoS and cleanSession',
    about: 'Delivery guarantees per QoS and what cleanSession keeps; seed 001 §2 and its Table 2-1.',
  },
  [
    {
      id: 'QCS-1',
      text: 'QoS 0 delivers at most once, QoS 1 at least once, QoS 2 exactly once.',
      source: 'seed 001 §2; MQTT 3.1.1 §4.3',
      profile: 'mqtt-3.1.1',
      check: 'wire',
    },
    {
      id: 'QCS-2',
      text:
        'cleanSession=true: a reconnecting client has none of its earlier subscriptions and gets no offline ' +
        'messages. cleanSession=false: its subscriptions persist and what arrived while it was away is delivered.',
      source: 'seed 001 §2; MQTT 3.1.1 §3.1.2.4',
      profile: 'mqtt-3.1.1',
      check: 'wire',
    },
    {
      id: 'QCS-3',
      text:
        'A client uses the same cleanSession flag on every connection (flipping it spoils offline messages); the ' +
        'harness flags a simulated client that flips it and shows what the broker does when one does.',
      source: 'seed 001 §2',
      profile: 'aliyun',
      check: 'wire',
    },
    {
      id: 'QCS-4',
      text: 'QoS 2 is not supported with cleanSession=false: such a subscription behaves as with cleanSession=true.',
      source: 'seed 001 §2',
      profile: 'aliyun',
      check: 'wire',
    },
    {
      id: 'QCS-5',
      text: "For a P2P message the sender's cleanSession setting decides whether it is kept for an offline target.",
      source: 'seed 001 §2',
      profile: 'aliyun',
      check: 'wire',
    },
    {
      id: 'QCS-6',
      text:
        'Table 2-1, per subscription QoS × cleanSession: QoS 0 (either flag) keeps nothing offline and tries an ' +
        'online client once; QoS 1/true keeps nothing offline and guarantees online delivery; QoS 1/false keeps ' +
        'offline messages and guarantees all; QoS 2/true keeps nothing offline and delivers online exactly once; ' +
        'QoS 2/false is not supported (QCS-4).',
      source: 'seed 001, Table 2-1',
      profile: 'aliyun',
      check: 'wire',
    },
  ],
);
