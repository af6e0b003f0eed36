import { ruleGroup } from '../rule-group.ts';

/** MQM: how MQTT messages map to and from the MQ side (seed 004). */
export const MQ_MAPPING_RULES = ruleGroup(
  {
    id: 'MQM',
    title: 'MQTT ↔ MQ message mapping',
    about: 'How a message crosses between MQTT clients and MQ (server-side) applications; seed 004.',
  },
  [
    {
      id: 'MQM-1',
      text:
        'The MQTT parent topic is the MQ topic; MQ topics have one level, so the MQTT subtopics travel in the MQ ' +
        'property `mqttSecondTopic`.',
      source: 'seed 004 §2',
      profile: 'aliyun',
      check: 'wire',
    },
    {
      id: 'MQM-2',
      text: 'The payload crosses byte for byte in both directions; neither side re-encodes it.',
      source: 'seed 004 §2',
      profile: 'aliyun',
      check: 'wire',
    },
    {
      id: 'MQM-3',
      text: 'Property `qoslevel` (0, 1, 2): an MQ sender may set it (default 1); every MQTT→MQ message carries it.',
      source: 'seed 004 (property mapping)',
      profile: 'aliyun',
      check: 'wire',
    },
    {
      id: 'MQM-4',
      text:
        'Property `cleansessionflag` (true, false): an MQ sender may set it on P2P messages only (default true); ' +
        'every MQTT→MQ message carries it.',
      source: 'seed 004 (property mapping)',
      profile: 'aliyun',
      check: 'wire',
    },
    {
      id: 'MQM-5',
      text:
        'Property `mqttSecondTopic`: an MQ sender sets it to reach a subtopic (default: none); every MQTT→MQ ' +
        'message carries it.',
      source: 'seed 004 (property mapping)',
      profile: 'aliyun',
      check: 'wire',
    },
    {
      id: 'MQM-6',
      text:
        'Property `mqttRealTopic`: an MQ sender sets it so the client sees that topic, mostly for P2P; MQTT→MQ ' +
        'messages never carry it.',
      source: 'seed 004 (property mapping)',
      profile: 'aliyun',
      check: 'wire',
    },
    {
      id: 'MQM-7',
      text: "Property `clientId`: an MQ sender cannot set it; every MQTT→MQ message carries the sender's client ID.",
      source: 'seed 004 (property mapping)',
      profile: 'aliyun',
      check: 'wire',
    },
    {
      id: 'MQM-8',
      text: "Order: the uplink keeps each client's order; the downlink promises none.",
      source: 'seed 004, Table 1-2',
      profile: 'aliyun',
      check: 'wire',
    },
  ],
);
